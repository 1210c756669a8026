// Explicit padding as a layer: shapes, crops, each framework's refusals, and
// the layer in a network (tests/golden/pad.jsonl holds the frameworks' own
// answers).
#include <string>

#include "support.hpp"

using test::fails_with;
using test::opaque;

TEST_CASE("pad adds begin and end to each spatial extent, in every rank and layout", "[pad]") {
  CHECK_BOTH(cs::pad2d(opaque(cs::nchw(1, 3, 5, 5)), {.begin = {1, 0}, .end = {2, 1}}) == cs::nchw(1, 3, 8, 6));
  CHECK_BOTH(cs::pad2d(opaque(cs::nhwc(2, 5, 7, 3)), {.begin = 1, .end = 1}) == cs::nhwc(2, 7, 9, 3));
  CHECK_BOTH(cs::pad1d(opaque(cs::ncw(1, 4, 10)), {.begin = 3}) == cs::ncw(1, 4, 13));
  CHECK_BOTH(cs::pad3d(opaque(cs::ndhwc(1, 2, 3, 4, 5)), {.begin = {0, 1, 2}, .end = {3, 0, 1}}) ==
             cs::ndhwc(1, 5, 4, 7, 5));
  CHECK_BOTH(cs::pad(opaque(cs::nchw(1, 1, 2, 2)), cs::pad_params<2>{}) == cs::nchw(1, 1, 2, 2));
}

TEST_CASE("a negative pad crops, and the generic rule and ONNX want only an extent left", "[pad]") {
  CHECK_BOTH(cs::pad2d(opaque(cs::nchw(1, 1, 11, 11)), {.begin = {-3, 0}, .end = {0, -3}}) == cs::nchw(1, 1, 8, 8));
  // Cropping 6 of 5 and padding 8 leaves 7 zeros: well defined, and ONNX Runtime's answer.
  CHECK_BOTH(cs::pad1d(opaque(cs::ncw(1, 1, 5)), {.begin = -6, .end = 8}) == cs::ncw(1, 1, 7));
  CHECK_BOTH(cs::pad1d<cs::onnx>(opaque(cs::ncw(1, 1, 5)), {.begin = -6, .end = 8}) == cs::ncw(1, 1, 7));
  CHECK_BOTH(fails_with(cs::try_pad(opaque(cs::ncw(1, 1, 5)), cs::pad_params<1>{.begin = -3, .end = -2}),
                        cs::errc::empty_output, "pad1d: pads -3+-2 leave no output of input 5 in spatial dim 0"));
  CHECK_BOTH(fails_with(cs::try_pad<cs::onnx>(opaque(cs::nchw(1, 1, 4, 4)), cs::pad_params<2>{.end = {0, -9}}),
                        cs::errc::empty_output,
                        "pad2d (onnx): pads 0+-9 leave no output of input 4 in spatial dim 1"));
}

TEST_CASE("PyTorch crops before it pads, and Keras pads only", "[pad][framework]") {
  CHECK_BOTH(cs::pad2d<cs::torch>(opaque(cs::nchw(1, 3, 11, 11)), {.begin = {-3, 0}, .end = {0, -3}}) ==
             cs::nchw(1, 3, 8, 8));
  CHECK_BOTH(fails_with(cs::try_pad<cs::torch>(opaque(cs::ncw(1, 1, 5)), cs::pad_params<1>{.begin = -6, .end = 8}),
                        cs::errc::not_supported,
                        "pad1d (torch): PyTorch crops a negative pad from the input first: begin pad -6 crops more "
                        "than the 5 elements there in spatial dim 0"));
  CHECK_BOTH(fails_with(cs::try_pad<cs::torch>(opaque(cs::ncw(1, 1, 5)), cs::pad_params<1>{.begin = 2, .end = -7}),
                        cs::errc::not_supported,
                        "pad1d (torch): PyTorch crops a negative pad from the input first: end pad -7 crops more "
                        "than the 5 elements there in spatial dim 0"));
  CHECK_BOTH(fails_with(cs::try_pad<cs::torch>(opaque(cs::ncw(1, 1, 5)), cs::pad_params<1>{.begin = -2, .end = -4}),
                        cs::errc::not_supported,
                        "pad1d (torch): PyTorch crops a negative pad from the input first: end pad -4 crops more "
                        "than the 3 elements there in spatial dim 0"));
  CHECK_BOTH(cs::pad2d<cs::keras>(opaque(cs::nhwc(1, 5, 5, 3)), {.begin = {1, 2}, .end = {3, 4}}) ==
             cs::nhwc(1, 9, 11, 3));
  CHECK_BOTH(fails_with(cs::try_pad<cs::keras>(opaque(cs::nhwc(1, 5, 5, 3)), cs::pad_params<2>{.end = {0, -1}}),
                        cs::errc::not_supported,
                        "pad2d (keras): Keras' ZeroPadding needs pads >= 0, got -1 at the end in spatial dim 1"));
}

