// expect: shapes_must_match
// A U-Net level as a shape_program, checked on 56x56 and run in constant
// evaluation on 57x57, where the skip connection comes back one pixel short:
// a failing run is a compile error, as a failing network is.
#include <convshape/convshape.hpp>

namespace cs = convshape;

template <class Net>
constexpr Net level(Net net) {
  const auto skip = net(net.input(), cs::conv2d({.filters = 64, .kernel = 3, .padding = 1}, "enc"));
  const auto down = net(skip, cs::max_pool2d({.window = 2}, "pool"));
  const auto up = net(down, cs::conv2d_transpose({.filters = 64, .kernel = 2, .strides = 2}, "up"));
  net.concat(skip, up, "skip");
  return net;
}

constexpr auto program = level(cs::shape_program<cs::layout::nchw, 8>(cs::nchw(1, 3, 56, 56)));
static_assert(program.run(cs::nchw(2, 3, 80, 64)).output() == cs::nchw(2, 128, 80, 64));

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto odd = program.run(cs::nchw(1, 3, 57, 57));
#endif
