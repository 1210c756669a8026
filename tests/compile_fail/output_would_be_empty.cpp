// expect: output_would_be_empty
// The full transposed output of a 1x1 input and a 3x3 kernel is 3x3; pads of
// 1 on each side crop it to 1x1, pads of 2 to nothing.
#include <convshape/convshape.hpp>

namespace cs = convshape;

static_assert(cs::conv2d_transpose(cs::nhwc(1, 1, 1, 3), {.filters = 8, .kernel = 3, .padding = 1}) ==
              cs::nhwc(1, 1, 1, 8));

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto y =
    cs::conv2d_transpose(cs::nhwc(1, 1, 1, 3), {.filters = 8, .kernel = 3, .padding = 2});
#endif
