// convshape: one value per spatial dimension, or one value for all of them.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>

#include "detail/host_device.hpp"

namespace convshape {

/// A parameter with one entry per spatial dimension. A single number
/// broadcasts (`kernel = 3` is 3x3 in 2-D); a braced list gives each
/// dimension its own (`kernel = {3, 5}`), outermost spatial dimension first.
template <std::size_t N>
struct per_dim {
  static_assert(N >= 1 && N <= 3, "convshape supports 1 to 3 spatial dimensions");

  // Public so that per_dim is a structural type, usable as a template argument.
  std::int64_t values[N]{};

  constexpr per_dim() noexcept = default;
  // A broadcast, one constructor for each rank: an initializer per index,
  // not a loop, which constant evaluation would run as a statement per
  // element, nor a pack, which would cost it a second call; every broadcast
  // parameter and receptive field is built this way.
  CONVSHAPE_HOST_DEVICE constexpr per_dim(std::int64_t broadcast) noexcept  // NOLINT: broadcasting is the point
    requires(N == 1)
      : values{broadcast} {}
  CONVSHAPE_HOST_DEVICE constexpr per_dim(std::int64_t broadcast) noexcept  // NOLINT
    requires(N == 2)
      : values{broadcast, broadcast} {}
  CONVSHAPE_HOST_DEVICE constexpr per_dim(std::int64_t broadcast) noexcept  // NOLINT
    requires(N == 3)
      : values{broadcast, broadcast, broadcast} {}
  template <std::integral... T>
    requires(N > 1 && sizeof...(T) == N)
  CONVSHAPE_HOST_DEVICE constexpr per_dim(T... each) noexcept : values{static_cast<std::int64_t>(each)...} {}

  static CONVSHAPE_HOST_DEVICE constexpr std::size_t size() noexcept { return N; }
  // convshape's own loops read `values` directly: in constant evaluation a
  // call is evaluated as one, frame and arguments, where a read is one step.
  CONVSHAPE_HOST_DEVICE constexpr std::int64_t operator[](std::size_t i) const noexcept { return values[i]; }
  CONVSHAPE_HOST_DEVICE constexpr std::int64_t& operator[](std::size_t i) noexcept { return values[i]; }
  friend constexpr bool operator==(const per_dim&, const per_dim&) = default;

};

}  // namespace convshape
