// expect-message: depthwise_conv2d: depth_multiplier must be at least 1, got 0
// expect-rule: filters_must_be_at_least_1
// A depthwise convolution given depth_multiplier 0 for "no extra channels",
// which is 1: no filters at all.
#include <convshape/convshape.hpp>

namespace cs = convshape;

constexpr auto x = cs::nhwc(1, 112, 112, 32);
static_assert(cs::ok<cs::try_depthwise_conv(x, {.kernel = 3, .padding = cs::same})> == cs::nhwc(1, 112, 112, 32));

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto y =
    cs::ok<cs::try_depthwise_conv(x, {.kernel = 3, .padding = cs::same, .depth_multiplier = 0})>;
#endif
