// expect-message: NCHW: input extent must be at least 1, got 0 in spatial dim 0
// expect-rule: input_extent_must_be_at_least_1
// A ViT's grid of patches, side / patch, for a patch larger than the image:
// integer division makes it 0, and the compile error names the dimension.
#include <convshape/convshape.hpp>

namespace cs = convshape;

constexpr auto patch_grid(std::int64_t side, std::int64_t patch) {
  return cs::try_make_shape<cs::layout::nchw>(1, 768, {side / patch, side / patch});
}
static_assert(cs::ok<patch_grid(224, 16)> == cs::nchw(1, 768, 14, 14));

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto grid = cs::ok<patch_grid(224, 256)>;
#endif
