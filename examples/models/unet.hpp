// The U-Net of Ronneberger, Fischer and Brox (2015): unpadded 3x3
// convolutions, so the encoder's maps are center-cropped to the decoder's
// before each concatenation; 572x572 in, 388x388 out.
#pragma once

#include <convshape/convshape.hpp>

namespace models {

namespace cs = convshape;

constexpr auto unet(cs::nchw_shape input = cs::nchw(1, 1, 572, 572), std::int64_t classes = 2) {
  cs::network<cs::layout::nchw, 64, cs::torch> net(input);
  const auto relu = cs::activation("relu");
  const auto twice = [&](cs::tensor<cs::layout::nchw> x, std::int64_t filters, const char* a, const char* b) {
    x = net(net(x, cs::conv2d({.filters = filters, .kernel = 3}, a)), relu);
    return net(net(x, cs::conv2d({.filters = filters, .kernel = 3}, b)), relu);
  };

  const auto enc1 = twice(net.input(), 64, "enc1a", "enc1b");
  const auto enc2 = twice(net(enc1, cs::max_pool2d({.window = 2}, "pool1")), 128, "enc2a", "enc2b");
  const auto enc3 = twice(net(enc2, cs::max_pool2d({.window = 2}, "pool2")), 256, "enc3a", "enc3b");
  const auto enc4 = twice(net(enc3, cs::max_pool2d({.window = 2}, "pool3")), 512, "enc4a", "enc4b");
  auto x = twice(net(enc4, cs::max_pool2d({.window = 2}, "pool4")), 1024, "enc5a", "enc5b");

  // Each decoder level: a 2x2 up-convolution halves the channels and doubles
  // the map; the skip is cropped to it, concatenated, convolved twice.
  const struct {
    cs::tensor<cs::layout::nchw> skip;
    std::int64_t filters;
    const char *up, *crop, *cat, *a, *b;
  } levels[] = {{enc4, 512, "up4", "crop4", "cat4", "dec4a", "dec4b"},
                {enc3, 256, "up3", "crop3", "cat3", "dec3a", "dec3b"},
                {enc2, 128, "up2", "crop2", "cat2", "dec2a", "dec2b"},
                {enc1, 64, "up1", "crop1", "cat1", "dec1a", "dec1b"}};
  for (const auto& level : levels) {
    const auto up = net(x, cs::conv2d_transpose({.filters = level.filters, .kernel = 2, .strides = 2}, level.up));
    const auto skip = net.center_crop(level.skip, up.shape.spatial(), level.crop);
    x = twice(net.concat(skip, up, level.cat), level.filters, level.a, level.b);
  }
  net(x, cs::conv2d({.filters = classes, .kernel = 1}, "head"));
  return net;
}

inline constexpr auto unet_net = unet();
static_assert(unet_net.at("enc1b").output == cs::nchw(1, 64, 568, 568));
static_assert(unet_net.at("enc2b").output == cs::nchw(1, 128, 280, 280));
static_assert(unet_net.at("enc3b").output == cs::nchw(1, 256, 136, 136));
static_assert(unet_net.at("enc4b").output == cs::nchw(1, 512, 64, 64));
static_assert(unet_net.at("enc5b").output == cs::nchw(1, 1024, 28, 28));
static_assert(unet_net.at("up4").output == cs::nchw(1, 512, 56, 56));
static_assert(unet_net.at("cat4").output == cs::nchw(1, 1024, 56, 56));
static_assert(unet_net.at("dec4b").output == cs::nchw(1, 512, 52, 52));
static_assert(unet_net.at("dec3b").output == cs::nchw(1, 256, 100, 100));
static_assert(unet_net.at("dec2b").output == cs::nchw(1, 128, 196, 196));
static_assert(unet_net.at("dec1b").output == cs::nchw(1, 64, 388, 388));
static_assert(unet_net.output() == cs::nchw(1, 2, 388, 388));
static_assert(unet_net.params() == 31'030'658);  // PyTorch: sum(p.numel())
// The bottleneck sees 140x140 of the input; a 572 input leaves 28x28 of it.
static_assert(unet_net.at("enc5b").receptive_field == cs::receptive_field<2>{.size = 140, .jump = 16, .start = 0});

}  // namespace models
