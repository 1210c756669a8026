// The program every consumer project here builds, however it gets convshape
// (find_package, add_subdirectory, FetchContent, the packages): it compiles
// only if convshape::convshape carries the include path and C++20 to it, and
// it runs the same kind of layer on a size known only at run time.
#include <convshape/convshape.hpp>

#include <cstdint>
#include <cstdio>

namespace cs = convshape;

static_assert(cs::conv2d(cs::nchw(1, 3, 32, 32), {.filters = 8, .kernel = 3, .padding = 1}) ==
              cs::nchw(1, 8, 32, 32));

int main(int argc, char**) {
  const std::int64_t side = 31 + argc;  // 32 when run without arguments, unknown to the compiler
  const auto y = cs::conv2d(cs::nchw(1, 3, side, side), {.filters = 8, .kernel = 3, .strides = 2, .padding = 1});
  std::printf("conv2d of NCHW(1, 3, %lld, %lld), 8 filters, kernel 3, stride 2, padding 1: "
              "NCHW(%lld, %lld, %lld, %lld)\n",
              static_cast<long long>(side), static_cast<long long>(side), static_cast<long long>(y[0]),
              static_cast<long long>(y[1]), static_cast<long long>(y[2]), static_cast<long long>(y[3]));
  return y == cs::nchw(1, 8, 16, 16) ? 0 : 1;
}
