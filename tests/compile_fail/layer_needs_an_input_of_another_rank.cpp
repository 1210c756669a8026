// expect: layer_needs_an_input_of_another_rank
// A convolution after flatten: the spatial positions are gone.
#include <convshape/convshape.hpp>

namespace cs = convshape;

static_assert(cs::sequential(cs::nchw(1, 3, 8, 8), cs::conv2d({.filters = 4, .kernel = 3}), cs::flatten(),
                             cs::dense({.units = 10}))
                  .output() == cs::nchw(1, 10, 1, 1));

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto net = cs::sequential(cs::nchw(1, 3, 8, 8), cs::flatten(),
                                                     cs::conv2d({.filters = 4, .kernel = 3}));
#endif
