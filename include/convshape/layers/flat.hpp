// convshape: flattening a feature map, the dense layers that take it, and
// unflattening back to a map.
#pragma once

#include <cstddef>
#include <cstdint>

#include "../core/detail/checked.hpp"
#include "../core/detail/host_device.hpp"
#include "../core/error.hpp"
#include "../core/shape.hpp"
#include "detail/layer_rules.hpp"

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

/// "dense: input batch must be at least 1, got 0", or no error.
CONVSHAPE_HOST_DEVICE constexpr error_info check_flat_extents(const flat_shape& x, const char* op) noexcept {
  error_info e;
  if (x.batch < 1 || x.features < 1) {
    e = error_info{errc::extent_below_one};
    e.message << op << ": input " << (x.batch < 1 ? "batch" : "features") << " must be at least 1, got "
              << (x.batch < 1 ? x.batch : x.features);
  }
  return e;
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
  if (auto e = detail::check_flat_extents(x, "dense")) return e;
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

/// A flat tensor back to a map of layout L, (batch, features, 1, ...): the
/// output of flatten or dense as Keras' Reshape((1, 1, F)), ONNX's Reshape
/// or Unsqueeze to [N, F, 1, 1] and PyTorch's x.view(N, F, 1, 1) give it, so
/// that convolutions can follow (a squeeze-and-excitation block's dense
/// weights, scaling a map).
template <layout L>
CONVSHAPE_HOST_DEVICE constexpr result<shape<L>> try_unflatten(const flat_shape& x) noexcept {
  if (auto e = detail::check_flat_extents(x, "unflatten")) return e;
  return shape<L>{x.batch, x.features, 1};
}

template <layout L>
CONVSHAPE_HOST_DEVICE constexpr shape<L> unflatten(const flat_shape& x) {
  return try_unflatten<L>(x).value();
}

namespace detail {

/// A network keeps a flat tensor as a shape (batch, features, 1, ...): a
/// dense layer is a 1x1 convolution on a 1x1 map.
template <layout L>
constexpr void set_flat(shape<L>& s, const flat_shape& f) noexcept {
  s = {f.batch, f.features, 1};
}

/// Flatten in a network. Flattening a flat tensor changes nothing, as in
/// Keras; after it, spatial positions are gone, and so is the receptive field.
struct flatten_rules {
  static constexpr input_rank input = input_rank::any;

  template <framework F, class Params, class Record>
  static constexpr bool apply(const Params&, Record& r, error_info& error) noexcept {
    if (r.flat) return true;
    const auto f = try_flatten(r.output);
    if (!succeeded(f, error)) return false;
    set_flat(r.output, *f);
    r.flat = true;
    r.receptive_field = {.defined = false};
    return true;
  }
  template <framework F, layout L, class Params>
  static constexpr result<shape<L>> output(const shape<L>& x, bool flat, const Params&) noexcept {
    if (flat) return x;
    const auto f = try_flatten(x);
    if (!f) return f.error();
    shape<L> y = x;
    set_flat(y, *f);
    return y;
  }
  template <framework F, class Params, std::size_t N>
  static constexpr replay_form replay(const Params&, bool flat, std::int64_t, extent_rule (&)[N]) noexcept {
    return flat ? replay_form::same_extents : replay_form::flatten;
  }
};

/// A dense layer in a network: units x in_features weights, each used once
/// per batch element.
struct dense_rules {
  using params = dense_params;
  static constexpr input_rank input = input_rank::flat;

  template <framework F, class Record>
  static constexpr bool apply(const dense_params& p, Record& r, error_info& error) noexcept {
    const auto d = try_dense({r.output.batch_, r.output.channels_}, p);
    if (!succeeded(d, error)) return false;
    std::int64_t weights = 0;
    if (!(mul(r.output.channels_, p.units, weights) && add(weights, p.bias ? p.units : 0, r.params) &&
          mul(weights, r.output.batch_, r.macs)))
      return figures_overflow(error);
    set_flat(r.output, *d);
    return true;
  }
  template <framework F, layout L>
  static constexpr result<shape<L>> output(const shape<L>& x, bool, const dense_params& p) noexcept {
    const auto d = try_dense({x.batch_, x.channels_}, p);
    if (!d) return d.error();
    shape<L> y = x;
    set_flat(y, *d);
    return y;
  }
  template <framework F, std::size_t N>
  static constexpr replay_form replay(const dense_params&, bool, std::int64_t, extent_rule (&)[N]) noexcept {
    return replay_form::dense;
  }
};

/// Unflatten in a network: a flat record is already kept as (batch,
/// features, 1, ...), so the shape stays and only `flat` changes. The
/// receptive field stays as flatten left it, undefined.
struct unflatten_rules : shape_keeping_rules {
  static constexpr input_rank input = input_rank::flat;

  template <framework F, class Params, class Record>
  static constexpr bool apply(const Params&, Record& r, error_info&) noexcept {
    r.flat = false;
    return true;
  }
};

}  // namespace detail

}  // namespace convshape
