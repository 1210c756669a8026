// expect-message: layer 3 'fc' (dense): needs a flattened input, got NCHW(1, 64, 1, 1): add flatten before it
// expect-rule: layer_needs_an_input_of_another_rank
// Keras' GlobalAveragePooling2D returns (N, C); global_avg_pool keeps the
// 1x1 map, so a dense layer straight after it has no flattened input.
#include <convshape/convshape.hpp>

namespace cs = convshape;

constexpr auto x = cs::nchw(1, 3, 224, 224);
constexpr auto stem = cs::conv2d({.filters = 64, .kernel = 7, .strides = 2, .padding = 3}, "conv1");

static_assert(cs::ok<[] {
                return cs::sequential(cs::defer_errors, x, stem, cs::global_avg_pool("gap"), cs::flatten("flat"),
                                      cs::dense({.units = 1000}, "fc"));
              }>.output() == cs::nchw(1, 1000, 1, 1));

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto net = cs::ok<[] {
  return cs::sequential(cs::defer_errors, x, stem, cs::global_avg_pool("gap"), cs::dense({.units = 1000}, "fc"));
}>;
#endif
