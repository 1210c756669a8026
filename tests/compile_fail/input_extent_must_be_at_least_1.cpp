// expect: input_extent_must_be_at_least_1
// Every extent of a shape is at least 1; a batch of 0 is rejected when the
// shape is made, before any layer sees it.
#include <convshape/convshape.hpp>

namespace cs = convshape;

static_assert(cs::nhwc(1, 28, 28, 3).batch() == 1);  // the boundary compiles

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto x = cs::nhwc(0, 28, 28, 3);
#endif
