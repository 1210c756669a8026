// expect-message: conv2d (torch): padding='same' is not supported for strided convolutions
// expect-rule: the_chosen_framework_rejects_this_configuration
// PyTorch refuses padding='same' with a stride: the compile error gives
// PyTorch's own words.
#include <convshape/convshape.hpp>

namespace cs = convshape;

constexpr auto x = cs::nchw(1, 3, 32, 32);
static_assert(cs::ok<cs::try_conv<cs::torch>(x, {.filters = 8, .kernel = 3, .padding = cs::same})> ==
              cs::nchw(1, 8, 32, 32));

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto y =
    cs::ok<cs::try_conv<cs::torch>(x, {.filters = 8, .kernel = 3, .strides = 2, .padding = cs::same})>;
#endif
