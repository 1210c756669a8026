// expect-message: conv_transpose2d: output_padding 2 in spatial dim 0 must be smaller than stride 2 or dilation 1
// expect-rule: output_padding_must_be_smaller_than_stride_or_dilation
// output_padding 2 to reach 33x33 from 16x16 through a stride-2 up-convolution:
// it only picks among the outputs the stride leaves, so it stays below 2.
#include <convshape/convshape.hpp>

namespace cs = convshape;

constexpr auto x = cs::nchw(1, 64, 16, 16);
static_assert(cs::ok<cs::try_conv_transpose(
                  x, {.filters = 32, .kernel = 3, .strides = 2, .padding = 1, .output_padding = 1})> ==
              cs::nchw(1, 32, 32, 32));

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto y = cs::ok<cs::try_conv_transpose(
    x, {.filters = 32, .kernel = 3, .strides = 2, .padding = 1, .output_padding = 2})>;
#endif
