// convshape: int64 arithmetic that reports overflow instead of wrapping.
#pragma once

#include <cstdint>

#include "host_device.hpp"

namespace convshape::detail {

inline constexpr std::int64_t int64_max = INT64_MAX;
inline constexpr std::int64_t int64_min = INT64_MIN;

// Each returns false on overflow. On the host at run time the builtins
// compile to one instruction and a flag test. Comparisons serve constant
// evaluation, where nvcc's front end does not evaluate the builtins, and CUDA
// device code, which has none.
CONVSHAPE_HOST_DEVICE constexpr bool add(std::int64_t a, std::int64_t b, std::int64_t& out) noexcept {
#if !defined(__CUDA_ARCH__)
  if (!__builtin_is_constant_evaluated()) return !__builtin_add_overflow(a, b, &out);
#endif
  if ((b > 0 && a > int64_max - b) || (b < 0 && a < int64_min - b)) return false;
  out = a + b;
  return true;
}
CONVSHAPE_HOST_DEVICE constexpr bool sub(std::int64_t a, std::int64_t b, std::int64_t& out) noexcept {
#if !defined(__CUDA_ARCH__)
  if (!__builtin_is_constant_evaluated()) return !__builtin_sub_overflow(a, b, &out);
#endif
  if ((b < 0 && a > int64_max + b) || (b > 0 && a < int64_min + b)) return false;
  out = a - b;
  return true;
}
CONVSHAPE_HOST_DEVICE constexpr bool mul(std::int64_t a, std::int64_t b, std::int64_t& out) noexcept {
#if !defined(__CUDA_ARCH__)
  if (!__builtin_is_constant_evaluated()) return !__builtin_mul_overflow(a, b, &out);
#endif
  if (a != 0 && b != 0) {
    // Compare magnitudes against the limit for the product's sign; INT64_MIN
    // has no positive counterpart, so -1 * INT64_MIN is checked on its own.
    if ((a == -1 && b == int64_min) || (b == -1 && a == int64_min)) return false;
    if (a > 0 ? (b > 0 ? a > int64_max / b : b < int64_min / a) : (b > 0 ? a < int64_min / b : a < int64_max / b))
      return false;
  }
  out = a * b;
  return true;
}

/// Division rounding toward negative infinity; b > 0.
CONVSHAPE_HOST_DEVICE constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
  const std::int64_t q = a / b;
  return (a % b != 0 && a < 0) ? q - 1 : q;
}

}  // namespace convshape::detail
