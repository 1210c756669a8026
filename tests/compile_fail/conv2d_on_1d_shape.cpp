// expect: no matching function for call to 'conv2d.*constraints not satisfied
// conv2d takes only 2-D layouts; a 1-D (NCW) shape needs conv1d.
#include <convshape/convshape.hpp>

namespace cs = convshape;

static_assert(cs::conv1d(cs::ncw(1, 3, 28), {.filters = 8, .kernel = 3}) == cs::ncw(1, 8, 26));

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto y = cs::conv2d(cs::ncw(1, 3, 28), {.filters = 8, .kernel = 3});
#endif
