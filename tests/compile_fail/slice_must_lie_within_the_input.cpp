// expect: slice_must_lie_within_the_input
// A channel slice that reaches past the input's channels: ShuffleNet's
// second branch of 116 channels is [58, 116), not [58, 117).
#include <convshape/convshape.hpp>

namespace cs = convshape;

static_assert(cs::channel_slice(cs::nchw(1, 116, 28, 28), {.begin = 58, .end = 116}) == cs::nchw(1, 58, 28, 28));

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto y = cs::channel_slice(cs::nchw(1, 116, 28, 28), {.begin = 58, .end = 117});
#endif
