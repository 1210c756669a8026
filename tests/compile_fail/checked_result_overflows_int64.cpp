// expect-message: flatten: the feature count of NCDHW(1, 16, 1048576, 1048576, 1048576) overflows int64
// expect-rule: result_overflows_int64
// Flattening 16 channels of a 3-D volume of 2^20 voxels a side: 2^64
// features do not fit in int64.
#include <convshape/convshape.hpp>

namespace cs = convshape;

constexpr std::int64_t side = std::int64_t{1} << 20;
static_assert(cs::ok<cs::try_flatten(cs::ncdhw(1, 1, side, side, side))> == cs::flat_shape{1, side * side * side});

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto y = cs::ok<cs::try_flatten(cs::ncdhw(1, 16, side, side, side))>;
#endif
