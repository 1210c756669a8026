// expect: stride_must_be_at_least_1
#include <convshape/convshape.hpp>

namespace cs = convshape;

static_assert(cs::conv2d(cs::nhwc(1, 28, 28, 3), {.filters = 8, .kernel = 3, .strides = {1, 2}}) ==
              cs::nhwc(1, 26, 13, 8));

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto y =
    cs::conv2d(cs::nhwc(1, 28, 28, 3), {.filters = 8, .kernel = 3, .strides = {1, 0}});
#endif
