// expect-message: layer 5 'conv3' (conv): conv2d: effective kernel 5 (kernel 5, dilation 1) exceeds padded input 4 in spatial dim 0
// expect-rule: effective_kernel_exceeds_padded_input
// A third 5x5 convolution on the 4x4 map that two conv-pool stages leave of
// 28x28: the compile error names the layer by index and name.
#include <convshape/convshape.hpp>

namespace cs = convshape;

constexpr auto lenet(int third_kernel) {
  return cs::sequential(cs::defer_errors, cs::nchw(1, 1, 28, 28), cs::conv2d({.filters = 6, .kernel = 5}, "conv1"),
                        cs::max_pool2d({.window = 2}, "pool1"), cs::conv2d({.filters = 16, .kernel = 5}, "conv2"),
                        cs::max_pool2d({.window = 2}, "pool2"),
                        cs::conv2d({.filters = 120, .kernel = third_kernel}, "conv3"));
}

static_assert(cs::ok<[] { return lenet(4); }>.output() == cs::nchw(1, 120, 1, 1));

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto net = cs::ok<[] { return lenet(5); }>;
#endif
