// expect: effective_kernel_exceeds_padded_input
// harness: must-not-pass
// Harness check: a file that fails for an unrelated reason (here a missing
// semicolon) does not pass as a compile_fail test: the phrase must match.
#include <convshape/convshape.hpp>

namespace cs = convshape;

constexpr auto y = cs::conv2d(cs::nhwc(1, 28, 28, 3), {.filters = 8, .kernel = 5})
static_assert(y.channels() == 8);
