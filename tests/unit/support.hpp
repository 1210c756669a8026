// Helpers shared by the unit tests: running one check both in constant
// evaluation and at run time, layouts as test types, readable failure output.
#pragma once

#include <catch2/catch.hpp>
#include <convshape/convshape.hpp>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>

namespace cs = convshape;

namespace test {

inline constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();

/// `v` unchanged. At run time it passes through a volatile, so the optimizer
/// cannot fold what is computed from it: the same expression then exercises
/// constant evaluation inside STATIC_REQUIRE and run-time code inside CHECK.
constexpr std::int64_t opaque(std::int64_t v) {
  if (std::is_constant_evaluated()) return v;
  volatile std::int64_t laundered = v;
  return laundered;
}

template <cs::layout L>
constexpr cs::shape<L> opaque(const cs::shape<L>& s) {
  cs::per_dim<cs::shape<L>::spatial_rank> spatial;
  for (std::size_t i = 0; i < spatial.size(); ++i) spatial[i] = opaque(s.spatial(i));
  return cs::make_shape<L>(opaque(s.batch()), opaque(s.channels()), spatial);
}

/// Layouts as types, for TEMPLATE_TEST_CASE: `TestType::value` is the layout.
template <cs::layout L>
using layout_t = std::integral_constant<cs::layout, L>;
using ncw_t = layout_t<cs::layout::ncw>;
using nwc_t = layout_t<cs::layout::nwc>;
using nchw_t = layout_t<cs::layout::nchw>;
using nhwc_t = layout_t<cs::layout::nhwc>;
using ncdhw_t = layout_t<cs::layout::ncdhw>;
using ndhwc_t = layout_t<cs::layout::ndhwc>;

/// Text equality usable in constant evaluation (no <cstring> there).
constexpr bool same_text(const char* a, const char* b) {
  while (*a != '\0' && *a == *b) ++a, ++b;
  return *a == *b;
}

/// Substring search usable in constant evaluation.
constexpr bool contains(const char* text, const char* part) {
  for (; *text != '\0'; ++text) {
    const char* t = text;
    const char* p = part;
    while (*p != '\0' && *t == *p) ++t, ++p;
    if (*p == '\0') return true;
  }
  return *part == '\0';
}

/// Whether a try_ function's result is an error of `code` whose message is
/// exactly `message`.
template <class Result>
constexpr bool fails_with(const Result& r, cs::errc code, const char* message) {
  return !r && r.error().code == code && same_text(r.error().what(), message);
}

}  // namespace test

/// Checks a boolean expression at compile time, then again at run time.
/// Wrap the inputs in test::opaque so the run-time check is not folded.
#define CHECK_BOTH(...)        \
  STATIC_REQUIRE(__VA_ARGS__); \
  CHECK(__VA_ARGS__)

// Failure messages show shapes and pads, not "{?}".
namespace Catch {

template <std::size_t N>
struct StringMaker<convshape::per_dim<N>> {
  static std::string convert(const convshape::per_dim<N>& v) {
    std::string out = "{";
    for (std::size_t i = 0; i < N; ++i) out += (i == 0 ? "" : ", ") + std::to_string(v[i]);
    return out + "}";
  }
};

template <convshape::layout L>
struct StringMaker<convshape::shape<L>> {
  static std::string convert(const convshape::shape<L>& s) {
    std::string out = convshape::name(L);
    for (std::size_t i = 0; i < s.rank(); ++i) out += (i == 0 ? "(" : ", ") + std::to_string(s[i]);
    return out + ")";
  }
};

template <std::size_t N>
struct StringMaker<convshape::padding<N>> {
  static std::string convert(const convshape::padding<N>& p) {
    return std::string(convshape::name(p.mode)) + " begin " + StringMaker<convshape::per_dim<N>>::convert(p.begin) +
           " end " + StringMaker<convshape::per_dim<N>>::convert(p.end);
  }
};

template <>
struct StringMaker<convshape::errc> {
  static std::string convert(convshape::errc e) { return "errc(" + std::to_string(static_cast<int>(e)) + ")"; }
};

}  // namespace Catch
