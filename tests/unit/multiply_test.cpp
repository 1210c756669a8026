// Elementwise product with broadcasting: shapes, errors, and the layer in a
// network (squeeze-and-excitation).
#include <string>

#include "support.hpp"

using test::fails_with;
using test::opaque;

TEST_CASE("multiply broadcasts an extent of 1 to the other side's, as ONNX Mul and Keras' Multiply do", "[multiply]") {
  // Squeeze-and-excitation: a map scaled by one weight per channel.
  CHECK_BOTH(cs::multiply(opaque(cs::nchw(1, 32, 11, 9)), cs::nchw(1, 32, 1, 1)) == cs::nchw(1, 32, 11, 9));
  CHECK_BOTH(cs::multiply(opaque(cs::nchw(1, 32, 1, 1)), cs::nchw(1, 32, 11, 9)) == cs::nchw(1, 32, 11, 9));
  // Keras: (H, W, C) by (1, 1, C), channels last.
  CHECK_BOTH(cs::multiply(opaque(cs::nhwc(2, 16, 16, 24)), cs::nhwc(2, 1, 1, 24)) == cs::nhwc(2, 16, 16, 24));
  // Each side may give the larger extent of another dimension; batch and channels broadcast too.
  CHECK_BOTH(cs::multiply(opaque(cs::ncw(1, 4, 1)), cs::ncw(3, 1, 7)) == cs::ncw(3, 4, 7));
  CHECK_BOTH(cs::multiply(opaque(cs::ndhwc(1, 5, 1, 3, 1)), cs::ndhwc(1, 1, 6, 3, 8)) == cs::ndhwc(1, 5, 6, 3, 8));
  CHECK_BOTH(cs::multiply(opaque(cs::nchw(2, 3, 4, 5)), cs::nchw(2, 3, 4, 5)) == cs::nchw(2, 3, 4, 5));
  // add does not broadcast.
  CHECK_BOTH(!cs::try_add(opaque(cs::nchw(1, 32, 11, 9)), cs::nchw(1, 32, 1, 1)));
}

TEST_CASE("multiply names both shapes where an extent neither matches nor is 1", "[multiply]") {
  CHECK_BOTH(fails_with(cs::try_multiply(opaque(cs::nchw(1, 32, 11, 9)), cs::nchw(1, 16, 1, 1), "se"),
                        cs::errc::shapes_differ,
                        "multiply 'se': channels must be equal or 1 on one side to broadcast, got NCHW(1, 32, 11, 9) "
                        "and NCHW(1, 16, 1, 1)"));
  CHECK_BOTH(fails_with(cs::try_multiply(opaque(cs::nchw(1, 8, 4, 5)), cs::nchw(1, 8, 4, 3)), cs::errc::shapes_differ,
                        "multiply: extents in spatial dim 1 must be equal or 1 on one side to broadcast, got "
                        "NCHW(1, 8, 4, 5) and NCHW(1, 8, 4, 3)"));
  CHECK_BOTH(fails_with(cs::try_multiply(opaque(cs::ncw(2, 8, 4)), cs::ncw(3, 8, 4)), cs::errc::shapes_differ,
                        "multiply: batch must be equal or 1 on one side to broadcast, got NCW(2, 8, 4) and NCW(3, 8, 4)"));
  CHECK_BOTH(fails_with(cs::try_multiply(cs::ncw(1, 8, 4), cs::shape<cs::layout::ncw>{1, 8, {opaque(0)}}),
                        cs::errc::extent_below_one, "multiply: input extent must be at least 1, got 0 in spatial dim 0"));
  CHECK_THROWS_AS(cs::multiply(opaque(cs::ncw(1, 2, 4)), cs::ncw(1, 3, 4)), cs::shape_error);
}

namespace {

/// A squeeze-and-excitation block: the map, scaled by weights computed from
/// its global average.
template <class Net>
constexpr Net squeeze_excite_into(Net net) {
  auto x = net(net.input(), cs::conv2d({.filters = 32, .kernel = 3, .padding = 1}, "conv"));
  auto s = net(x, cs::global_avg_pool("squeeze"));
  s = net(s, cs::conv2d({.filters = 8, .kernel = 1}, "reduce"));
  s = net(s, cs::activation("relu"));
  s = net(s, cs::conv2d({.filters = 32, .kernel = 1}, "expand"));
  s = net(s, cs::activation("sigmoid"));
  net.multiply(x, s, "scale");
  return net;
}

}  // namespace

TEST_CASE("multiply in a network: no weights, the receptive field joined as add joins it", "[multiply][network]") {
  constexpr auto net = squeeze_excite_into(cs::network<cs::layout::nchw, 8, cs::torch>(cs::nchw(1, 3, 11, 9)));
  STATIC_REQUIRE(net.at("scale").kind == cs::layer_kind::multiply);
  STATIC_REQUIRE(net.at("scale").output == cs::nchw(1, 32, 11, 9));
  STATIC_REQUIRE(net.at("scale").params == 0);
  STATIC_REQUIRE(net.at("scale").macs == 0);
  STATIC_REQUIRE(net.at("scale").input_count == 2);
  // The pooled branch's jump is the map's size, the map's 1: no one field.
  STATIC_REQUIRE(!net.at("scale").receptive_field.defined);
  STATIC_REQUIRE(test::same_text(cs::name(cs::layer_kind::multiply), "multiply"));

  // Branches of one jump: the union of their fields, as for add.
  constexpr auto joined = [] {
    cs::network<cs::layout::ncw, 4> n(cs::ncw(1, 2, 16));
    const auto a = n(n.input(), cs::conv1d({.filters = 2, .kernel = 3, .padding = 1}));
    const auto b = n(n.input(), cs::conv1d({.filters = 1, .kernel = 5, .padding = cs::pads<1>(1, 3)}));
    n.multiply(a, b);
    return n;
  }();
  STATIC_REQUIRE(joined[3].output == cs::ncw(1, 2, 16));
  // [-1, 2) and [-1, 4): [-1, 4).
  STATIC_REQUIRE(joined[3].receptive_field.size == cs::per_dim<1>(5));
  STATIC_REQUIRE(joined[3].receptive_field.start == cs::per_dim<1>(-1));

  // At run time, the error names the layer.
  cs::network<cs::layout::nchw, 4> run(opaque(cs::nchw(1, 4, 6, 6)));
  const auto pooled = run(run.input(), cs::max_pool2d({.window = 2}));
  const auto bad = run.try_merge(cs::layer_kind::multiply, run.input(), pooled, "scale");
  REQUIRE(!bad);
  CHECK(std::string(bad.error().what()) ==
        "layer 2 'scale' (multiply): multiply 'scale': extents in spatial dim 0 must be equal or 1 on one side to "
        "broadcast, got NCHW(1, 4, 6, 6) and NCHW(1, 4, 3, 3)");
  CHECK(run.size() == 2);
  CHECK(run.multiply(run.input(), run.input()).shape == cs::nchw(1, 4, 6, 6));
}
