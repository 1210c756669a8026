// convshape: depthwise and pointwise convolution, the halves of a separable
// convolution (MobileNet), as conveniences over conv().
#pragma once

#include <cstddef>
#include <cstdint>

#include "../core/detail/checked.hpp"
#include "../core/detail/host_device.hpp"
#include "conv.hpp"

namespace convshape {

/// Keras' DepthwiseConv2D: one filter group per input channel, each with
/// depth_multiplier outputs.
template <std::size_t N>
struct depthwise_params {
  per_dim<N> kernel = 0;
  per_dim<N> strides = 1;
  ::convshape::padding<N> padding = valid;
  per_dim<N> dilation = 1;
  std::int64_t depth_multiplier = 1;
  bool bias = true;

  friend constexpr bool operator==(const depthwise_params&, const depthwise_params&) = default;
};

/// The convolution a depthwise layer is on `channels` input channels:
/// groups = channels, filters = channels * depth_multiplier.
template <std::size_t N>
CONVSHAPE_HOST_DEVICE constexpr result<conv_params<N>> try_as_conv(const depthwise_params<N>& p,
                                                                   std::int64_t channels) noexcept {
  if (p.depth_multiplier < 1) {
    error_info e{errc::filters_below_one};
    e.message << "depthwise_conv" << static_cast<std::int64_t>(N) << "d: depth_multiplier must be at least 1, got "
              << p.depth_multiplier;
    return e;
  }
  std::int64_t filters = 0;
  if (!detail::mul(channels, p.depth_multiplier, filters)) {
    error_info e{errc::overflow};
    e.message << "depthwise_conv" << static_cast<std::int64_t>(N) << "d: channels " << channels
              << " times depth_multiplier " << p.depth_multiplier << " overflows int64";
    return e;
  }
  return conv_params<N>{filters, p.kernel, p.strides, p.padding, p.dilation, channels, p.bias};
}

template <framework F = generic, layout L>
CONVSHAPE_HOST_DEVICE constexpr result<shape<L>> try_depthwise_conv(const shape<L>& x,
    const depthwise_params<spatial_rank(L)>& p) noexcept {
  const auto as_conv = try_as_conv(p, x.channels_);
  if (!as_conv) return as_conv.error();
  return try_conv<F>(x, *as_conv);
}

template <framework F = generic, layout L>
CONVSHAPE_HOST_DEVICE constexpr shape<L> depthwise_conv(const shape<L>& x, const depthwise_params<spatial_rank(L)>& p) {
  return try_depthwise_conv<F>(x, p).value();
}

namespace detail {

/// Depthwise convolution in a network: the convolution it is on its input's channels.
template <std::size_t N>
struct depthwise_rules {
  using params = depthwise_params<N>;
  static constexpr input_rank input = input_rank::spatial;

  template <framework F, class Record>
  static constexpr bool apply(const params& p, Record& r, error_info& error) noexcept {
    const auto as_conv = try_as_conv(p, r.output.channels_);
    return succeeded(as_conv, error) && conv_rules<N>::template apply<F>(*as_conv, r, error);
  }
  template <framework F, layout L>
  static constexpr result<shape<L>> output(const shape<L>& x, bool, const params& p) noexcept {
    return try_depthwise_conv<F>(x, p);
  }
  template <framework F>
  static constexpr replay_form replay(const params& p, bool flat, std::int64_t channels,
                                      extent_rule (&rules)[N]) noexcept {
    const auto as_conv = try_as_conv(p, channels);
    return as_conv ? conv_rules<N>::template replay<F>(*as_conv, flat, channels, rules) : replay_form::none;
  }
};

}  // namespace detail

/// A 1x1 convolution: mixes channels, keeps the spatial extents.
template <framework F = generic, layout L>
CONVSHAPE_HOST_DEVICE constexpr shape<L> pointwise_conv(const shape<L>& x, std::int64_t filters) {
  return conv<F>(x, {.filters = filters, .kernel = 1});
}

// Layer values (network/layer.hpp), as a network takes them: the rank-named
// factories are templates only so that including this header instantiates no
// layer<N>.
template <std::size_t N>
constexpr layer<N> depthwise_conv(const depthwise_params<N>& p, const char* name = nullptr) noexcept {
  return {p, name};
}

}  // namespace convshape
