// A flat tensor back to a map (Keras' Reshape((1, 1, F)), ONNX's Reshape or
// Unsqueeze to [N, F, 1, 1]): shapes, errors, and the layer in a network.
#include <string>

#include "support.hpp"

using test::fails_with;
using test::opaque;

TEST_CASE("unflatten makes (batch, features) a map of extents 1 in any layout", "[unflatten]") {
  CHECK_BOTH(cs::unflatten<cs::layout::nchw>(cs::flat_shape{opaque(2), 32}) == cs::nchw(2, 32, 1, 1));
  CHECK_BOTH(cs::unflatten<cs::layout::nhwc>(cs::flat_shape{opaque(1), 24}) == cs::nhwc(1, 1, 1, 24));
  CHECK_BOTH(cs::unflatten<cs::layout::ncw>(cs::flat_shape{opaque(3), 5}) == cs::ncw(3, 5, 1));
  CHECK_BOTH(cs::unflatten<cs::layout::ndhwc>(cs::flat_shape{opaque(1), 7}) == cs::ndhwc(1, 1, 1, 1, 7));
  // The round trip through flatten, of a map whose extents are 1.
  CHECK_BOTH(cs::unflatten<cs::layout::nchw>(cs::flatten(opaque(cs::nchw(4, 64, 1, 1)))) == cs::nchw(4, 64, 1, 1));
}

TEST_CASE("unflatten wants a batch and features of at least 1", "[unflatten]") {
  CHECK_BOTH(fails_with(cs::try_unflatten<cs::layout::nchw>(cs::flat_shape{opaque(0), 3}), cs::errc::extent_below_one,
                        "unflatten: input batch must be at least 1, got 0"));
  CHECK_BOTH(fails_with(cs::try_unflatten<cs::layout::nhwc>(cs::flat_shape{1, opaque(-4)}), cs::errc::extent_below_one,
                        "unflatten: input features must be at least 1, got -4"));
  CHECK_THROWS_AS(cs::unflatten<cs::layout::ncw>(cs::flat_shape{1, opaque(0)}), cs::shape_error);
  // dense reports its input as before.
  CHECK_BOTH(fails_with(cs::try_dense(cs::flat_shape{opaque(0), 3}, {.units = 2}), cs::errc::extent_below_one,
                        "dense: input batch must be at least 1, got 0"));
}

namespace {

/// Keras' squeeze-and-excitation: global pool to (N, C), two dense layers,
/// Reshape((1, 1, C)), and the map scaled by it.
template <class Net>
constexpr Net keras_squeeze_excite_into(Net net) {
  const auto x = net(net.input(), cs::conv2d({.filters = 16, .kernel = 3, .padding = cs::same}, "conv"));
  auto s = net(x, cs::global_avg_pool("squeeze"));
  s = net(s, cs::flatten("flat"));
  s = net(s, cs::dense({.units = 4}, "reduce"));
  s = net(s, cs::dense({.units = 16}, "expand"));
  s = net(s, cs::unflatten("reshape"));
  net.multiply(x, s, "scale");
  return net;
}

}  // namespace

TEST_CASE("unflatten in a network: the flat record becomes a map again", "[unflatten][network]") {
  constexpr auto net = keras_squeeze_excite_into(cs::network<cs::layout::nhwc, 8, cs::keras>(cs::nhwc(1, 12, 10, 3)));
  STATIC_REQUIRE(net.at("reshape").kind == cs::layer_kind::unflatten);
  STATIC_REQUIRE(net.at("expand").flat);
  STATIC_REQUIRE(!net.at("reshape").flat);
  STATIC_REQUIRE(net.at("reshape").output == cs::nhwc(1, 1, 1, 16));
  STATIC_REQUIRE(net.at("reshape").params == 0);
  STATIC_REQUIRE(!net.at("reshape").receptive_field.defined);
  STATIC_REQUIRE(net.at("scale").output == cs::nhwc(1, 12, 10, 16));
  STATIC_REQUIRE(net.params() == (3 * 9 * 16 + 16) + (16 * 4 + 4) + (4 * 16 + 16));
  STATIC_REQUIRE(test::same_text(cs::name(cs::layer_kind::unflatten), "unflatten"));

  // A map after it takes convolutions again.
  constexpr auto conv_after = cs::sequential(cs::nchw(2, 3, 4, 4), cs::flatten(), cs::dense({.units = 8}),
                                             cs::unflatten(), cs::conv2d({.filters = 5, .kernel = 1}, "c"));
  STATIC_REQUIRE(conv_after.at("c").output == cs::nchw(2, 5, 1, 1));
  STATIC_REQUIRE(conv_after.at("c").params == 8 * 5 + 5);

  // It wants a flat input.
  cs::network<cs::layout::nchw, 3> run(opaque(cs::nchw(1, 3, 4, 4)));
  const auto bad = run.try_apply(run.input(), cs::unflatten("u"));
  REQUIRE(!bad);
  CHECK(bad.error().code == cs::errc::wrong_rank);
  CHECK(std::string(bad.error().what()) ==
        "layer 1 'u' (unflatten): needs a flattened input, got NCHW(1, 3, 4, 4): add flatten before it");
}
