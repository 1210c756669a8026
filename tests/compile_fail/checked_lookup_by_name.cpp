// expect-message: network: no layer is named 'layer4.2.relu'
// expect-rule: no_layer_has_this_name
// A record looked up by a name the network does not have (PyTorch's module
// path, not the name the layer was given): try_index_of in cs::ok names it.
#include <convshape/convshape.hpp>

namespace cs = convshape;

constexpr auto tail() {
  return cs::sequential(cs::nchw(1, 512, 7, 7), cs::conv2d({.filters = 2048, .kernel = 1}, "layer4.2.conv3"),
                        cs::activation("layer4.2.relu_2"));
}

static_assert(cs::ok<[] { return tail().try_index_of("layer4.2.relu_2"); }> == 2);

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto relu = cs::ok<[] { return tail().try_index_of("layer4.2.relu"); }>;
#endif
