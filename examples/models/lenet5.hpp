// LeNet-5 (LeCun et al. 1998) as PyTorch writes it today: tanh, average
// pooling, C5 a 5x5 convolution to 120 channels, then two dense layers.
#pragma once

#include <convshape/convshape.hpp>

namespace models {

namespace cs = convshape;

constexpr auto lenet5(cs::nchw_shape input = cs::nchw(1, 1, 32, 32)) {
  return cs::sequential<cs::torch>(input,                                       //
                                   cs::conv2d({.filters = 6, .kernel = 5}, "c1"),    //
                                   cs::activation("tanh"),                           //
                                   cs::avg_pool2d({.window = 2}, "s2"),              //
                                   cs::conv2d({.filters = 16, .kernel = 5}, "c3"),   //
                                   cs::activation("tanh"),                           //
                                   cs::avg_pool2d({.window = 2}, "s4"),              //
                                   cs::conv2d({.filters = 120, .kernel = 5}, "c5"),  //
                                   cs::activation("tanh"),                           //
                                   cs::flatten("flatten"),                           //
                                   cs::dense({.in_features = 120, .units = 84}, "f6"),
                                   cs::activation("tanh"),  //
                                   cs::dense({.in_features = 84, .units = 10}, "output"));
}

inline constexpr auto lenet5_net = lenet5();
static_assert(lenet5_net.at("c1").output == cs::nchw(1, 6, 28, 28));
static_assert(lenet5_net.at("s2").output == cs::nchw(1, 6, 14, 14));
static_assert(lenet5_net.at("c3").output == cs::nchw(1, 16, 10, 10));
static_assert(lenet5_net.at("s4").output == cs::nchw(1, 16, 5, 5));
static_assert(lenet5_net.at("c5").output == cs::nchw(1, 120, 1, 1));
static_assert(lenet5_net.at("f6").flat_output() == cs::flat_shape{1, 84});
static_assert(lenet5_net.at("output").flat_output() == cs::flat_shape{1, 10});
static_assert(lenet5_net.params() == 61'706);  // PyTorch: sum(p.numel())
static_assert(lenet5_net.macs() == 416'520);
// C5 sees the whole 32x32 input.
static_assert(lenet5_net.at("c5").receptive_field == cs::receptive_field<2>{.size = 32, .jump = 4, .start = 0});
}  // namespace models
