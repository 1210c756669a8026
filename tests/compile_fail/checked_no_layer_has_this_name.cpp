// expect-message: layer 1 'logits' (conv): the input tensor does not come from this network
// expect-rule: no_layer_has_this_name
// A head built as a network of its own, given the encoder's tensor instead
// of its own input.
#include <convshape/convshape.hpp>

namespace cs = convshape;

constexpr auto head(bool mixed_up) {
  cs::network<cs::layout::nchw, 2> encoder(cs::nchw(1, 3, 64, 64), cs::defer_errors);
  const auto features = encoder(encoder.input(), cs::conv2d({.filters = 32, .kernel = 3, .strides = 2}, "enc"));
  cs::network<cs::layout::nchw, 2> head(features.shape, cs::defer_errors);
  head(mixed_up ? features : head.input(), cs::conv2d({.filters = 10, .kernel = 1}, "logits"));
  return head;
}

static_assert(cs::ok<[] { return head(false); }>.output() == cs::nchw(1, 10, 31, 31));

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto net = cs::ok<[] { return head(true); }>;
#endif
