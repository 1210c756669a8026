// convshape: max and average pooling.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>

#include "../core/detail/host_device.hpp"
#include "../core/receptive_field.hpp"
#include "detail/layer_rules.hpp"
#include "detail/window.hpp"
#include "plan.hpp"

namespace convshape {

/// Pooling strides: the window unless given. A flag, not a sentinel value,
/// marks the default, so no stride a user writes is taken for it.
template <std::size_t N>
struct pool_strides {
  per_dim<N> values{};
  bool same_as_window = true;

  constexpr pool_strides() noexcept = default;
  template <class... T>
    requires(sizeof...(T) > 0 && std::constructible_from<per_dim<N>, T...>)
  CONVSHAPE_HOST_DEVICE constexpr pool_strides(T... v) noexcept : values(v...), same_as_window(false) {}  // NOLINT

  CONVSHAPE_HOST_DEVICE constexpr per_dim<N> resolve(const per_dim<N>& window) const noexcept {
    return same_as_window ? window : values;
  }
  friend constexpr bool operator==(const pool_strides&, const pool_strides&) = default;
};

/// Max pooling. ceil_mode lets a partial last window count when it starts
/// inside the input or the start padding; it has no effect on 'same'.
template <std::size_t N>
struct max_pool_params {
  per_dim<N> window = 0;
  pool_strides<N> strides{};
  ::convshape::padding<N> padding = valid;
  per_dim<N> dilation = 1;
  bool ceil_mode = false;

  friend constexpr bool operator==(const max_pool_params&, const max_pool_params&) = default;
};

/// Average pooling; as max pooling, without dilation.
template <std::size_t N>
struct avg_pool_params {
  per_dim<N> window = 0;
  pool_strides<N> strides{};
  ::convshape::padding<N> padding = valid;
  bool ceil_mode = false;

  friend constexpr bool operator==(const avg_pool_params&, const avg_pool_params&) = default;
};

namespace detail {

/// The window a pool slides, as the per-dimension arithmetic reads it.
template <std::size_t N>
CONVSHAPE_HOST_DEVICE constexpr window_params<N> window_of(const max_pool_params<N>& p) noexcept {
  return {p.window, p.strides.resolve(p.window), p.dilation, p.padding, 0, p.ceil_mode};
}
template <std::size_t N>
CONVSHAPE_HOST_DEVICE constexpr window_params<N> window_of(const avg_pool_params<N>& p) noexcept {
  return {p.window, p.strides.resolve(p.window), 1, p.padding, 0, p.ceil_mode};
}

template <framework F, layout L>
CONVSHAPE_HOST_DEVICE constexpr bool plan_into(const shape<L>& x, const max_pool_params<spatial_rank(L)>& p,
                                               layer_plan<spatial_rank(L)>& plan, error_info& error,
                                               input_check input) noexcept {
  return plan_layer({op::max_pool, spatial_rank(L), F}, x, x.channels_, 1, window_of(p), plan, error,
                    input);
}

template <framework F, layout L>
CONVSHAPE_HOST_DEVICE constexpr bool plan_into(const shape<L>& x, const avg_pool_params<spatial_rank(L)>& p,
                                               layer_plan<spatial_rank(L)>& plan, error_info& error,
                                               input_check input) noexcept {
  return plan_layer({op::avg_pool, spatial_rank(L), F}, x, x.channels_, 1, window_of(p), plan, error,
                    input);
}

}  // namespace detail

template <framework F = generic, layout L>
CONVSHAPE_HOST_DEVICE constexpr result<layer_plan<spatial_rank(L)>> try_plan(const shape<L>& x,
                                                       const max_pool_params<spatial_rank(L)>& p) noexcept {
  return detail::try_plan_of<F>(x, p);
}

template <framework F = generic, layout L>
CONVSHAPE_HOST_DEVICE constexpr result<layer_plan<spatial_rank(L)>> try_plan(const shape<L>& x,
                                                       const avg_pool_params<spatial_rank(L)>& p) noexcept {
  return detail::try_plan_of<F>(x, p);
}

template <framework F = generic, layout L>
CONVSHAPE_HOST_DEVICE constexpr result<shape<L>> try_max_pool(const shape<L>& x,
                                                              const max_pool_params<spatial_rank(L)>& p) noexcept {
  return detail::try_output_of<F>(x, p);
}
template <framework F = generic, layout L>
CONVSHAPE_HOST_DEVICE constexpr result<shape<L>> try_avg_pool(const shape<L>& x,
                                                              const avg_pool_params<spatial_rank(L)>& p) noexcept {
  return detail::try_output_of<F>(x, p);
}

template <framework F = generic, layout L>
CONVSHAPE_HOST_DEVICE constexpr shape<L> max_pool(const shape<L>& x, const max_pool_params<spatial_rank(L)>& p) {
  return detail::output_of<F>(x, p);
}
template <framework F = generic, layout L>
CONVSHAPE_HOST_DEVICE constexpr shape<L> avg_pool(const shape<L>& x, const avg_pool_params<spatial_rank(L)>& p) {
  return detail::output_of<F>(x, p);
}

namespace detail {

/// Max or average pooling in a network.
template <std::size_t N, op Kind, class Params>
struct pool_rules {
  using params = Params;
  static constexpr input_rank input = input_rank::spatial;

