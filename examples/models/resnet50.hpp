// ResNet-50 (He et al. 2016), written as ordinary constexpr code over tensor
// handles: the residual additions join two branches.
//
// Two placements of the downsampling stride, with equal parameters:
//  - torchvision (ResNet v1.5): in the 3x3 convolution of each stage's first block;
//  - TF-slim resnet_v1_50, the model of the Distill receptive-field table: in
//    the 3x3 convolution of the last block of stages 1 to 3.
#pragma once

#include <convshape/convshape.hpp>

namespace models {

namespace cs = convshape;

enum class resnet_stride { torchvision, slim };

/// ResNet-50's layers, built into `net`: a cs::network, or a cs::shape_program
/// to replay on run-time input sizes.
template <class Net>
constexpr Net resnet50_into(Net net, resnet_stride placement = resnet_stride::torchvision) {
  const auto bn = [](const cs::layer_name& n) { return cs::batch_norm(n.c_str()); };
  const auto relu = cs::activation("relu");

  auto x = net(net.input(), cs::conv2d({.filters = 64, .kernel = 7, .strides = 2, .padding = 3, .bias = false}, "conv1"));
  x = net(net(x, cs::batch_norm("bn1")), relu);
  x = net(x, cs::max_pool2d({.window = 3, .strides = 2, .padding = 1}, "maxpool"));

  constexpr std::int64_t blocks[] = {3, 4, 6, 3};
  for (std::int64_t stage = 0; stage < 4; ++stage) {
    const std::int64_t width = std::int64_t{64} << stage;  // the bottleneck's; the block outputs 4x
    for (std::int64_t block = 0; block < blocks[stage]; ++block) {
      const bool first = block == 0, last = block == blocks[stage] - 1;
      const std::int64_t stride = placement == resnet_stride::torchvision ? (first && stage > 0 ? 2 : 1)
                                                                           : (last && stage < 3 ? 2 : 1);
      const auto name = [&](const char* part) {
        return cs::layer_name("layer").append(stage + 1).append(".").append(block).append(".").append(part);
      };
      auto y = net(x, cs::conv2d({.filters = width, .kernel = 1, .bias = false}, name("conv1").c_str()));
      y = net(net(y, bn(name("bn1"))), relu);
      y = net(y, cs::conv2d({.filters = width, .kernel = 3, .strides = stride, .padding = 1, .bias = false},
                            name("conv2").c_str()));
      y = net(net(y, bn(name("bn2"))), relu);
      y = net(y, cs::conv2d({.filters = 4 * width, .kernel = 1, .bias = false}, name("conv3").c_str()));
      y = net(y, bn(name("bn3")));

      auto shortcut = x;
      if (x.shape.channels() != 4 * width) {  // a projection: torchvision's downsample
        shortcut = net(x, cs::conv2d({.filters = 4 * width, .kernel = 1, .strides = stride, .bias = false},
                                     name("downsample.0").c_str()));
        shortcut = net(shortcut, bn(name("downsample.1")));
      } else if (stride > 1) {  // TF-slim subsamples the identity with a 1x1 max pool
        shortcut = net(x, cs::max_pool2d({.window = 1, .strides = stride}, name("subsample").c_str()));
      }
      x = net(net.add(y, shortcut, name("add").c_str()), cs::activation(name("relu").c_str()));
    }
  }
  x = net(x, cs::global_avg_pool("avgpool"));
  x = net(x, cs::flatten("flatten"));
  net(x, cs::dense({.in_features = 2048, .units = 1000}, "fc"));
  return net;
}

// conv1, bn1, relu, maxpool; 16 blocks of 10 records at most; avgpool, flatten, fc.
inline constexpr std::size_t resnet50_records = 4 + 16 * 11 + 3;

constexpr auto resnet50(cs::nchw_shape input = cs::nchw(1, 3, 224, 224),
                        resnet_stride placement = resnet_stride::torchvision) {
  return resnet50_into(cs::network<cs::layout::nchw, resnet50_records, cs::torch>(input), placement);
}

/// The same layers, checked on a 224x224 input, for inputs of any size.
constexpr auto resnet50_program(resnet_stride placement = resnet_stride::torchvision) {
  return resnet50_into(cs::shape_program<cs::layout::nchw, resnet50_records, cs::torch>(cs::nchw(1, 3, 224, 224)),
                       placement);
}

inline constexpr auto resnet50_net = resnet50();
static_assert(resnet50_net.at("conv1").output == cs::nchw(1, 64, 112, 112));
static_assert(resnet50_net.at("maxpool").output == cs::nchw(1, 64, 56, 56));
static_assert(resnet50_net.at("layer1.2.relu").output == cs::nchw(1, 256, 56, 56));
static_assert(resnet50_net.at("layer2.0.conv2").output == cs::nchw(1, 128, 28, 28));
static_assert(resnet50_net.at("layer2.3.relu").output == cs::nchw(1, 512, 28, 28));
static_assert(resnet50_net.at("layer3.5.relu").output == cs::nchw(1, 1024, 14, 14));
static_assert(resnet50_net.at("layer4.2.relu").output == cs::nchw(1, 2048, 7, 7));
static_assert(resnet50_net.at("avgpool").output == cs::nchw(1, 2048, 1, 1));
static_assert(resnet50_net.at("fc").flat_output() == cs::flat_shape{1, 1000});
static_assert(resnet50_net.params() == 25'557'032);  // PyTorch: sum(p.numel())
static_assert(resnet50_net.macs() == 4'089'184'256);
static_assert(resnet50_net.at("layer4.2.relu").receptive_field.size == cs::per_dim<2>{427, 427});

// TF-slim's placement: Distill 2019 gives resnet_v1_50 a receptive field of 483.
inline constexpr auto resnet50_slim_net = resnet50(cs::nchw(1, 3, 224, 224), resnet_stride::slim);
static_assert(resnet50_slim_net.params() == resnet50_net.params());
static_assert(resnet50_slim_net.at("layer4.2.relu").output == cs::nchw(1, 2048, 7, 7));
static_assert(resnet50_slim_net.at("layer4.2.relu").receptive_field.size == cs::per_dim<2>{483, 483});
static_assert(resnet50_slim_net.at("layer4.2.relu").receptive_field.jump == cs::per_dim<2>{32, 32});

}  // namespace models
