// expect: filters_must_be_at_least_1
#include <convshape/convshape.hpp>

namespace cs = convshape;

static_assert(cs::conv2d(cs::nhwc(1, 28, 28, 3), {.filters = 1, .kernel = 3}) == cs::nhwc(1, 26, 26, 1));

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto y = cs::conv2d(cs::nhwc(1, 28, 28, 3), {.filters = 0, .kernel = 3});
#endif
