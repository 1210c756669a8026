// expect-message: crop2d: crops must be at least 0, got -2 at the end in spatial dim 0
// expect-rule: pad_must_not_be_negative
// A crop written as Python's slice x[2:-2], with the end as a negative index:
// a crop counts the elements it removes.
#include <convshape/convshape.hpp>

namespace cs = convshape;

constexpr auto x = cs::nchw(1, 64, 64, 64);
static_assert(cs::ok<cs::try_crop(x, {.begin = 2, .end = 2})> == cs::nchw(1, 64, 60, 60));

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto y = cs::ok<cs::try_crop(x, {.begin = 2, .end = -2})>;
#endif
