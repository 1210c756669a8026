// expect-message: max_pool2d: window must be at least 1, got 0 in spatial dim 0
// expect-rule: kernel_must_be_at_least_1
// A max pool given its stride and not its window, which has no default.
#include <convshape/convshape.hpp>

namespace cs = convshape;

constexpr auto x = cs::nchw(1, 64, 112, 112);
static_assert(cs::ok<cs::try_max_pool(x, {.window = 3, .strides = 2, .padding = 1})> == cs::nchw(1, 64, 56, 56));

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto y = cs::ok<cs::try_max_pool(x, {.strides = 2, .padding = 1})>;
#endif
