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

/// The smallest extent of each spatial dimension, the others kept as in
/// `accepted`, for which the chain of layers has an output: the first size
/// counted up from 1, since a dense layer with fixed in_features accepts a
/// band of sizes, not every size above a bound. `accepted` must be accepted.
template <framework F = generic, layout L, std::size_t K>
constexpr result<per_dim<spatial_rank(L)>> try_smallest_input(const shape<L>& accepted,
                                                              const layer<spatial_rank(L)> (&layers)[K]) noexcept {
  if (auto e = sequential<F>(defer_errors, accepted, layers).error()) return e;
  per_dim<spatial_rank(L)> smallest = accepted.spatial_;
  for (std::size_t i = 0; i < spatial_rank(L); ++i) {
    shape<L> probe = accepted;
    for (std::int64_t n = 1; n < accepted.spatial_[i]; ++n) {
      probe.spatial_[i] = n;
      if (!sequential<F>(defer_errors, probe, layers).error()) {
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
