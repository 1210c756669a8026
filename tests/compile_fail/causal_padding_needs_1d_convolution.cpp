// expect: causal_padding_needs_1d_convolution
#include <convshape/convshape.hpp>

namespace cs = convshape;

static_assert(cs::conv1d(cs::nwc(1, 28, 3), {.filters = 8, .kernel = 3, .padding = cs::causal}) ==
              cs::nwc(1, 28, 8));

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto y =
    cs::conv2d(cs::nhwc(1, 28, 28, 3), {.filters = 8, .kernel = 3, .padding = cs::causal});
#endif
