// expect: pad_must_be_smaller_than_effective_window
// A pooling window that could lie entirely in padding has no input to pool.
#include <convshape/convshape.hpp>

namespace cs = convshape;

static_assert(cs::max_pool2d(cs::nhwc(1, 28, 28, 3), {.window = 2, .padding = 1}) == cs::nhwc(1, 15, 15, 3));

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto y = cs::max_pool2d(cs::nhwc(1, 28, 28, 3), {.window = 2, .padding = 2});
#endif
