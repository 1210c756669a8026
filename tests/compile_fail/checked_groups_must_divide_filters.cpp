// expect-message: conv_transpose2d: groups 4 must divide filters 3
// expect-rule: groups_must_divide_filters
// A decoder of grouped up-convolutions whose last one, to RGB, keeps the 4
// groups: 3 filters do not split in 4.
#include <convshape/convshape.hpp>

namespace cs = convshape;

constexpr auto x = cs::nchw(1, 64, 16, 16);
static_assert(cs::ok<cs::try_conv_transpose(x, {.filters = 32, .kernel = 2, .strides = 2, .groups = 4})> ==
              cs::nchw(1, 32, 32, 32));

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto y =
    cs::ok<cs::try_conv_transpose(x, {.filters = 3, .kernel = 2, .strides = 2, .groups = 4})>;
#endif
