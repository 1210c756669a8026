// expect-message: pad2d (keras): Keras' ZeroPadding needs pads >= 0, got -1 at the end in spatial dim 0
// expect-rule: the_chosen_framework_rejects_this_configuration
// An ONNX Pad whose negative end pad crops, ported to Keras' ZeroPadding2D,
// which pads only.
#include <convshape/convshape.hpp>

namespace cs = convshape;

constexpr auto x = cs::nhwc(1, 33, 33, 16);
static_assert(cs::ok<cs::try_pad<cs::onnx>(x, {.begin = 0, .end = -1})> == cs::nhwc(1, 32, 32, 16));

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto y = cs::ok<cs::try_pad<cs::keras>(x, {.begin = 0, .end = -1})>;
#endif
