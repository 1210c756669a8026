// expect-message: conv2d: causal padding is defined only for 1-D convolution
// expect-rule: causal_padding_needs_1d_convolution
// WaveNet's causal padding on a spectrogram read as an image: causal pads
// only a sequence.
#include <convshape/convshape.hpp>

namespace cs = convshape;

static_assert(cs::ok<cs::try_conv(cs::nwc(1, 16000, 1), {.filters = 32, .kernel = 2, .padding = cs::causal})> ==
              cs::nwc(1, 16000, 32));

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto y =
    cs::ok<cs::try_conv(cs::nhwc(1, 128, 400, 1), {.filters = 32, .kernel = 2, .padding = cs::causal})>;
#endif
