// convshape: int64 arithmetic that reports overflow instead of wrapping.
#pragma once

#include <cstdint>

namespace convshape::detail {

// Each returns false on overflow. The builtins are constexpr in g++ and
// clang++ and compile to one instruction and a flag test.
constexpr bool add(std::int64_t a, std::int64_t b, std::int64_t& out) noexcept {
  return !__builtin_add_overflow(a, b, &out);
}
constexpr bool sub(std::int64_t a, std::int64_t b, std::int64_t& out) noexcept {
  return !__builtin_sub_overflow(a, b, &out);
}
constexpr bool mul(std::int64_t a, std::int64_t b, std::int64_t& out) noexcept {
  return !__builtin_mul_overflow(a, b, &out);
}

/// Division rounding toward negative infinity; b > 0.
constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
  const std::int64_t q = a / b;
  return (a % b != 0 && a < 0) ? q - 1 : q;
}

}  // namespace convshape::detail
