// expect: no_parameter_reaches_the_target
// A stride-2 up-convolution of a 16x16 map gives 31 or 32 (output_padding 0
// or 1), never 34.
#include <convshape/convshape.hpp>

namespace cs = convshape;

constexpr cs::conv_transpose_params<2> up{.filters = 3, .kernel = 3, .strides = 2, .padding = 1};
static_assert(cs::output_padding_for(cs::nchw(1, 8, 16, 16), up, {32, 31}) == cs::per_dim<2>{1, 0});

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto op = cs::output_padding_for(cs::nchw(1, 8, 16, 16), up, {34, 32});
#endif
