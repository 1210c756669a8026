// expect: scale_must_be_at_least_1
// Upsampling by 0 in one dimension.
#include <convshape/convshape.hpp>

namespace cs = convshape;

static_assert(cs::upsample(cs::nhwc(1, 8, 8, 3), {.scale = {2, 1}}) == cs::nhwc(1, 16, 8, 3));

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto y = cs::upsample(cs::nhwc(1, 8, 8, 3), {.scale = {2, 0}});
#endif
