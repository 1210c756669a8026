// The DCGAN generator (Radford et al. 2016) of the PyTorch DCGAN tutorial:
// nz = 100, ngf = 64, 3 channels out, 64x64.
#pragma once

#include <convshape/convshape.hpp>

namespace models {

namespace cs = convshape;

constexpr auto dcgan_generator(cs::nchw_shape z = cs::nchw(1, 100, 1, 1)) {
  constexpr auto up = [](std::int64_t filters, const char* name) {
    return cs::conv2d_transpose({.filters = filters, .kernel = 4, .strides = 2, .padding = 1, .bias = false}, name);
  };
  return cs::sequential<cs::torch>(
      z,  //
      cs::conv2d_transpose({.filters = 512, .kernel = 4, .bias = false}, "main.0"), cs::batch_norm("main.1"),
      cs::activation("relu"),  //
      up(256, "main.3"), cs::batch_norm("main.4"), cs::activation("relu"),  //
      up(128, "main.6"), cs::batch_norm("main.7"), cs::activation("relu"),  //
      up(64, "main.9"), cs::batch_norm("main.10"), cs::activation("relu"),  //
      up(3, "main.12"), cs::activation("tanh"));
}

inline constexpr auto dcgan_net = dcgan_generator();
static_assert(dcgan_net.at("main.0").output == cs::nchw(1, 512, 4, 4));
static_assert(dcgan_net.at("main.3").output == cs::nchw(1, 256, 8, 8));
static_assert(dcgan_net.at("main.6").output == cs::nchw(1, 128, 16, 16));
static_assert(dcgan_net.at("main.9").output == cs::nchw(1, 64, 32, 32));
static_assert(dcgan_net.output() == cs::nchw(1, 3, 64, 64));
static_assert(dcgan_net.params() == 3'576'704);  // PyTorch: sum(p.numel())
// Each stride-2 up-convolution doubles the map exactly: output_padding 0 is
// what lands 32x32 on 64x64.
static_assert(cs::output_padding_for(cs::nchw(1, 64, 32, 32),
                                     cs::conv_transpose_params<2>{.filters = 3, .kernel = 4, .strides = 2, .padding = 1},
                                     {64, 64}) == cs::per_dim<2>{0, 0});

}  // namespace models
