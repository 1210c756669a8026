// expect-message: layer 4 'cat1' (concat): concat 'cat1': spatial extents must match, got NCHW(1, 16, 65, 65) and NCHW(1, 16, 64, 64)
// expect-rule: shapes_must_match
// A U-Net skip one pixel too large, in network code that defers its errors:
// the compile error names the layer and both shapes.
#include <convshape/convshape.hpp>

namespace cs = convshape;

constexpr auto make_unet(std::int64_t side) {
  cs::network<cs::layout::nchw, 8> net(cs::nchw(1, 3, side, side), cs::defer_errors);
  const auto skip = net(net.input(), cs::conv2d({.filters = 16, .kernel = 3}, "enc1"));
  const auto down = net(skip, cs::max_pool2d({.window = 2}, "pool1"));
  const auto up = net(down, cs::conv2d_transpose({.filters = 16, .kernel = 2, .strides = 2}, "up1"));
  net.concat(skip, up, "cat1");
  return net;
}

static_assert(cs::ok<[] { return make_unet(66); }>.output() == cs::nchw(1, 32, 64, 64));

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto unet = cs::ok<[] { return make_unet(67); }>;
#endif
