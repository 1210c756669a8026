// expect-message: expected NCHW(1, 128, 32, 32), got NCHW(1, 128, 30, 30)
// A 3x3 convolution dilated 2 with padding 1 does not keep a 32x32 map:
// expect_eq shows what was expected and what came out, as
// static_assert(a == b) cannot.
#include <convshape/convshape.hpp>

namespace cs = convshape;

constexpr auto y = cs::conv2d(cs::nchw(1, 3, 32, 32), {.filters = 128, .kernel = 3, .padding = 1, .dilation = 2});
static_assert(cs::expect_eq<y, cs::nchw(1, 128, 30, 30)>);

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
static_assert(cs::expect_eq<y, cs::nchw(1, 128, 32, 32)>);
#endif
