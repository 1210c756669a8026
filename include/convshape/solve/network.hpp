// convshape: inverse problems over a whole chain of layers: the smallest
// input that a network accepts.
#pragma once

#include <cstddef>
#include <cstdint>

#include "../core/error.hpp"
#include "../core/per_dim.hpp"
#include "../core/shape.hpp"
#include "../network/network.hpp"

namespace convshape {

namespace detail {

/// The first error of a chain of layers on `input`, without raising.
template <framework F, layout L, std::size_t K>
constexpr error_info first_error(const shape<L>& input, const layer<spatial_rank(L)> (&layers)[K]) noexcept {
  if (auto e = check_extents(input, "network input")) return e;
  network<L, K + 1, F> net(input);
  tensor<L> x = net.input();
  for (std::size_t i = 0; i < K; ++i) {
    const auto next = net.try_apply(x, layers[i]);
    if (!next) return next.error();
    x = *next;
  }
  return {};
}

}  // namespace detail

/// The smallest extent of each spatial dimension, the others kept as in
/// `accepted`, for which the chain of layers has an output: the first size
/// counted up from 1, since a dense layer with fixed in_features accepts a
/// band of sizes, not every size above a bound. `accepted` must be accepted.
template <framework F = generic, layout L, std::size_t K>
constexpr result<per_dim<spatial_rank(L)>> try_smallest_input(const shape<L>& accepted,
                                                              const layer<spatial_rank(L)> (&layers)[K]) noexcept {
  if (auto e = detail::first_error<F>(accepted, layers)) return e;
  per_dim<spatial_rank(L)> smallest = accepted.spatial_;
  for (std::size_t i = 0; i < spatial_rank(L); ++i) {
    shape<L> probe = accepted;
    for (std::int64_t n = 1; n < accepted.spatial_[i]; ++n) {
      probe.spatial_[i] = n;
      if (!detail::first_error<F>(probe, layers)) {
        smallest[i] = n;
        break;
      }
    }
  }
  return smallest;
}

template <framework F = generic, layout L, std::size_t K>
constexpr per_dim<spatial_rank(L)> smallest_input(const shape<L>& accepted, const layer<spatial_rank(L)> (&layers)[K]) {
  return try_smallest_input<F>(accepted, layers).value();
}

}  // namespace convshape
