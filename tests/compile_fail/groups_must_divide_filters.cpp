// expect: groups_must_divide_filters
// 2 groups divide the 4 input channels but not the 3 filters.
#include <convshape/convshape.hpp>

namespace cs = convshape;

static_assert(cs::conv2d(cs::nhwc(1, 28, 28, 4), {.filters = 4, .kernel = 3, .groups = 2}) ==
              cs::nhwc(1, 26, 26, 4));

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto y =
    cs::conv2d(cs::nhwc(1, 28, 28, 4), {.filters = 3, .kernel = 3, .groups = 2});
#endif
