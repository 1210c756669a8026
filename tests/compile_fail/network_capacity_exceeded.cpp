// expect: network_capacity_exceeded
// A network declared to hold its input and two layers, given three.
#include <convshape/convshape.hpp>

namespace cs = convshape;

constexpr auto build(int layers) {
  cs::network<cs::layout::nhwc, 3> net(cs::nhwc(1, 8, 8, 3));
  auto x = net.input();
  for (int i = 0; i < layers; ++i) x = net(x, cs::activation("relu"));
  return net;
}

static_assert(build(2).size() == 3);

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto full = build(3);
#endif
