// expect: output_padding_must_be_smaller_than_stride_or_dilation
#include <convshape/convshape.hpp>

namespace cs = convshape;

static_assert(cs::conv2d_transpose(cs::nhwc(1, 7, 7, 3),
                                   {.filters = 8, .kernel = 3, .strides = 2, .output_padding = 1}) ==
              cs::nhwc(1, 16, 16, 8));

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto y =
    cs::conv2d_transpose(cs::nhwc(1, 7, 7, 3), {.filters = 8, .kernel = 3, .strides = 2, .output_padding = 2});
#endif
