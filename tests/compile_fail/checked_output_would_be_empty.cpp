// expect-message: resize2d: size must be at least 1, got 0 in spatial dim 0
// expect-rule: output_would_be_empty
// A resize to 1/32 of the map, as a stride-32 head expects, of a 16x16 map:
// integer division leaves a size of 0.
#include <convshape/convshape.hpp>

namespace cs = convshape;

constexpr auto to_stride_32(const cs::nchw_shape& x) {
  return cs::try_resize(x, {.size = {x.height() / 32, x.width() / 32}});
}
static_assert(cs::ok<to_stride_32(cs::nchw(1, 256, 64, 64))> == cs::nchw(1, 256, 2, 2));

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto y = cs::ok<to_stride_32(cs::nchw(1, 256, 16, 16))>;
#endif
