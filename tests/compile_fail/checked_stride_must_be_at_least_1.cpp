// expect-message: avg_pool2d: stride must be at least 1, got 0 in spatial dim 0
// expect-rule: stride_must_be_at_least_1
// An average pool given strides 0 for "as the window" (PyTorch's stride=None):
// leaving the strides out says that.
#include <convshape/convshape.hpp>

namespace cs = convshape;

constexpr auto x = cs::nchw(1, 256, 8, 8);
static_assert(cs::ok<cs::try_avg_pool(x, {.window = 2})> == cs::nchw(1, 256, 4, 4));

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto y = cs::ok<cs::try_avg_pool(x, {.window = 2, .strides = 0})>;
#endif
