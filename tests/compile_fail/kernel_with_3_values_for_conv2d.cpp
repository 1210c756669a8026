// expect: cannot convert .* to (type )?'const (convshape::)?conv_params<2>
// A 2-D convolution takes one kernel extent, or two; three is a 3-D kernel.
#include <convshape/convshape.hpp>

namespace cs = convshape;

static_assert(cs::conv2d(cs::nhwc(1, 28, 28, 3), {.filters = 8, .kernel = {3, 5}}) == cs::nhwc(1, 26, 24, 8));

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto y = cs::conv2d(cs::nhwc(1, 28, 28, 3), {.filters = 8, .kernel = {3, 3, 3}});
#endif
