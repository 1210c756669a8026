// expect-message: conv2d: effective kernel 7 (kernel 7, dilation 1) exceeds padded input 5 in spatial dim 0
// expect-rule: effective_kernel_exceeds_padded_input
// A 7x7 kernel on a 5x5 map, through the checked spelling: the compile error
// shows the kernel, the input and the dimension.
#include <convshape/convshape.hpp>

namespace cs = convshape;

constexpr auto x = cs::nchw(1, 3, 5, 5);
static_assert(cs::ok<cs::try_conv(x, {.filters = 8, .kernel = 5})> == cs::nchw(1, 8, 1, 1));

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto y = cs::ok<cs::try_conv(x, {.filters = 8, .kernel = 7})>;
#endif
