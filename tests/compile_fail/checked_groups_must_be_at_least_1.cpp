// expect-message: conv3d: groups must be at least 1, got 0
// expect-rule: groups_must_be_at_least_1
// A 3-D convolution given groups 0 for "not grouped", which is groups 1.
#include <convshape/convshape.hpp>

namespace cs = convshape;

constexpr auto clip = cs::ncdhw(1, 16, 8, 32, 32);
static_assert(cs::ok<cs::try_conv(clip, {.filters = 32, .kernel = 3, .padding = 1})> == cs::ncdhw(1, 32, 8, 32, 32));

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto y = cs::ok<cs::try_conv(clip, {.filters = 32, .kernel = 3, .padding = 1, .groups = 0})>;
#endif
