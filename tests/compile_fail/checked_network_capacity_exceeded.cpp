// expect-message: layer 3 (conv): the network holds at most 3 records
// expect-rule: network_capacity_exceeded
// A network declared for 3 records given 3 convolutions: its input is a
// record too.
#include <convshape/convshape.hpp>

namespace cs = convshape;

constexpr auto tower(int convolutions) {
  cs::network<cs::layout::nhwc, 3> net(cs::nhwc(1, 32, 32, 16), cs::defer_errors);
  auto x = net.input();
  for (int i = 0; i < convolutions; ++i) x = net(x, cs::conv2d({.filters = 16, .kernel = 3, .padding = 1}));
  return net;
}

static_assert(cs::ok<[] { return tower(2); }>.size() == 3);

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto net = cs::ok<[] { return tower(3); }>;
#endif
