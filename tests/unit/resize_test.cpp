// Resizing to a target size (ONNX Resize with sizes, Keras' Resizing,
// F.interpolate(size=...)): shapes, errors, and the layer in a network.
#include <string>

#include "support.hpp"

using test::fails_with;
using test::opaque;

TEST_CASE("resize gives the target extents and keeps batch and channels, in every rank and layout", "[resize]") {
  // fcn_resnet50's head: 1x21x28x28 to the input's 224x224.
  CHECK_BOTH(cs::resize2d(opaque(cs::nchw(1, 21, 28, 28)), {.size = {224, 224}}) == cs::nchw(1, 21, 224, 224));
  CHECK_BOTH(cs::resize2d(opaque(cs::nhwc(4, 480, 640, 3)), {.size = {224, 160}}) == cs::nhwc(4, 224, 160, 3));
  CHECK_BOTH(cs::resize1d(opaque(cs::ncw(2, 8, 100)), {.size = 7}) == cs::ncw(2, 8, 7));
  CHECK_BOTH(cs::resize3d(opaque(cs::ndhwc(1, 4, 5, 6, 2)), {.size = {8, 1, 12}}) == cs::ndhwc(1, 8, 1, 12, 2));
  CHECK_BOTH(cs::resize(opaque(cs::nchw(1, 1, 9, 9)), cs::resize_params<2>{.size = 9}) == cs::nchw(1, 1, 9, 9));
  CHECK_BOTH(cs::resize(opaque(cs::nchw(1, 1, 9, 9)), cs::resize_params<2>{.size = 1}) == cs::nchw(1, 1, 1, 1));
}

TEST_CASE("resize wants every size at least 1, and names the one that is not", "[resize]") {
  CHECK_BOTH(fails_with(cs::try_resize(opaque(cs::nchw(1, 3, 8, 8)), cs::resize_params<2>{.size = {4, 0}}),
                        cs::errc::empty_output, "resize2d: size must be at least 1, got 0 in spatial dim 1"));
  CHECK_BOTH(fails_with(cs::try_resize(opaque(cs::ncw(1, 3, 8)), cs::resize_params<1>{}), cs::errc::empty_output,
                        "resize1d: size must be at least 1, got 0 in spatial dim 0"));
  CHECK_BOTH(fails_with(cs::try_resize(opaque(cs::ncdhw(1, 3, 8, 8, 8)), cs::resize_params<3>{.size = {2, -5, 2}}),
                        cs::errc::empty_output, "resize3d: size must be at least 1, got -5 in spatial dim 1"));
  CHECK_BOTH(fails_with(cs::try_resize(cs::shape<cs::layout::ncw>{1, opaque(0), {4}}, cs::resize_params<1>{.size = 2}),
                        cs::errc::extent_below_one, "resize: input channels must be at least 1, got 0"));
  CHECK_THROWS_AS(cs::resize1d(opaque(cs::ncw(1, 1, 5)), {.size = 0}), cs::shape_error);
}

TEST_CASE("resize in a network: no weights, no single receptive field", "[resize][network]") {
  constexpr auto net = cs::sequential<cs::onnx>(cs::nchw(1, 3, 224, 224),
                                                cs::conv2d({.filters = 21, .kernel = 8, .strides = 8}, "head"),
                                                cs::resize2d({.size = {224, 224}}, "up"));
  STATIC_REQUIRE(net.at("up").kind == cs::layer_kind::resize);
  STATIC_REQUIRE(net.at("up").output == cs::nchw(1, 21, 224, 224));
  STATIC_REQUIRE(net.at("up").params == 0);
  STATIC_REQUIRE(net.at("up").macs == 0);
  STATIC_REQUIRE(!net.at("up").receptive_field.defined);
  STATIC_REQUIRE(test::same_text(cs::name(cs::layer_kind::resize), "resize"));
  STATIC_REQUIRE(cs::resize2d({.size = {3, 4}}, "r").resize.size == cs::per_dim<2>(3, 4));
  STATIC_REQUIRE(cs::resize(cs::resize_params<1>{.size = 2}).kind == cs::layer_kind::resize);
  STATIC_REQUIRE(cs::resize1d({.size = 5}).resize == cs::resize_params<1>{5});
  STATIC_REQUIRE(cs::resize3d({.size = 5}).resize.size == cs::per_dim<3>(5));

  cs::network<cs::layout::nhwc, 2, cs::keras> run(opaque(cs::nhwc(1, 7, 7, 3)));
  const auto bad = run.try_apply(run.input(), cs::resize2d({.size = {0, 7}}, "resizing"));
  REQUIRE(!bad);
  CHECK(std::string(bad.error().what()) ==
        "layer 1 'resizing' (resize): resize2d: size must be at least 1, got 0 in spatial dim 0");
}
