// Consumer of convshape made available by FetchContent: compiles only if the
// target carries the include path and C++20 to this program.
#include <convshape/convshape.hpp>

namespace cs = convshape;

static_assert(cs::conv2d(cs::nchw(1, 3, 32, 32), {.filters = 8, .kernel = 3, .padding = 1}) ==
              cs::nchw(1, 8, 32, 32));

int main() { return 0; }
