// convshape: padding modes and explicit pads.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>

#include "detail/host_device.hpp"
#include "per_dim.hpp"

namespace convshape {

enum class padding_mode : unsigned char {
  valid,        ///< no padding
  same,         ///< output = ceil(input / stride); an odd pad's extra goes at the end (TF/Keras, ONNX SAME_UPPER)
  same_lower,   ///< as same, the extra at the start (ONNX SAME_LOWER)
  causal,       ///< 1-D convolution only: all padding at the start (Keras)
  explicit_pads ///< the begin and end pads given
};

inline constexpr padding_mode valid = padding_mode::valid;
inline constexpr padding_mode same = padding_mode::same;
inline constexpr padding_mode same_lower = padding_mode::same_lower;
inline constexpr padding_mode causal = padding_mode::causal;

/// A padding mode, or explicit pads for the start and end of each spatial
/// dimension. One integer pads every side alike (PyTorch's `padding=1`); a
/// braced list pads both sides of each dimension alike (`padding = {1, 2}`);
/// `pads({top, left}, {bottom, right})` gives asymmetric pads. There is
/// deliberately no (begin, end) constructor: `{1, 2}` would mean "1 before,
/// 2 after" in 1-D but "1 in height, 2 in width" in 2-D.
template <std::size_t N>
struct padding {
  padding_mode mode = padding_mode::valid;
  per_dim<N> begin{};
  per_dim<N> end{};

  constexpr padding() noexcept = default;
  CONVSHAPE_HOST_DEVICE constexpr padding(padding_mode chosen) noexcept : mode(chosen) {}  // NOLINT: implicit by design
  CONVSHAPE_HOST_DEVICE constexpr padding(std::int64_t every_side) noexcept  // NOLINT
      : mode(padding_mode::explicit_pads), begin(every_side), end(every_side) {}
  template <std::integral... T>
    requires(N > 1 && sizeof...(T) == N)
  CONVSHAPE_HOST_DEVICE constexpr padding(T... each) noexcept
      : mode(padding_mode::explicit_pads), begin(each...), end(each...) {}

  friend constexpr bool operator==(const padding&, const padding&) = default;
};

/// Asymmetric explicit pads: `pads({1, 0}, {2, 1})` pads 1 at the top, 0 at
/// the left, 2 at the bottom and 1 at the right.
template <std::size_t N>
CONVSHAPE_HOST_DEVICE constexpr padding<N> pads(const per_dim<N>& begin, const per_dim<N>& end) noexcept {
  padding<N> p{padding_mode::explicit_pads};
  p.begin = begin;
  p.end = end;
  return p;
}

template <std::size_t N>
CONVSHAPE_HOST_DEVICE constexpr padding<N> pads(const std::int64_t (&begin)[N], const std::int64_t (&end)[N]) noexcept {
  per_dim<N> b, e;
  for (std::size_t i = 0; i < N; ++i) {
    b[i] = begin[i];
    e[i] = end[i];
  }
  return pads(b, e);
}

CONVSHAPE_HOST_DEVICE constexpr const char* name(padding_mode m) noexcept {
  switch (m) {
    case padding_mode::valid: return "valid";
    case padding_mode::same: return "same";
    case padding_mode::same_lower: return "same_lower";
    case padding_mode::causal: return "causal";
    case padding_mode::explicit_pads: return "explicit";
  }
  return "?";
}

}  // namespace convshape
