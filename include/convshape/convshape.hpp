// convshape: compile-time output shapes of convolution-family layers.
//
//   #include <convshape/convshape.hpp>
//   constexpr auto y = convshape::conv2d(convshape::nhwc(4, 28, 28, 3),
//                                        {.filters = 16, .kernel = 5, .strides = 2, .padding = convshape::same});
//   static_assert(y == convshape::nhwc(4, 14, 14, 16));
//
// The folders are the tiers, each built on the ones before it:
//   core/        shapes, layouts, per-dimension values, padding, errors
//   frameworks/  whose rules a layer follows, and each framework's departures
//   layers/      one header per layer: parameters, shape rule, its rules in a
//                network (network/layer.hpp lists them and includes them all)
//   network/     layers as values, networks, shape programs, receptive fields
//   solve/       inverse problems: of a layer, of a chain of layers
// Opt-in, outside this header: <convshape/fmt.hpp> (formatters) and
// <convshape/summary.hpp> (model summary), both needing {fmt}, and
// <convshape/reference.hpp> (naive kernels on real tensors).
#pragma once

#include "checked.hpp"
#include "core/error.hpp"
#include "core/layout.hpp"
#include "core/padding.hpp"
#include "core/per_dim.hpp"
#include "core/receptive_field.hpp"
#include "core/shape.hpp"
#include "frameworks/framework.hpp"
#include "network/layer.hpp"
#include "network/network.hpp"
#include "network/program.hpp"
#include "solve/layer.hpp"
#include "solve/network.hpp"
#include "version.hpp"
