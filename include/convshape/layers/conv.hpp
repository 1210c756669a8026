// convshape: convolution.
#pragma once

#include <cstddef>
#include <cstdint>

#include "../core/detail/host_device.hpp"
#include "../core/receptive_field.hpp"
#include "detail/layer_rules.hpp"
#include "detail/window.hpp"
#include "plan.hpp"

namespace convshape {

/// Convolution parameters, in Keras' order so designated initializers read
/// like a layer: `{.filters = 16, .kernel = 5, .strides = 2, .padding = same}`.
template <std::size_t N>
struct conv_params {
  std::int64_t filters = 0;  ///< output channels
  per_dim<N> kernel = 0;
  per_dim<N> strides = 1;
  ::convshape::padding<N> padding = valid;
  per_dim<N> dilation = 1;
  std::int64_t groups = 1;
  bool bias = true;  ///< no effect on the shape; counted in parameters

  friend constexpr bool operator==(const conv_params&, const conv_params&) = default;
};

namespace detail {

/// The window a convolution slides, as the per-dimension arithmetic reads it.
template <std::size_t N>
CONVSHAPE_HOST_DEVICE constexpr window_params<N> window_of(const conv_params<N>& p) noexcept {
  return {p.kernel, p.strides, p.dilation, p.padding};
}

/// The plan of a convolution: false, with `error` filled, if it is invalid.
template <framework F, layout L>
CONVSHAPE_HOST_DEVICE constexpr bool plan_into(const shape<L>& x, const conv_params<spatial_rank(L)>& p,
                                               layer_plan<spatial_rank(L)>& plan, error_info& error,
                                               input_check input) noexcept {
  return plan_layer({op::conv, spatial_rank(L), F}, x, p.filters, p.groups, window_of(p), plan, error,
                    input);
}

}  // namespace detail

template <framework F = generic, layout L>
CONVSHAPE_HOST_DEVICE constexpr result<layer_plan<spatial_rank(L)>> try_plan(const shape<L>& x,
                                                       const conv_params<spatial_rank(L)>& p) noexcept {
  return detail::try_plan_of<F>(x, p);
}

/// The output shape of a convolution, or the reason there is none.
template <framework F = generic, layout L>
CONVSHAPE_HOST_DEVICE constexpr result<shape<L>> try_conv(const shape<L>& x,
                                                          const conv_params<spatial_rank(L)>& p) noexcept {
  return detail::try_output_of<F>(x, p);
}

/// The output shape of a convolution: a compile error in constant
/// evaluation, a shape_error at run time, if the configuration is invalid.
template <framework F = generic, layout L>
CONVSHAPE_HOST_DEVICE constexpr shape<L> conv(const shape<L>& x, const conv_params<spatial_rank(L)>& p) {
  return detail::output_of<F>(x, p);
}

namespace detail {

/// Convolution in a network (layers/detail/layer_rules.hpp).
template <std::size_t N>
struct conv_rules {
  using params = conv_params<N>;
  static constexpr input_rank input = input_rank::spatial;

  template <framework F, class Record>
  static constexpr bool apply(const params& p, Record& r, error_info& error) noexcept {
    const auto in = r.output;
    layer_plan<N> plan{};
    if (!(plan_into<F>(in, p, plan, error, input_check::done) &&
          conv_figures(in, p.filters, p.groups, p.kernel, p.bias, plan.output, r, error)))
      return false;
    r.output = {in.batch_, plan.channels, plan.output};
    through_window(r.receptive_field, p.kernel, p.strides, p.dilation, plan.pads.begin);
    return true;
  }
  template <framework F, layout L>
  static constexpr result<shape<L>> output(const shape<L>& x, bool, const params& p) noexcept {
    return try_conv<F>(x, p);
  }
  template <framework F>
  static constexpr replay_form replay(const params& p, bool, std::int64_t, extent_rule (&rules)[N]) noexcept {
    return window_replay({op::conv, N, F}, window_of(p), rules);
  }
};

}  // namespace detail

template <framework F = generic, layout L>
  requires(spatial_rank(L) == 1)
CONVSHAPE_HOST_DEVICE constexpr shape<L> conv1d(const shape<L>& x, const conv_params<1>& p) {
  return conv<F>(x, p);
}
template <framework F = generic, layout L>
  requires(spatial_rank(L) == 2)
CONVSHAPE_HOST_DEVICE constexpr shape<L> conv2d(const shape<L>& x, const conv_params<2>& p) {
  return conv<F>(x, p);
}
template <framework F = generic, layout L>
  requires(spatial_rank(L) == 3)
CONVSHAPE_HOST_DEVICE constexpr shape<L> conv3d(const shape<L>& x, const conv_params<3>& p) {
  return conv<F>(x, p);
}

// Layer values (network/layer.hpp), as a network takes them: the rank-named
// factories are templates only so that including this header instantiates no
// layer<N>.
template <std::size_t N>
constexpr layer<N> conv(const conv_params<N>& p, const char* name = nullptr) noexcept { return {p, name}; }
template <std::size_t N = 1>
  requires(N == 1)
constexpr layer<N> conv1d(const conv_params<N>& p, const char* name = nullptr) noexcept { return {p, name}; }
template <std::size_t N = 2>
  requires(N == 2)
constexpr layer<N> conv2d(const conv_params<N>& p, const char* name = nullptr) noexcept { return {p, name}; }
template <std::size_t N = 3>
  requires(N == 3)
constexpr layer<N> conv3d(const conv_params<N>& p, const char* name = nullptr) noexcept { return {p, name}; }

}  // namespace convshape
