// expect-message: dense: in_features 256 does not match the input's 400 features (1, 400)
// expect-rule: shapes_must_match
// A dense layer declared for 256 features after a 16x5x5 flatten (400): the
// compile error gives both numbers.
#include <convshape/convshape.hpp>

namespace cs = convshape;

constexpr auto features = cs::flat_shape{1, 400};
static_assert(cs::ok<cs::try_dense(features, {.in_features = 400, .units = 120})> == cs::flat_shape{1, 120});

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto y = cs::ok<cs::try_dense(features, {.in_features = 256, .units = 120})>;
#endif
