// expect: the_chosen_framework_rejects_this_configuration
// PyTorch has 'same' padding only for unstrided convolution; generic and
// Keras answer ceil(9 / 2) = 5.
#include <convshape/convshape.hpp>

namespace cs = convshape;

inline constexpr auto x = cs::nchw(1, 3, 9, 9);
inline constexpr cs::conv_params<2> strided_same{.filters = 8, .kernel = 3, .strides = 2, .padding = cs::same};

static_assert(cs::conv2d<cs::keras>(x, strided_same) == cs::nchw(1, 8, 5, 5));
static_assert(cs::conv2d<cs::torch>(x, {.filters = 8, .kernel = 3, .padding = cs::same}) == cs::nchw(1, 8, 9, 9));

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto y = cs::conv2d<cs::torch>(x, strided_same);
#endif
