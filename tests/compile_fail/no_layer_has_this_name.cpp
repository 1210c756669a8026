// expect: no_layer_has_this_name
// Asking a network for a layer it does not have.
#include <convshape/convshape.hpp>

namespace cs = convshape;

constexpr auto net = cs::sequential(cs::ncw(1, 2, 16), cs::conv1d({.filters = 4, .kernel = 3}, "conv"));
static_assert(net.at("conv").output == cs::ncw(1, 4, 14));

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto missing = net.at("conv2").output;
#endif
