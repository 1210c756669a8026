// convshape: receptive fields, as in Araujo, Norris and Sim, "Computing
// Receptive Fields of Convolutional Neural Networks", Distill 2019.
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "detail/checked.hpp"
#include "detail/host_device.hpp"
#include "per_dim.hpp"

namespace convshape {

/// The input region that one output element sees, per spatial dimension:
/// output element i sees input elements [start + i * jump, start + i * jump + size).
/// `start` is negative when the first window reaches into padding (the
/// article's effective padding is -start); `jump` is its effective stride.
///
/// After a transposed convolution, an upsample or a flatten, the region is no
/// longer the same for every output element (it depends on the element's
/// phase, or the spatial positions are gone), and `defined` is false.
template <std::size_t N>
struct receptive_field {
  per_dim<N> size = 1;
  per_dim<N> jump = 1;
  per_dim<N> start = 0;
  bool defined = true;

  friend constexpr bool operator==(const receptive_field&, const receptive_field&) = default;
};

namespace detail {

/// One sliding window layer along every dimension (the article's
/// recurrences): size += (eff - 1) * jump, start -= pad_begin * jump,
/// jump *= stride. Overflow leaves the field undefined rather than wrong.
template <std::size_t N>
using dims = std::type_identity_t<per_dim<N>>;  // deduced from the field alone, so 1 broadcasts

template <std::size_t N>
CONVSHAPE_HOST_DEVICE constexpr void through_window(receptive_field<N>& rf, const dims<N>& kernel,
                                                    const dims<N>& strides, const dims<N>& dilation,
                                                    const dims<N>& pad_begin) noexcept {
  if (!rf.defined) return;
  for (std::size_t i = 0; i < N; ++i) {
    // A 1-wide window, no pad and stride 1 leave their term as it is: skipped,
    // since in constant evaluation a checked step costs several comparisons,
    // and 1x1 convolutions are most of a modern network. A dimension they all
    // leave as it is is skipped before its locals are made.
    if (kernel.values[i] == 1 && pad_begin.values[i] == 0 && strides.values[i] == 1) continue;
    std::int64_t &size = rf.size.values[i], &jump = rf.jump.values[i], &start = rf.start.values[i];
    std::int64_t span = 0, shift = 0;
    const bool fits =
        (kernel.values[i] == 1 ||
         (mul(dilation.values[i], kernel.values[i] - 1, span) && mul(span, jump, span) && add(size, span, size))) &&
        (pad_begin.values[i] == 0 || (mul(pad_begin.values[i], jump, shift) && sub(start, shift, start))) &&
        (strides.values[i] == 1 || mul(jump, strides.values[i], jump));
    if (!fits) {
      rf = {.defined = false};
      return;
    }
  }
}

/// The region of one element after cropping `offset` elements at the start.
template <std::size_t N>
CONVSHAPE_HOST_DEVICE constexpr receptive_field<N> through_crop(receptive_field<N> rf,
                                                                const per_dim<N>& offset) noexcept {
  if (!rf.defined) return rf;
  for (std::size_t i = 0; i < N; ++i) {
    std::int64_t shift = 0;
    if (!(mul(offset.values[i], rf.jump.values[i], shift) && add(rf.start.values[i], shift, rf.start.values[i])))
      return {.defined = false};
  }
  return rf;
}

/// Two branches joined (add, concat): `rf`, the first branch's region,
/// becomes the union with `b`'s. The article's alignment condition: with
/// different jumps the union differs from element to element, so it is
/// undefined. Updated in place, as through_window is.
template <std::size_t N>
CONVSHAPE_HOST_DEVICE constexpr void through_merge(receptive_field<N>& rf, const receptive_field<N>& b) noexcept {
  if (!rf.defined) return;
  if (!b.defined || rf.jump != b.jump) {
    rf = {.defined = false};
    return;
  }
  for (std::size_t i = 0; i < N; ++i) {
    const std::int64_t start_a = rf.start.values[i], size_a = rf.size.values[i];
    const std::int64_t start_b = b.start.values[i], size_b = b.size.values[i];
    // Sizes are at least 1: an end overflows only above int64_max - size,
    // and the union's size only when its start is negative. Compared, not
    // computed through the checked helpers: in constant evaluation a call
    // costs more than the comparisons, and every merge comes through here.
    if (size_a < 1 || size_b < 1 || start_a > int64_max - size_a || start_b > int64_max - size_b) {
      rf = {.defined = false};
      return;
    }
    const std::int64_t end_a = start_a + size_a, end_b = start_b + size_b;
    const std::int64_t start = start_a < start_b ? start_a : start_b, end = end_a > end_b ? end_a : end_b;
    if (start < 0 && end > int64_max + start) {
      rf = {.defined = false};
      return;
    }
    rf.start.values[i] = start;
    rf.size.values[i] = end - start;
  }
}

}  // namespace detail
}  // namespace convshape
