// convshape: compile-time output shapes of convolution-family layers.
//
//   #include <convshape/convshape.hpp>
//   constexpr auto y = convshape::conv2d(convshape::nhwc(4, 28, 28, 3),
//                                        {.filters = 16, .kernel = 5, .strides = 2, .padding = convshape::same});
//   static_assert(y == convshape::nhwc(4, 14, 14, 16));
//
// Formatting support for {fmt} is opt-in: <convshape/fmt.hpp>, and the model
// summary <convshape/summary.hpp>.
#pragma once

#include "conv.hpp"
#include "conv_transpose.hpp"
#include "depthwise.hpp"
#include "elementwise.hpp"
#include "error.hpp"
#include "flat.hpp"
#include "framework.hpp"
#include "layer.hpp"
#include "layout.hpp"
#include "merge.hpp"
#include "network.hpp"
#include "padding.hpp"
#include "per_dim.hpp"
#include "plan.hpp"
#include "pool.hpp"
#include "program.hpp"
#include "receptive_field.hpp"
#include "resize.hpp"
#include "shape.hpp"
#include "solve.hpp"
#include "version.hpp"
