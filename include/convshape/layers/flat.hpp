// convshape: flattening a feature map, and the dense layers that take it.
#pragma once

#include <cstdint>

#include "../core/detail/checked.hpp"
#include "../core/detail/host_device.hpp"
#include "../core/error.hpp"
#include "../core/shape.hpp"

namespace convshape {

/// (batch, features): a flattened tensor, as a dense (linear) layer takes it.
struct flat_shape {
  std::int64_t batch = 0;
  std::int64_t features = 0;

  /// The number of elements; raises on int64 overflow.
  CONVSHAPE_HOST_DEVICE constexpr std::int64_t element_count() const {
    std::int64_t count = 0;
    if (!detail::mul(batch, features, count)) {
      error_info e{errc::overflow};
      e.message << "flat_shape: element count overflows int64";
      detail::raise(e);
    }
    return count;
  }
  friend constexpr bool operator==(const flat_shape&, const flat_shape&) = default;
};

/// A dense layer: Keras' Dense(units), PyTorch's Linear(in_features, units).
/// in_features = 0 takes the input's, as Keras does; PyTorch fixes it when the
/// model is built, and a flatten that does not produce it is then an error.
struct dense_params {
  std::int64_t in_features = 0;
  std::int64_t units = 0;
  bool bias = true;

  friend constexpr bool operator==(const dense_params&, const dense_params&) = default;
};

namespace detail {

CONVSHAPE_HOST_DEVICE constexpr message_buffer& operator<<(message_buffer& m, const flat_shape& s) noexcept {
  return m << "(" << s.batch << ", " << s.features << ")";
}

}  // namespace detail

template <layout L>
CONVSHAPE_HOST_DEVICE constexpr result<flat_shape> try_flatten(const shape<L>& x) noexcept {
  if (auto e = detail::check_extents(x, "flatten")) return e;
  std::int64_t features = x.channels_;
  for (std::size_t i = 0; i < x.spatial_rank; ++i) {
    if (!detail::mul(features, x.spatial_[i], features)) {
      error_info e{errc::overflow};
      e.message << "flatten: the feature count of " << x << " overflows int64";
      return e;
    }
  }
  return flat_shape{x.batch_, features};
}

/// Channels times spatial extents, whatever the layout: (N, C*H*W).
template <layout L>
CONVSHAPE_HOST_DEVICE constexpr flat_shape flatten(const shape<L>& x) {
  return try_flatten(x).value();
}

CONVSHAPE_HOST_DEVICE constexpr result<flat_shape> try_dense(const flat_shape& x, const dense_params& p) noexcept {
  if (x.batch < 1 || x.features < 1) {
    error_info e{errc::extent_below_one};
    e.message << "dense: input " << (x.batch < 1 ? "batch" : "features") << " must be at least 1, got "
              << (x.batch < 1 ? x.batch : x.features);
    return e;
  }
  if (p.units < 1) {
    error_info e{errc::units_below_one};
    e.message << "dense: units must be at least 1, got " << p.units;
    return e;
  }
  if (p.in_features != 0 && p.in_features != x.features) {
    error_info e{errc::shapes_differ};
    e.message << "dense: in_features " << p.in_features << " does not match the input's " << x.features
              << " features " << x;
    return e;
  }
  return flat_shape{x.batch, p.units};
}

CONVSHAPE_HOST_DEVICE constexpr flat_shape dense(const flat_shape& x, const dense_params& p) {
  return try_dense(x, p).value();
}

}  // namespace convshape
