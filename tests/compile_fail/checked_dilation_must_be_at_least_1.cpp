// expect-message: conv1d: dilation must be at least 1, got 0 in spatial dim 0
// expect-rule: dilation_must_be_at_least_1
// A 1-D convolution given dilation 0 for "no gaps between taps", which is
// dilation 1.
#include <convshape/convshape.hpp>

namespace cs = convshape;

constexpr auto audio = cs::ncw(1, 16, 100);
static_assert(cs::ok<cs::try_conv(audio, {.filters = 16, .kernel = 3, .dilation = 1})> == cs::ncw(1, 16, 98));

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto y = cs::ok<cs::try_conv(audio, {.filters = 16, .kernel = 3, .dilation = 0})>;
#endif
