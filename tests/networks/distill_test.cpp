// Receptive fields against the table of Araujo, Norris and Sim, "Computing
// Receptive Fields of Convolutional Neural Networks" (Distill 2019), for the
// networks it lists that these tests build: size and effective stride (jump).
// The networks are TF-slim's, so their padding is TensorFlow's 'same'.
#include <catch2/catch.hpp>
#include <convshape/convshape.hpp>

#include "../../examples/models/resnet50.hpp"
#include "../../examples/models/vgg16.hpp"

namespace cs = convshape;

namespace {

// alexnet_v2 (TF-slim): 'valid' conv1 and pools, 'same' elsewhere.
constexpr auto alexnet_v2 = cs::sequential<cs::keras>(
    cs::nhwc(1, 224, 224, 3), cs::conv2d({.filters = 64, .kernel = 11, .strides = 4}, "conv1"),
    cs::max_pool2d({.window = 3, .strides = 2}, "pool1"),
    cs::conv2d({.filters = 192, .kernel = 5, .padding = cs::same}, "conv2"),
    cs::max_pool2d({.window = 3, .strides = 2}, "pool2"),
    cs::conv2d({.filters = 384, .kernel = 3, .padding = cs::same}, "conv3"),
    cs::conv2d({.filters = 384, .kernel = 3, .padding = cs::same}, "conv4"),
    cs::conv2d({.filters = 256, .kernel = 3, .padding = cs::same}, "conv5"),
    cs::max_pool2d({.window = 3, .strides = 2}, "pool5"));

// mobilenet_v1 (TF-slim): a strided 3x3 convolution, then 13 depthwise
// separable blocks.
constexpr auto mobilenet_v1() {
  cs::network<cs::layout::nhwc, 1 + 1 + 13 * 2, cs::keras> net(cs::nhwc(1, 224, 224, 3));
  auto x = net(net.input(), cs::conv2d({.filters = 32, .kernel = 3, .strides = 2, .padding = cs::same}, "conv0"));
  constexpr struct {
    std::int64_t stride, filters;
  } blocks[] = {{1, 64},  {2, 128}, {1, 128}, {2, 256}, {1, 256}, {2, 512}, {1, 512},
                {1, 512}, {1, 512}, {1, 512}, {1, 512}, {2, 1024}, {1, 1024}};
  for (const auto& b : blocks) {
    x = net(x, cs::depthwise_conv<2>({.kernel = 3, .strides = b.stride, .padding = cs::same}));
    x = net(x, cs::conv2d({.filters = b.filters, .kernel = 1}));
  }
  return net;
}

}  // namespace

TEST_CASE("Distill 2019's receptive fields: alexnet_v2 195, vgg_16 212, mobilenet_v1 315, resnet_v1_50 483",
          "[networks][receptive_field]") {
  STATIC_REQUIRE(alexnet_v2.at("pool5").output == cs::nhwc(1, 5, 5, 256));
  STATIC_REQUIRE(alexnet_v2.at("pool5").receptive_field.size == cs::per_dim<2>{195, 195});
  STATIC_REQUIRE(alexnet_v2.at("pool5").receptive_field.jump == cs::per_dim<2>{32, 32});

  STATIC_REQUIRE(models::vgg16_net.at("features.30").receptive_field.size == cs::per_dim<2>{212, 212});
  STATIC_REQUIRE(models::vgg16_net.at("features.30").receptive_field.jump == cs::per_dim<2>{32, 32});

  constexpr auto mobilenet = mobilenet_v1();
  STATIC_REQUIRE(mobilenet.output() == cs::nhwc(1, 7, 7, 1024));
  STATIC_REQUIRE(mobilenet.back().receptive_field.size == cs::per_dim<2>{315, 315});
  STATIC_REQUIRE(mobilenet.back().receptive_field.jump == cs::per_dim<2>{32, 32});

  STATIC_REQUIRE(models::resnet50_slim_net.at("layer4.2.relu").receptive_field.size == cs::per_dim<2>{483, 483});
  STATIC_REQUIRE(models::resnet50_slim_net.at("layer4.2.relu").receptive_field.jump == cs::per_dim<2>{32, 32});
}
