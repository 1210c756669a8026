// expect-message: upsample: scale must be at least 1, got 0 in spatial dim 0
// expect-rule: scale_must_be_at_least_1
// Halving a map written as an upsample by 1 / 2, which integer division
// makes 0.
#include <convshape/convshape.hpp>

namespace cs = convshape;

constexpr auto x = cs::nhwc(1, 8, 8, 3);
static_assert(cs::ok<cs::try_upsample(x, {.scale = 2})> == cs::nhwc(1, 16, 16, 3));

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto y = cs::ok<cs::try_upsample(x, {.scale = 1 / 2})>;
#endif