TEST_CASE("pad checks its input and reports overflow", "[pad]") {
  CHECK_BOTH(fails_with(cs::try_pad(cs::shape<cs::layout::nchw>{1, 1, {opaque(0), 3}}, cs::pad_params<2>{.begin = 1}),
                        cs::errc::extent_below_one, "pad: input extent must be at least 1, got 0 in spatial dim 0"));
  CHECK_BOTH(fails_with(cs::try_pad(opaque(cs::ncw(1, 1, test::int64_max)), cs::pad_params<1>{.end = 1}),
                        cs::errc::overflow, "pad1d: padded extent overflows int64 in spatial dim 0"));
  CHECK_THROWS_AS(cs::pad1d(opaque(cs::ncw(1, 1, 5)), {.begin = -5}), cs::shape_error);
}

TEST_CASE("pad in a network: no weights, the receptive field shifted by the begin pad", "[pad][network]") {
  constexpr auto net = cs::sequential<cs::torch>(cs::nchw(1, 3, 32, 32), cs::pad2d({.begin = {2, 1}, .end = {0, 1}}, "p"),
                                                 cs::conv2d({.filters = 8, .kernel = 3}, "c"));
  STATIC_REQUIRE(net.at("p").kind == cs::layer_kind::pad);
  STATIC_REQUIRE(net.at("p").output == cs::nchw(1, 3, 34, 34));
  STATIC_REQUIRE(net.at("p").params == 0);
  STATIC_REQUIRE(net.at("p").macs == 0);
  STATIC_REQUIRE(net.at("c").output == cs::nchw(1, 8, 32, 32));
  STATIC_REQUIRE(net.at("c").receptive_field.start == cs::per_dim<2>(-2, -1));
  STATIC_REQUIRE(net.at("c").receptive_field.size == cs::per_dim<2>(3));
  STATIC_REQUIRE(test::same_text(cs::name(cs::layer_kind::pad), "pad"));

  // The same network at run time, and its error naming the layer.
  cs::network<cs::layout::nchw, 3, cs::torch> run(opaque(cs::nchw(1, 3, 4, 4)));
  const auto x = run(run.input(), cs::pad2d({.begin = -2}, "crop"));
  CHECK(x.shape == cs::nchw(1, 3, 2, 2));
  const auto bad = run.try_apply(x, cs::pad2d({.begin = -3}, "over"));
  REQUIRE(!bad);
  CHECK(std::string(bad.error().what()) ==
        "layer 2 'over' (pad): pad2d (torch): PyTorch crops a negative pad from the input first: begin pad -3 crops "
        "more than the 2 elements there in spatial dim 0");
}

TEST_CASE("pad's layer values carry their parameters", "[pad][network]") {
  STATIC_REQUIRE(cs::pad2d({.begin = {1, 2}}, "p").pad.begin == cs::per_dim<2>(1, 2));
  STATIC_REQUIRE(cs::pad1d({.end = 3}).pad.end == cs::per_dim<1>(3));
  STATIC_REQUIRE(cs::pad3d({.begin = 1}).kind == cs::layer_kind::pad);
  STATIC_REQUIRE(cs::pad(cs::pad_params<2>{.begin = 1}).pad == cs::pad_params<2>{.begin = 1});
}
