// Explicit cropping as a layer (Keras' Cropping1D/2D/3D): shapes, errors,
// and the layer in a network.
#include <string>

#include "support.hpp"

using test::fails_with;
using test::opaque;

TEST_CASE("crop removes begin and end from each spatial extent, in every rank and layout", "[crop]") {
  // Keras' own example: Cropping2D(((2, 2), (4, 4))) on (2, 28, 28, 3) gives (2, 24, 20, 3).
  CHECK_BOTH(cs::crop2d(opaque(cs::nhwc(2, 28, 28, 3)), {.begin = {2, 4}, .end = {2, 4}}) == cs::nhwc(2, 24, 20, 3));
  // ((top, bottom), (left, right)) = ((1, 2), (0, 3)): begin {1, 0}, end {2, 3}.
  CHECK_BOTH(cs::crop2d(opaque(cs::nchw(1, 3, 10, 10)), {.begin = {1, 0}, .end = {2, 3}}) == cs::nchw(1, 3, 7, 7));
  CHECK_BOTH(cs::crop1d(opaque(cs::nwc(4, 100, 8)), {.begin = 3}) == cs::nwc(4, 97, 8));
  CHECK_BOTH(cs::crop3d(opaque(cs::ncdhw(1, 2, 6, 7, 8)), {.begin = {0, 1, 2}, .end = {3, 0, 1}}) ==
             cs::ncdhw(1, 2, 3, 6, 5));
  CHECK_BOTH(cs::crop(opaque(cs::nchw(1, 1, 2, 2)), cs::crop_params<2>{}) == cs::nchw(1, 1, 2, 2));
  // Down to one element.
  CHECK_BOTH(cs::crop1d(opaque(cs::ncw(1, 1, 5)), {.begin = 2, .end = 2}) == cs::ncw(1, 1, 1));
}

TEST_CASE("crop wants crops of at least 0 that leave an element", "[crop]") {
  CHECK_BOTH(fails_with(cs::try_crop(opaque(cs::nhwc(1, 8, 8, 3)), cs::crop_params<2>{.begin = {0, -1}}),
                        cs::errc::negative_pad, "crop2d: crops must be at least 0, got -1 at the start in spatial dim 1"));
  CHECK_BOTH(fails_with(cs::try_crop(opaque(cs::ncw(1, 1, 8)), cs::crop_params<1>{.end = -2}), cs::errc::negative_pad,
                        "crop1d: crops must be at least 0, got -2 at the end in spatial dim 0"));
  CHECK_BOTH(fails_with(cs::try_crop(opaque(cs::nchw(1, 1, 6, 9)), cs::crop_params<2>{.begin = {3, 0}, .end = {3, 0}}),
                        cs::errc::empty_output, "crop2d: crops 3+3 leave no output of input 6 in spatial dim 0"));
  CHECK_BOTH(fails_with(cs::try_crop(opaque(cs::ncw(1, 1, 6)), cs::crop_params<1>{.begin = 7}), cs::errc::empty_output,
                        "crop1d: crops 7+0 leave no output of input 6 in spatial dim 0"));
  // Crops whose sum overflows int64 leave nothing, and are reported as such.
  CHECK_BOTH(fails_with(cs::try_crop(opaque(cs::ncw(1, 1, 6)), cs::crop_params<1>{.begin = 1, .end = test::int64_max}),
                        cs::errc::empty_output,
                        "crop1d: crops 1+9223372036854775807 leave no output of input 6 in spatial dim 0"));
  CHECK_BOTH(fails_with(cs::try_crop(cs::shape<cs::layout::ncw>{1, 1, {opaque(0)}}, cs::crop_params<1>{}),
                        cs::errc::extent_below_one, "crop: input extent must be at least 1, got 0 in spatial dim 0"));
  CHECK_THROWS_AS(cs::crop1d(opaque(cs::ncw(1, 1, 5)), {.begin = 5}), cs::shape_error);
}

TEST_CASE("crop in a network: no weights, the receptive field starting begin elements later", "[crop][network]") {
  constexpr auto net = cs::sequential<cs::keras>(cs::nhwc(1, 32, 32, 3),
                                                 cs::conv2d({.filters = 8, .kernel = 3, .strides = 2}, "c"),
                                                 cs::crop2d({.begin = {1, 2}, .end = {0, 3}}, "crop"));
  STATIC_REQUIRE(net.at("crop").kind == cs::layer_kind::crop);
  STATIC_REQUIRE(net.at("crop").output == cs::nhwc(1, 14, 10, 8));
  STATIC_REQUIRE(net.at("crop").params == 0);
  STATIC_REQUIRE(net.at("crop").macs == 0);
  // The convolution's jump is 2: output element 0 of the crop is the
  // convolution's element (1, 2), whose field starts at (2, 4).
  STATIC_REQUIRE(net.at("crop").receptive_field.start == cs::per_dim<2>(2, 4));
  STATIC_REQUIRE(net.at("crop").receptive_field.size == cs::per_dim<2>(3));
  STATIC_REQUIRE(net.at("crop").receptive_field.jump == cs::per_dim<2>(2));
  STATIC_REQUIRE(test::same_text(cs::name(cs::layer_kind::crop), "crop"));

  cs::network<cs::layout::ncw, 3> run(opaque(cs::ncw(1, 2, 10)));
  const auto x = run(run.input(), cs::crop1d({.begin = 4, .end = 4}, "narrow"));
  CHECK(x.shape == cs::ncw(1, 2, 2));
  const auto bad = run.try_apply(x, cs::crop1d({.end = 2}, "over"));
  REQUIRE(!bad);
  CHECK(std::string(bad.error().what()) ==
        "layer 2 'over' (crop): crop1d: crops 0+2 leave no output of input 2 in spatial dim 0");
}

TEST_CASE("crop's layer values carry their parameters", "[crop][network]") {
  STATIC_REQUIRE(cs::crop2d({.begin = {1, 2}}, "c").crop.begin == cs::per_dim<2>(1, 2));
  STATIC_REQUIRE(cs::crop1d({.end = 3}).crop.end == cs::per_dim<1>(3));
  STATIC_REQUIRE(cs::crop3d({.begin = 1}).kind == cs::layer_kind::crop);
  STATIC_REQUIRE(cs::crop(cs::crop_params<2>{.begin = 1}).crop == cs::crop_params<2>{.begin = 1});
}
