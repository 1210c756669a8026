// expect: pad_must_not_be_negative
#include <convshape/convshape.hpp>

namespace cs = convshape;

static_assert(cs::conv2d(cs::nhwc(1, 28, 28, 3), {.filters = 8, .kernel = 3, .padding = 0}) ==
              cs::nhwc(1, 26, 26, 8));

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto y =
    cs::conv2d(cs::nhwc(1, 28, 28, 3), {.filters = 8, .kernel = 3, .padding = -1});
#endif
