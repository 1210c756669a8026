// expect: groups_must_divide_input_channels
// 2 groups divide the 8 filters but not the 3 input channels.
#include <convshape/convshape.hpp>

namespace cs = convshape;

static_assert(cs::conv2d(cs::nhwc(1, 28, 28, 4), {.filters = 8, .kernel = 3, .groups = 2}) ==
              cs::nhwc(1, 26, 26, 8));

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto y =
    cs::conv2d(cs::nhwc(1, 28, 28, 3), {.filters = 8, .kernel = 3, .groups = 2});
#endif
