// expect: kernel_must_be_at_least_1
// The kernel defaults to 0 so that forgetting it is an error, not a 0x0 kernel.
#include <convshape/convshape.hpp>

namespace cs = convshape;

static_assert(cs::conv2d(cs::nhwc(1, 28, 28, 3), {.filters = 8, .kernel = {1, 3}}) == cs::nhwc(1, 28, 26, 8));

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto y = cs::conv2d(cs::nhwc(1, 28, 28, 3), {.filters = 8});
#endif
