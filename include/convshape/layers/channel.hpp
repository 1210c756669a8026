// convshape: layers that rearrange or select channels, as ShuffleNet's units
// do: a channel shuffle, and a slice of the channels.
#pragma once

#include <cstddef>
#include <cstdint>

#include "../core/detail/host_device.hpp"
#include "../core/error.hpp"
#include "../core/shape.hpp"
#include "detail/layer_rules.hpp"

namespace convshape {

/// A channel shuffle (ShuffleNet, PyTorch's nn.ChannelShuffle; in ONNX a
/// Reshape to [N, groups, C / groups, H, W], a Transpose and a Reshape back):
/// `groups` at least 1, dividing the channels.
struct channel_shuffle_params {
  std::int64_t groups = 1;

  friend constexpr bool operator==(const channel_shuffle_params&, const channel_shuffle_params&) = default;
};

/// The channels [begin, end) of the input: ONNX's Slice or Split on axis 1,
/// PyTorch's x[:, begin:end] and x.chunk(2, dim=1) (ShuffleNet's two
/// branches). 0 <= begin < end <= the input's channels; `end` must be given.
struct channel_slice_params {
  std::int64_t begin = 0;
  std::int64_t end = 0;

  friend constexpr bool operator==(const channel_slice_params&, const channel_slice_params&) = default;
};

/// The input's shape, if `groups` can shuffle its channels.
template <layout L>
CONVSHAPE_HOST_DEVICE constexpr result<shape<L>> try_channel_shuffle(const shape<L>& x,
                                                                     const channel_shuffle_params& p) noexcept {
  if (auto e = detail::check_extents(x, "channel_shuffle")) return e;
  if (p.groups < 1 || x.channels_ % p.groups != 0) {
    error_info e{p.groups < 1 ? errc::groups_below_one : errc::groups_do_not_divide_channels};
    e.message << "channel_shuffle: ";
    if (p.groups < 1) {
      e.message << "groups must be at least 1, got " << p.groups;
    } else {
      e.message << "groups " << p.groups << " must divide input channels " << x.channels_;
    }
    return e;
  }
  return x;
}

template <layout L>
CONVSHAPE_HOST_DEVICE constexpr shape<L> channel_shuffle(const shape<L>& x, const channel_shuffle_params& p) {
  return try_channel_shuffle(x, p).value();
}

/// The input with channels end - begin, or the reason there is none: a
/// range reaching outside the channels is errc::slice_out_of_range, an empty
/// one errc::empty_output.
template <layout L>
CONVSHAPE_HOST_DEVICE constexpr result<shape<L>> try_channel_slice(const shape<L>& x,
                                                                   const channel_slice_params& p) noexcept {
  if (auto e = detail::check_extents(x, "channel_slice")) return e;
  const bool inside = p.begin >= 0 && p.end <= x.channels_;
  if (!inside || p.end <= p.begin) {
    error_info e{inside ? errc::empty_output : errc::slice_out_of_range};
    e.message << "channel_slice: channels [" << p.begin << ", " << p.end << ")";
    if (inside) {
      e.message << " are none: end must be greater than begin";
    } else {
      e.message << " must lie within the input's " << x.channels_ << ", [0, " << x.channels_ << ")";
    }
    return e;
  }
  shape<L> y = x;
  y.channels_ = p.end - p.begin;  // no overflow: 0 <= begin < end
  return y;
}

template <layout L>
CONVSHAPE_HOST_DEVICE constexpr shape<L> channel_slice(const shape<L>& x, const channel_slice_params& p) {
  return try_channel_slice(x, p).value();
}

namespace detail {

/// A channel shuffle in a network: no weights; every output element reads
/// the same position of one input channel, so the receptive field stays.
struct channel_shuffle_rules : shape_keeping_rules {
  using params = channel_shuffle_params;
  static constexpr input_rank input = input_rank::spatial;

  template <framework F, class Record>
  static constexpr bool apply(const params& p, Record& r, error_info& error) noexcept {
    return succeeded(try_channel_shuffle(r.output, p), error);
  }
  template <framework F, layout L>
  static constexpr result<shape<L>> output(const shape<L>& x, bool, const params& p) noexcept {
    return try_channel_shuffle(x, p);
  }
};

/// A channel slice in a network: no weights, the receptive field stays. On
/// a flat tensor it slices the features; their count may follow the input's
/// size (after a flatten), so a program asks the shape functions there.
struct channel_slice_rules {
  using params = channel_slice_params;
  static constexpr input_rank input = input_rank::any;

  template <framework F, class Record>
  static constexpr bool apply(const params& p, Record& r, error_info& error) noexcept {
    const auto sliced = try_channel_slice(r.output, p);
    if (!succeeded(sliced, error)) return false;
    r.output.channels_ = sliced->channels_;
    return true;
  }
  template <framework F, layout L>
  static constexpr result<shape<L>> output(const shape<L>& x, bool, const params& p) noexcept {
    return try_channel_slice(x, p);
  }
  template <framework F, std::size_t N>
  static constexpr replay_form replay(const params&, bool flat, std::int64_t, extent_rule (&)[N]) noexcept {
    return flat ? replay_form::none : replay_form::same_extents;
  }
};

}  // namespace detail

}  // namespace convshape
