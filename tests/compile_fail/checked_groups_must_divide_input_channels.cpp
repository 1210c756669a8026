// expect-message: channel_shuffle: groups 3 must divide input channels 116
// expect-rule: groups_must_divide_input_channels
// ShuffleNet v1's 3 groups on a stage of ShuffleNet v2, whose 116 channels
// split in 2.
#include <convshape/convshape.hpp>

namespace cs = convshape;

constexpr auto x = cs::nchw(1, 116, 28, 28);
static_assert(cs::ok<cs::try_channel_shuffle(x, {.groups = 2})> == x);

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto y = cs::ok<cs::try_channel_shuffle(x, {.groups = 3})>;
#endif
