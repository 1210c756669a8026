// expect: shapes_must_match
// A U-Net skip connection one pixel short: a 57x57 encoder map halved by a
// 2x2 pool and doubled by a 2x2 up-convolution comes back 56x56.
#include <convshape/convshape.hpp>

namespace cs = convshape;

constexpr auto level(cs::nchw_shape input) {
  cs::network<cs::layout::nchw, 8> net(input);
  const auto skip = net(net.input(), cs::conv2d({.filters = 64, .kernel = 3, .padding = 1}, "enc"));
  const auto down = net(skip, cs::max_pool2d({.window = 2}, "pool"));
  const auto up = net(down, cs::conv2d_transpose({.filters = 64, .kernel = 2, .strides = 2}, "up"));
  net.concat(skip, up, "skip");
  return net;
}

static_assert(level(cs::nchw(1, 3, 56, 56)).output() == cs::nchw(1, 128, 56, 56));

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto odd = level(cs::nchw(1, 3, 57, 57));
#endif
