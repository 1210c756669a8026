// The overflow-checked arithmetic: the builtins g++ and clang++ use, and the
// portable comparisons that serve nvcc, agree with 128-bit arithmetic on every
// pair of boundary values, in constant evaluation and at run time.
#include <cstdint>

#include "support.hpp"

namespace {

__extension__ typedef __int128 wide;  // __extension__: -Wpedantic knows no __int128

constexpr std::int64_t values[] = {0, 1, -1, 2, -2, 3, -3, 7, -7, 1LL << 31, -(1LL << 31), 3037000499LL, 3037000500LL,
                                   -3037000499LL, -3037000500LL, INT64_MAX, INT64_MIN, INT64_MAX - 1, INT64_MIN + 1,
                                   INT64_MAX / 2, INT64_MIN / 2, INT64_MAX / 3, INT64_MIN / 3, 4611686018427387904LL};

constexpr bool fits(wide v) { return v >= INT64_MIN && v <= INT64_MAX; }

/// Every pair through add, sub and mul, or through their portable forms; the
/// number of disagreements.
constexpr int disagreements(bool portable) {
  int wrong = 0;
  for (std::int64_t a : values) {
    for (std::int64_t b : values) {
      const wide exact[] = {wide{a} + b, wide{a} - b, wide{a} * b};
      std::int64_t out[3]{};
      const bool ok[] = {
          portable ? cs::detail::portable_add(a, b, out[0]) : cs::detail::add(a, b, out[0]),
          portable ? cs::detail::portable_sub(a, b, out[1]) : cs::detail::sub(a, b, out[1]),
          portable ? cs::detail::portable_mul(a, b, out[2]) : cs::detail::mul(a, b, out[2]),
      };
      for (int i = 0; i < 3; ++i)
        if (ok[i] != fits(exact[i]) || (ok[i] && out[i] != exact[i])) ++wrong;
    }
  }
  return wrong;
}

}  // namespace

TEST_CASE("checked arithmetic agrees with 128-bit arithmetic, in constant evaluation and at run time", "[checked]") {
  STATIC_REQUIRE(disagreements(false) == 0);
  STATIC_REQUIRE(disagreements(true) == 0);
  CHECK(disagreements(false) == 0);
  CHECK(disagreements(true) == 0);
}
