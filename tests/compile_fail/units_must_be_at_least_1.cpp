// expect: units_must_be_at_least_1
// A dense layer with no units.
#include <convshape/convshape.hpp>

namespace cs = convshape;

static_assert(cs::dense(cs::flatten(cs::nchw(1, 16, 5, 5)), {.units = 10}) == cs::flat_shape{1, 10});

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto y = cs::dense(cs::flatten(cs::nchw(1, 16, 5, 5)), {.units = 0});
#endif