  template <framework F, class Record>
  static constexpr bool apply(const params& p, Record& r, error_info& error) noexcept {
    layer_plan<N> plan{};
    if (!plan_into<F>(r.output, p, plan, error, input_check::done)) return false;
    const window_params<N> w = window_of(p);
    through_window(r.receptive_field, w.kernel, w.strides, w.dilation, plan.pads.begin);
    r.output.spatial_ = plan.output;
    return true;
  }
  template <framework F, layout L>
  static constexpr result<shape<L>> output(const shape<L>& x, bool, const params& p) noexcept {
    return try_output_of<F>(x, p);
  }
  template <framework F>
  static constexpr replay_form replay(const params& p, bool, std::int64_t, extent_rule (&rules)[N]) noexcept {
    return window_replay({Kind, N, F}, window_of(p), rules);
  }
};

template <std::size_t N>
using max_pool_rules = pool_rules<N, op::max_pool, max_pool_params<N>>;
template <std::size_t N>
using avg_pool_rules = pool_rules<N, op::avg_pool, avg_pool_params<N>>;

}  // namespace detail

template <framework F = generic, layout L>
  requires(spatial_rank(L) == 1)
CONVSHAPE_HOST_DEVICE constexpr shape<L> max_pool1d(const shape<L>& x, const max_pool_params<1>& p) {
  return max_pool<F>(x, p);
}
template <framework F = generic, layout L>
  requires(spatial_rank(L) == 2)
CONVSHAPE_HOST_DEVICE constexpr shape<L> max_pool2d(const shape<L>& x, const max_pool_params<2>& p) {
  return max_pool<F>(x, p);
}
template <framework F = generic, layout L>
  requires(spatial_rank(L) == 3)
CONVSHAPE_HOST_DEVICE constexpr shape<L> max_pool3d(const shape<L>& x, const max_pool_params<3>& p) {
  return max_pool<F>(x, p);
}
template <framework F = generic, layout L>
  requires(spatial_rank(L) == 1)
CONVSHAPE_HOST_DEVICE constexpr shape<L> avg_pool1d(const shape<L>& x, const avg_pool_params<1>& p) {
  return avg_pool<F>(x, p);
}
template <framework F = generic, layout L>
  requires(spatial_rank(L) == 2)
CONVSHAPE_HOST_DEVICE constexpr shape<L> avg_pool2d(const shape<L>& x, const avg_pool_params<2>& p) {
  return avg_pool<F>(x, p);
}
template <framework F = generic, layout L>
  requires(spatial_rank(L) == 3)
CONVSHAPE_HOST_DEVICE constexpr shape<L> avg_pool3d(const shape<L>& x, const avg_pool_params<3>& p) {
  return avg_pool<F>(x, p);
}

// Layer values (network/layer.hpp), as a network takes them: the rank-named
// factories are templates only so that including this header instantiates no
// layer<N>.
template <std::size_t N>
constexpr layer<N> max_pool(const max_pool_params<N>& p, const char* name = nullptr) noexcept { return {p, name}; }
template <std::size_t N = 1>
  requires(N == 1)
constexpr layer<N> max_pool1d(const max_pool_params<N>& p, const char* name = nullptr) noexcept { return {p, name}; }
template <std::size_t N = 2>
  requires(N == 2)
constexpr layer<N> max_pool2d(const max_pool_params<N>& p, const char* name = nullptr) noexcept { return {p, name}; }
template <std::size_t N = 3>
  requires(N == 3)
constexpr layer<N> max_pool3d(const max_pool_params<N>& p, const char* name = nullptr) noexcept { return {p, name}; }
template <std::size_t N>
constexpr layer<N> avg_pool(const avg_pool_params<N>& p, const char* name = nullptr) noexcept { return {p, name}; }
template <std::size_t N = 1>
  requires(N == 1)
constexpr layer<N> avg_pool1d(const avg_pool_params<N>& p, const char* name = nullptr) noexcept { return {p, name}; }
template <std::size_t N = 2>
  requires(N == 2)
constexpr layer<N> avg_pool2d(const avg_pool_params<N>& p, const char* name = nullptr) noexcept { return {p, name}; }
template <std::size_t N = 3>
  requires(N == 3)
constexpr layer<N> avg_pool3d(const avg_pool_params<N>& p, const char* name = nullptr) noexcept { return {p, name}; }

}  // namespace convshape
