// expect: effective_kernel_exceeds_padded_input
// A 5x5 kernel needs at least 5x5 of (padded) input.
#include <convshape/convshape.hpp>

namespace cs = convshape;

static_assert(cs::conv2d(cs::nhwc(1, 5, 5, 3), {.filters = 8, .kernel = 5}) == cs::nhwc(1, 1, 1, 8));

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto y = cs::conv2d(cs::nhwc(1, 4, 4, 3), {.filters = 8, .kernel = 5});
#endif
