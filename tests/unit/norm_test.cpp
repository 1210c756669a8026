// Layers that keep the shape and count parameters per channel: layer
// normalization and a learned per-channel scale and shift (affine).
#include <string>

#include "support.hpp"

using test::opaque;

TEST_CASE("layer_norm and affine keep the shape", "[layer_norm][affine]") {
  CHECK_BOTH(cs::layer_norm(opaque(cs::nhwc(1, 56, 56, 96))) == cs::nhwc(1, 56, 56, 96));
  CHECK_BOTH(cs::affine(opaque(cs::nchw(2, 96, 7, 7))) == cs::nchw(2, 96, 7, 7));
  CHECK_BOTH(cs::try_elementwise(cs::shape<cs::layout::ncw>{1, opaque(0), {4}}, "layer_norm").error().code ==
             cs::errc::extent_below_one);
  CHECK_THROWS_AS(cs::affine(cs::shape<cs::layout::ncw>{opaque(0), 1, {4}}), cs::shape_error);
  STATIC_REQUIRE(cs::affine_params{} == cs::affine_params{true, true});
  STATIC_REQUIRE(cs::affine({.shift = false}, "gamma").affine == cs::affine_params{true, false});
  STATIC_REQUIRE(cs::layer<2>(cs::affine({.scale = false})).affine.shift);
  STATIC_REQUIRE(cs::layer_norm("ln").kind == cs::layer_kind::layer_norm);
  STATIC_REQUIRE(test::same_text(cs::name(cs::layer_kind::layer_norm), "layer_norm"));
  STATIC_REQUIRE(test::same_text(cs::name(cs::layer_kind::affine), "affine"));
}

namespace {

/// A ConvNeXt block: a depthwise 7x7 convolution, layer normalization over
/// the channels, an inverted bottleneck of 1x1 convolutions, the layer
/// scale (a per-channel scale without shift) and the residual sum.
template <class Net>
constexpr Net convnext_block_into(Net net) {
  const auto x = net.input();
  auto y = net(x, cs::depthwise_conv<2>({.kernel = 7, .padding = cs::same}, "dwconv"));
  y = net(y, cs::layer_norm("norm"));
  y = net(y, cs::conv2d({.filters = 4 * 96, .kernel = 1}, "pwconv1"));
  y = net(y, cs::activation("gelu"));
  y = net(y, cs::conv2d({.filters = 96, .kernel = 1}, "pwconv2"));
  y = net(y, cs::affine({.shift = false}, "gamma"));
  net.add(x, y, "residual");
  return net;
}

}  // namespace

TEST_CASE("a network counts 2 parameters a channel for layer_norm, scale + shift for affine", "[layer_norm][affine]") {
  constexpr auto net = convnext_block_into(cs::network<cs::layout::nchw, 8, cs::onnx>(cs::nchw(1, 96, 56, 56)));
  STATIC_REQUIRE(net.at("norm").kind == cs::layer_kind::layer_norm);
  STATIC_REQUIRE(net.at("norm").output == cs::nchw(1, 96, 56, 56));
  STATIC_REQUIRE(net.at("norm").params == 2 * 96);
  STATIC_REQUIRE(net.at("gamma").kind == cs::layer_kind::affine);
  STATIC_REQUIRE(net.at("gamma").params == 96);
  STATIC_REQUIRE(net.at("gamma").macs == 0);
  // torchvision's convnext_tiny block: 7x7x96 + 96, 2 x 96, 96 x 384 + 384, 384 x 96 + 96, 96.
  STATIC_REQUIRE(net.params() == (49 * 96 + 96) + 2 * 96 + (96 * 384 + 384) + (384 * 96 + 96) + 96);
  // The fields pass through both unchanged.
  STATIC_REQUIRE(net.at("gamma").receptive_field.size == cs::per_dim<2>(7));

  // After flatten, per feature: the bias Add of a MatMul, a LayerNorm over the features.
  constexpr auto flat = cs::sequential(cs::nchw(2, 8, 2, 2), cs::flatten(), cs::dense({.units = 10, .bias = false}),
                                       cs::affine({.scale = false}, "bias"), cs::layer_norm("ln"));
  STATIC_REQUIRE(flat.at("bias").params == 10);
  STATIC_REQUIRE(flat.at("ln").params == 20);
  STATIC_REQUIRE(flat.at("ln").flat && flat.at("ln").flat_output() == cs::flat_shape{2, 10});
  STATIC_REQUIRE(cs::sequential(cs::ncw(1, 5, 3), cs::affine({.scale = false, .shift = false})).params() == 0);

  // Counts that overflow are reported, naming the layer.
  cs::network<cs::layout::ncw, 2> big(opaque(cs::ncw(1, test::int64_max / 2 + 1, 1)));
  const auto bad = big.try_apply(big.input(), cs::layer_norm("ln"));
  REQUIRE(!bad);
  CHECK(std::string(bad.error().what()) ==
        "layer 1 'ln' (layer_norm): parameter or multiply-accumulate count overflows int64");
  CHECK(big.try_apply(big.input(), cs::affine({.shift = false})));
}
