// expect-message: max_pool2d: pad 2 at the start of spatial dim 0 must be smaller than the effective window 2, or a window could lie entirely in padding
// expect-rule: pad_must_be_smaller_than_effective_window
// The pads that grow 28x28 to 31x31 through a 2x2 max pool of stride 1 are 2
// a side, more than a pool accepts: the solver reports the pool's error.
#include <convshape/convshape.hpp>

namespace cs = convshape;

constexpr auto x = cs::nchw(1, 64, 28, 28);
constexpr cs::max_pool_params<2> pool{.window = 2, .strides = 1};
static_assert(cs::ok<cs::try_pads_for_output(x, pool, {29, 29})> == cs::padding<2>(1));

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto pads = cs::ok<cs::try_pads_for_output(x, pool, {31, 31})>;
#endif
