// convshape: int64 arithmetic that reports overflow instead of wrapping.
#pragma once

#include <cstdint>

#include "host_device.hpp"

namespace convshape::detail {

inline constexpr std::int64_t int64_max = INT64_MAX;
inline constexpr std::int64_t int64_min = INT64_MIN;

// Each returns false on overflow. The portable forms compare before they
// compute: nvcc's front end does not evaluate the builtins in constant
// evaluation, and device code has none.
CONVSHAPE_HOST_DEVICE constexpr bool portable_add(std::int64_t a, std::int64_t b, std::int64_t& out) noexcept {
  if ((b > 0 && a > int64_max - b) || (b < 0 && a < int64_min - b)) return false;
  out = a + b;
  return true;
}
CONVSHAPE_HOST_DEVICE constexpr bool portable_sub(std::int64_t a, std::int64_t b, std::int64_t& out) noexcept {
  if ((b < 0 && a > int64_max + b) || (b > 0 && a < int64_min + b)) return false;
  out = a - b;
  return true;
}
CONVSHAPE_HOST_DEVICE constexpr bool portable_mul(std::int64_t a, std::int64_t b, std::int64_t& out) noexcept {
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

// g++ and clang++ evaluate the builtins in constant evaluation as one
// operation, where the portable forms are several comparisons and a division,
// on every extent of every layer. At run time the builtins compile to one
// instruction and a flag test.
#if defined(__CUDACC__)
#if defined(__CUDA_ARCH__)
#define CONVSHAPE_CHECKED(op) return portable_##op(a, b, out)
#else
#define CONVSHAPE_CHECKED(op)                                                               \
  if (!__builtin_is_constant_evaluated()) return !__builtin_##op##_overflow(a, b, &out); \
  return portable_##op(a, b, out)
#endif
#else
#define CONVSHAPE_CHECKED(op) return !__builtin_##op##_overflow(a, b, &out)
#endif

CONVSHAPE_HOST_DEVICE constexpr bool add(std::int64_t a, std::int64_t b, std::int64_t& out) noexcept {
  CONVSHAPE_CHECKED(add);
}
CONVSHAPE_HOST_DEVICE constexpr bool sub(std::int64_t a, std::int64_t b, std::int64_t& out) noexcept {
  CONVSHAPE_CHECKED(sub);
}
CONVSHAPE_HOST_DEVICE constexpr bool mul(std::int64_t a, std::int64_t b, std::int64_t& out) noexcept {
  CONVSHAPE_CHECKED(mul);
}
#undef CONVSHAPE_CHECKED

/// Division rounding toward negative infinity; b > 0.
CONVSHAPE_HOST_DEVICE constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
  const std::int64_t q = a / b;
  return (a % b != 0 && a < 0) ? q - 1 : q;
}

}  // namespace convshape::detail
