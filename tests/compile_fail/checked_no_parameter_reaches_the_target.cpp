// expect-message: output_padding_for: no output_padding gives 34 in spatial dim 0: output_padding 0 gives 31, and output_padding must lie in [0, stride 2)
// expect-rule: no_parameter_reaches_the_target
// A stride-2 up-convolution of a 16x16 map gives 31 or 32, never 34: the
// solver says which extents it can reach.
#include <convshape/convshape.hpp>

namespace cs = convshape;

constexpr auto x = cs::nchw(1, 8, 16, 16);
constexpr cs::conv_transpose_params<2> up{.filters = 3, .kernel = 3, .strides = 2, .padding = 1};
static_assert(cs::ok<cs::try_output_padding_for(x, up, {32, 31})> == cs::per_dim<2>{1, 0});

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto op = cs::ok<cs::try_output_padding_for(x, up, {34, 32})>;
#endif
