// expect: result_overflows_int64
// A transposed convolution multiplies the input extent by the stride.
#include <cstdint>

#include <convshape/convshape.hpp>

namespace cs = convshape;

inline constexpr std::int64_t huge = INT64_MAX / 2;

static_assert(cs::conv2d_transpose(cs::nhwc(1, huge, 1, 3), {.filters = 8, .kernel = 1, .strides = 2})
                  .height() == 2 * huge - 1);

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto y =
    cs::conv2d_transpose(cs::nhwc(1, huge, 1, 3), {.filters = 8, .kernel = 1, .strides = 4});
#endif
