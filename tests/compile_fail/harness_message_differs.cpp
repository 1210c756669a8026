// expect-message: conv2d: effective kernel 7 (kernel 8, dilation 1) exceeds padded input 5 in spatial dim 0
// expect-rule: effective_kernel_exceeds_padded_input
// harness: must-not-pass
// Harness check: the message is compared, not only found. This is
// checked_effective_kernel_exceeds_padded_input.cpp expecting "kernel 8" for
// "kernel 7", a digit among the first characters of its 29-character line,
// which clang++ 14 shows too: a message one digit off fails.
#include <convshape/convshape.hpp>

namespace cs = convshape;

constexpr auto x = cs::nchw(1, 3, 5, 5);
static_assert(cs::ok<cs::try_conv(x, {.filters = 8, .kernel = 5})> == cs::nchw(1, 8, 1, 1));

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto y = cs::ok<cs::try_conv(x, {.filters = 8, .kernel = 7})>;
#endif
