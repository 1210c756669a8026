// expect-compiles
// Harness check: the compiler, flags and include path the compile_fail tests
// use accept a valid program, so their failures come from the code under test.
#include <convshape/convshape.hpp>

namespace cs = convshape;

static_assert(__cplusplus >= 202002L);

constexpr auto y = cs::conv2d(cs::nhwc(4, 28, 28, 3), {.filters = 16, .kernel = 5, .strides = 2, .padding = cs::same});
static_assert(y == cs::nhwc(4, 14, 14, 16));
static_assert(cs::max_pool2d(y, {.window = 2}) == cs::nhwc(4, 7, 7, 16));

int main() { return y.channels() == 16 ? 0 : 1; }
