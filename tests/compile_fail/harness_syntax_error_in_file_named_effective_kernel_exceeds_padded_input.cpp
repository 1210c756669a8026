// expect: effective_kernel_exceeds_padded_input
// harness: must-not-pass
// Harness check: compile_fail files are named after their phrase, and the
// compiler prints the file name with every error; the runner hides it, so a
// typo in such a file does not pass by matching its own name.
#include <convshape/convshape.hpp>

namespace cs = convshape;

constexpr auto y = cs::conv2d(cs::nhwc(1, 28, 28, 3), {.filters = 8, .kernel = 5})
static_assert(y.channels() == 8);
