// expect: (no match for 'operator=='|invalid operands to binary expression) \(.*nchw_shape.* and .*nhwc_shape
// The layout is part of a shape's type: NCHW and NHWC shapes never compare,
// even when they describe the same tensor.
#include <convshape/convshape.hpp>

namespace cs = convshape;

static_assert(cs::to_channels_last(cs::nchw(1, 3, 8, 8)) == cs::nhwc(1, 8, 8, 3));

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
static_assert(cs::nchw(1, 3, 8, 8) == cs::nhwc(1, 8, 8, 3));
#endif
