// expect-message: channel_slice: channels [58, 117) must lie within the input's 116, [0, 116)
// expect-rule: slice_must_lie_within_the_input
// ShuffleNet v2's second branch of 116 channels written [58, 117): the end
// is one past the last channel, 116.
#include <convshape/convshape.hpp>

namespace cs = convshape;

constexpr auto x = cs::nchw(1, 116, 28, 28);
static_assert(cs::ok<cs::try_channel_slice(x, {.begin = 58, .end = 116})> == cs::nchw(1, 58, 28, 28));

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto y = cs::ok<cs::try_channel_slice(x, {.begin = 58, .end = 117})>;
#endif
