// convshape: int64 arithmetic that reports overflow instead of wrapping.
#pragma once

#include <cstdint>
#include <type_traits>

namespace convshape::detail {

inline constexpr std::int64_t int64_max = INT64_MAX;
inline constexpr std::int64_t int64_min = INT64_MIN;

// Each returns false on overflow. At run time the builtins compile to one
// instruction and a flag test; in constant evaluation the comparisons serve
// every front end, nvcc's included, which does not evaluate the builtins.
constexpr bool add(std::int64_t a, std::int64_t b, std::int64_t& out) noexcept {
  if (std::is_constant_evaluated()) {
    if ((b > 0 && a > int64_max - b) || (b < 0 && a < int64_min - b)) return false;
    out = a + b;
    return true;
  }
  return !__builtin_add_overflow(a, b, &out);
}
constexpr bool sub(std::int64_t a, std::int64_t b, std::int64_t& out) noexcept {
  if (std::is_constant_evaluated()) {
    if ((b < 0 && a > int64_max + b) || (b > 0 && a < int64_min + b)) return false;
    out = a - b;
    return true;
  }
  return !__builtin_sub_overflow(a, b, &out);
}
constexpr bool mul(std::int64_t a, std::int64_t b, std::int64_t& out) noexcept {
  if (std::is_constant_evaluated()) {
    if (a != 0 && b != 0) {
      // Compare magnitudes against the limit for the product's sign; INT64_MIN
      // has no positive counterpart, so -1 * INT64_MIN is checked on its own.
      if ((a == -1 && b == int64_min) || (b == -1 && a == int64_min)) return false;
      if (a > 0 ? (b > 0 ? a > int64_max / b : b < int64_min / a)
                : (b > 0 ? a < int64_min / b : a < int64_max / b))
        return false;
    }
    out = a * b;
    return true;
  }
  return !__builtin_mul_overflow(a, b, &out);
}

/// Division rounding toward negative infinity; b > 0.
constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
  const std::int64_t q = a / b;
  return (a % b != 0 && a < 0) ? q - 1 : q;
}

}  // namespace convshape::detail
