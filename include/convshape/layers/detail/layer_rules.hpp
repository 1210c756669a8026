// convshape: what a network asks of each kind of layer.
//
// Every layer's header defines its rules, a struct of static functions:
//
//   input                       what it takes: a spatial map, a flat tensor, or either
//   apply<F>(p, record, error)  its output, parameters, multiply-accumulates and
//                               receptive field, written into `record`, which
//                               arrives as a copy of its input's record
//   output<F>(x, flat, p)       its output shape alone, for shape_program's replay
//   replay<F>(p, flat, channels, rules)
//                               the fast form of that replay, where one exists
//
// network/layer.hpp lists the kinds and their rules; the network,
// sequential, shape_program and the summary reach every layer through them.
#pragma once

#include <cstddef>
#include <cstdint>

#include "../../core/detail/checked.hpp"
#include "../../core/detail/host_device.hpp"
#include "../../core/detail/layer_id.hpp"
#include "../../core/error.hpp"
#include "../../core/per_dim.hpp"
#include "../../core/shape.hpp"
#include "../../frameworks/detail/policy.hpp"

namespace convshape {

/// One layer of a network, as a value (network/layer.hpp). Declared here so
/// that each layer's header can make layers of its kind.
template <std::size_t N>
struct layer;

namespace detail {

/// What a layer takes as its input.
enum class input_rank : unsigned char {
  spatial,  ///< a feature map, not yet flattened
  flat,     ///< the output of flatten or dense
  any,
};

/// How shape_program replays a layer without its shape functions.
enum class replay_form : unsigned char {
  none,           ///< no fast form: the shape functions decide
  same_extents,   ///< the output has the input's extents
  window,         ///< each extent by an extent_rule
  ones,           ///< every extent 1
  flatten,        ///< features = channels x extents
  dense,          ///< features = units; the input's must be in_features
};

/// A layer's output extent, when it is floor((in + offset) / stride) + 1
/// with in + offset >= 0 and in <= limit; outside that, the shape functions
/// decide, and report. `shift` is log2(stride) for a power of two, else -1:
/// a shift is far cheaper than a 64-bit division.
struct extent_rule {
  std::int64_t offset = 0, limit = 0, stride = 1;
  int shift = 0;

  /// Stride 1 and pads that add back what the window takes: out = in.
  constexpr bool keeps_extent() const noexcept { return stride == 1 && offset == -1; }
};

constexpr int log2_exact(std::int64_t v) noexcept {
  int shift = 0;
  while (shift < 62 && (std::int64_t{1} << shift) < v) ++shift;
  return (std::int64_t{1} << shift) == v ? shift : -1;
}

/// Fills `rules` and returns replay_form::window when a convolution's or
/// pool's extents follow the fast form, else replay_form::none.
template <std::size_t N>
constexpr replay_form window_replay(const layer_id& id, const window_params<N>& w, extent_rule (&rules)[N]) noexcept {
  const bool same_padding = w.pads.mode == padding_mode::same || w.pads.mode == padding_mode::same_lower;
  // The fast form holds where forward() ends in floor((padded - eff) / stride)
  // + 1 or, for 'same', ceil(in / stride); the framework's policy says where.
  // Elsewhere the layer goes through the shape functions.
  if (!policy_fast_replay(id, w)) return replay_form::none;
  for (std::size_t i = 0; i < N; ++i) {
    const std::int64_t eff = w.dilation[i] * (w.kernel[i] - 1) + 1;  // checked on the reference input
    extent_rule& rule = rules[i];
    rule.stride = w.strides[i];
    rule.shift = log2_exact(rule.stride);
    if (same_padding) {
      rule.offset = -1;
      rule.limit = int64_max - eff + 1;  // beyond, 'same' padding's arithmetic may overflow
      continue;
    }
    const std::int64_t pads = w.pads.mode == padding_mode::valid    ? 0
                              : w.pads.mode == padding_mode::causal ? eff - 1
                                                                    : w.pads.begin[i] + w.pads.end[i];
    rule.offset = pads - eff;
    rule.limit = int64_max - pads;
  }
  return replay_form::window;
}

/// Fills `error` with an overflow of a layer's figures; false, always.
constexpr bool figures_overflow(error_info& error) noexcept {
  error = error_info{errc::overflow};
  error.message << "parameter or multiply-accumulate count overflows int64";
  return false;
}

/// A convolution's parameters and multiply-accumulates, transposed or not:
/// filters * channels / groups windows of weights, each applied once per
/// batch element and position of the map it slides over (the output of a
/// convolution, the input of a transposed one). All factors are positive, so
/// the product overflows if and only if some partial product does, in
/// whatever order.
template <layout L, class Record>
constexpr bool conv_figures(const shape<L>& in, std::int64_t filters, std::int64_t groups,
                            const per_dim<spatial_rank(L)>& kernel, bool bias,
                            const per_dim<spatial_rank(L)>& positions, Record& r, error_info& error) noexcept {
  std::int64_t weight_count = 0, uses = in.batch_;  // uses: of each weight
  bool fits = mul(filters, in.channels_ / groups, weight_count);
  // A constant bound: in constant evaluation, spatial_rank(L) in the loop's
  // condition is a call on every pass.
  constexpr std::size_t n = spatial_rank(L);
  for (std::size_t axis = 0; axis < n; ++axis) {
    fits = fits && mul(weight_count, kernel.values[axis], weight_count) && mul(uses, positions.values[axis], uses);
  }
  return (fits && add(weight_count, bias ? filters : 0, r.params) && mul(weight_count, uses, r.macs)) ||
         figures_overflow(error);
}

/// The output and replay of a layer whose output has its input's shape
/// (activations, normalizations; each kind's rules add its input and how
/// many parameters it has).
struct shape_keeping_rules {
  static constexpr input_rank input = input_rank::any;

  template <framework F, layout L, class Params>
  static constexpr result<shape<L>> output(const shape<L>& x, bool, const Params&) noexcept {
    return x;
  }
  template <framework F, class Params, std::size_t N>
  static constexpr replay_form replay(const Params&, bool, std::int64_t, extent_rule (&)[N]) noexcept {
    return replay_form::same_extents;
  }
};

/// A result's error, kept in `error`; false when there is one.
template <class T>
constexpr bool succeeded(const result<T>& outcome, error_info& error) noexcept {
  if (outcome) return true;
  error = outcome.error();
  return false;
}

}  // namespace detail
}  // namespace convshape
