#include <catch2/catch.hpp>
#include <convshape/convshape.hpp>

namespace cs = convshape;

TEST_CASE("seed examples from the issue", "[seed]") {
  constexpr auto x = cs::nhwc(4, 28, 28, 3);
  constexpr auto y = cs::conv2d(x, {.filters = 16, .kernel = 5, .strides = 2, .padding = cs::same});
  STATIC_REQUIRE(y == cs::nhwc(4, 14, 14, 16));

  constexpr auto p = cs::nchw(1, 64, 32, 32);  // dilation 2, padding 1: 30x30, not 32x32
  STATIC_REQUIRE(cs::conv2d(p, {.filters = 128, .kernel = 3, .padding = 1, .dilation = 2}) ==
                 cs::nchw(1, 128, 30, 30));

  constexpr auto up = cs::conv2d_transpose(cs::nhwc(32, 28, 28, 64), {.filters = 3, .kernel = 3});
  STATIC_REQUIRE(up == cs::nhwc(32, 30, 30, 3));
}
