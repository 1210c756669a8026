// VGG-16 (Simonyan and Zisserman 2015), configuration D, as torchvision
// builds it: layer names are torchvision's module names.
#pragma once

#include <convshape/convshape.hpp>

namespace models {

namespace cs = convshape;

constexpr auto vgg16(cs::nchw_shape input = cs::nchw(1, 3, 224, 224)) {
  constexpr auto conv = [](std::int64_t filters, const char* name) {
    return cs::conv2d({.filters = filters, .kernel = 3, .padding = 1}, name);
  };
  constexpr auto pool = [](const char* name) { return cs::max_pool2d({.window = 2, .strides = 2}, name); };
  return cs::sequential<cs::torch>(
      input,  //
      conv(64, "features.0"), cs::activation("relu"), conv(64, "features.2"), cs::activation("relu"),
      pool("features.4"),  //
      conv(128, "features.5"), cs::activation("relu"), conv(128, "features.7"), cs::activation("relu"),
      pool("features.9"),  //
      conv(256, "features.10"), cs::activation("relu"), conv(256, "features.12"), cs::activation("relu"),
      conv(256, "features.14"), cs::activation("relu"), pool("features.16"),  //
      conv(512, "features.17"), cs::activation("relu"), conv(512, "features.19"), cs::activation("relu"),
      conv(512, "features.21"), cs::activation("relu"), pool("features.23"),  //
      conv(512, "features.24"), cs::activation("relu"), conv(512, "features.26"), cs::activation("relu"),
      conv(512, "features.28"), cs::activation("relu"), pool("features.30"),
      // AdaptiveAvgPool2d((7, 7)) on the 7x7 map of a 224x224 input: a 1x1 window.
      cs::avg_pool2d({.window = 1}, "avgpool"),  //
      cs::flatten("flatten"),                    //
      cs::dense({.in_features = 25088, .units = 4096}, "classifier.0"), cs::activation("relu"),
      cs::activation("dropout"),  //
      cs::dense({.in_features = 4096, .units = 4096}, "classifier.3"), cs::activation("relu"),
      cs::activation("dropout"),  //
      cs::dense({.in_features = 4096, .units = 1000}, "classifier.6"));
}

inline constexpr auto vgg16_net = vgg16();
static_assert(vgg16_net.at("features.2").output == cs::nchw(1, 64, 224, 224));
static_assert(vgg16_net.at("features.4").output == cs::nchw(1, 64, 112, 112));
static_assert(vgg16_net.at("features.7").output == cs::nchw(1, 128, 112, 112));
static_assert(vgg16_net.at("features.9").output == cs::nchw(1, 128, 56, 56));
static_assert(vgg16_net.at("features.14").output == cs::nchw(1, 256, 56, 56));
static_assert(vgg16_net.at("features.16").output == cs::nchw(1, 256, 28, 28));
static_assert(vgg16_net.at("features.21").output == cs::nchw(1, 512, 28, 28));
static_assert(vgg16_net.at("features.23").output == cs::nchw(1, 512, 14, 14));
static_assert(vgg16_net.at("features.28").output == cs::nchw(1, 512, 14, 14));
static_assert(vgg16_net.at("features.30").output == cs::nchw(1, 512, 7, 7));
static_assert(vgg16_net.at("flatten").flat_output() == cs::flat_shape{1, 25088});
static_assert(vgg16_net.at("classifier.6").flat_output() == cs::flat_shape{1, 1000});
static_assert(vgg16_net.params() == 138'357'544);  // PyTorch: sum(p.numel())
static_assert(vgg16_net.macs() == 15'470'264'320);
// pool5: Distill 2019 gives 212 for vgg_16, effective stride 32, effective padding 90.
static_assert(vgg16_net.at("features.30").receptive_field ==
              cs::receptive_field<2>{.size = 212, .jump = 32, .start = -90});

}  // namespace models
