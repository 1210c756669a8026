// convshape: compile-time output shapes of convolution-family layers.
//
//   #include <convshape/convshape.hpp>
//   constexpr auto y = convshape::conv2d(convshape::nhwc(4, 28, 28, 3),
//                                        {.filters = 16, .kernel = 5, .strides = 2, .padding = convshape::same});
//   static_assert(y == convshape::nhwc(4, 14, 14, 16));
//
// Formatting support for {fmt} is opt-in: <convshape/fmt.hpp>.
#pragma once

#include "conv.hpp"
#include "conv_transpose.hpp"
#include "error.hpp"
#include "framework.hpp"
#include "layout.hpp"
#include "padding.hpp"
#include "per_dim.hpp"
#include "plan.hpp"
#include "pool.hpp"
#include "shape.hpp"
#include "version.hpp"
