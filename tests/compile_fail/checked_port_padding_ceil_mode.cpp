// expect-message: max_pool2d (keras): Keras pooling has no ceil_mode
// expect-rule: the_chosen_framework_rejects_this_configuration
// GoogLeNet's MaxPool2d(3, 2, ceil_mode=True) ported from PyTorch to Keras,
// which has no ceil_mode: its padding cannot be ported as it is.
#include <convshape/convshape.hpp>

namespace cs = convshape;

constexpr auto x = cs::nchw(1, 64, 112, 112);
static_assert(cs::ok<cs::try_port_padding<cs::torch, cs::keras>(x, cs::max_pool_params<2>{.window = 3, .strides = 2})>
                  .layer == cs::valid);

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto ported = cs::ok<cs::try_port_padding<cs::torch, cs::keras>(
    x, cs::max_pool_params<2>{.window = 3, .strides = 2, .ceil_mode = true})>;
#endif
