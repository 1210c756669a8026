// convshape: layers that change spatial extents without a sliding window:
// upsampling, center cropping and global pooling.
#pragma once

#include <cstddef>
#include <cstdint>

#include "../core/detail/checked.hpp"
#include "../core/detail/host_device.hpp"
#include "../core/detail/layer_id.hpp"
#include "../core/error.hpp"
#include "../core/per_dim.hpp"
#include "../core/receptive_field.hpp"
#include "../core/shape.hpp"
#include "detail/layer_rules.hpp"

namespace convshape {

/// Nearest and bilinear (trilinear in 3-D) interpolation give the same
/// shape; the mode is kept for the model summary.
enum class upsample_mode : unsigned char { nearest, bilinear };

/// Upsampling by an integer factor per dimension: Keras' UpSampling2D(size),
/// PyTorch's Upsample(scale_factor) with an integer factor.
template <std::size_t N>
struct upsample_params {
  per_dim<N> scale = 2;  ///< Keras' default
  upsample_mode mode = upsample_mode::nearest;

  friend constexpr bool operator==(const upsample_params&, const upsample_params&) = default;
};

template <layout L>
CONVSHAPE_HOST_DEVICE constexpr result<shape<L>> try_upsample(const shape<L>& x,
                                                              const upsample_params<spatial_rank(L)>& p) noexcept {
  if (auto e = detail::check_extents(x, "upsample")) return e;
  shape<L> out = x;
  for (std::size_t i = 0; i < x.spatial_rank; ++i) {
    if (p.scale[i] < 1) {
      error_info e{errc::scale_below_one};
      e.message << "upsample: scale must be at least 1, got " << p.scale[i] << detail::in_dim{i};
      return e;
    }
    if (!detail::mul(x.spatial_[i], p.scale[i], out.spatial_[i])) {
      error_info e{errc::overflow};
      e.message << "upsample: output extent overflows int64" << detail::in_dim{i};
      return e;
    }
  }
  return out;
}

template <layout L>
CONVSHAPE_HOST_DEVICE constexpr shape<L> upsample(const shape<L>& x, const upsample_params<spatial_rank(L)>& p) {
  return try_upsample(x, p).value();
}

/// The leading offset of a center crop from `input` to `target`: the larger
/// half of an odd difference is cut at the end, as the U-Net paper crops.
CONVSHAPE_HOST_DEVICE constexpr std::int64_t center_crop_offset(std::int64_t input, std::int64_t target) noexcept {
  return (input - target) / 2;
}

/// A center crop to `target` spatial extents, as the original U-Net crops its
/// skip connections to the upsampled path. Each target extent must lie in
/// [1, input extent].
template <layout L>
CONVSHAPE_HOST_DEVICE constexpr result<shape<L>> try_center_crop(const shape<L>& x,
                                                                 const per_dim<spatial_rank(L)>& target) noexcept {
  if (auto e = detail::check_extents(x, "center_crop")) return e;
  for (std::size_t i = 0; i < x.spatial_rank; ++i) {
    if (target[i] < 1 || target[i] > x.spatial_[i]) {
      error_info e{target[i] < 1 ? errc::extent_below_one : errc::shapes_differ};
      e.message << "center_crop: target extent " << target[i] << detail::in_dim{i} << " must lie in [1, "
                << x.spatial_[i] << "], the extent of " << x;
      return e;
    }
  }
  return shape<L>{x.batch_, x.channels_, target};
}

template <layout L>
CONVSHAPE_HOST_DEVICE constexpr shape<L> center_crop(const shape<L>& x, const per_dim<spatial_rank(L)>& target) {
  return try_center_crop(x, target).value();
}

/// Global average and max pooling keep the pooled dimensions, at extent 1, as
/// PyTorch's AdaptiveAvgPool2d(1) and Keras' keepdims=True do; flatten after
/// them for Keras' default (N, C).
template <layout L>
CONVSHAPE_HOST_DEVICE constexpr result<shape<L>> try_global_pool(const shape<L>& x) noexcept {
  if (auto e = detail::check_extents(x, "global_pool")) return e;
  return shape<L>{x.batch_, x.channels_, 1};
}

template <layout L>
CONVSHAPE_HOST_DEVICE constexpr shape<L> global_avg_pool(const shape<L>& x) {
  return try_global_pool(x).value();
}
template <layout L>
CONVSHAPE_HOST_DEVICE constexpr shape<L> global_max_pool(const shape<L>& x) {
  return try_global_pool(x).value();
}

namespace detail {

/// Upsampling in a network. Its receptive field differs from output element
/// to element (by phase), so it is left undefined.
template <std::size_t N>
struct upsample_rules {
  using params = upsample_params<N>;
  static constexpr input_rank input = input_rank::spatial;

  template <framework F, class Record>
  static constexpr bool apply(const params& p, Record& r, error_info& error) noexcept {
    const auto up = try_upsample(r.output, p);
    if (!succeeded(up, error)) return false;
    r.output = *up;
    r.receptive_field = {.defined = false};
    return true;
  }
  template <framework F, layout L>
  static constexpr result<shape<L>> output(const shape<L>& x, bool, const params& p) noexcept {
    return try_upsample(x, p);
  }
  template <framework F>
  static constexpr replay_form replay(const params&, bool, std::int64_t, extent_rule (&)[N]) noexcept {
    return replay_form::none;
  }
};

/// Global average or max pooling in a network: one window the size of the map.
struct global_pool_rules {
  static constexpr input_rank input = input_rank::spatial;

  template <framework F, class Params, class Record>
  static constexpr bool apply(const Params&, Record& r, error_info&) noexcept {
    through_window(r.receptive_field, r.output.spatial_, r.output.spatial_, 1, 0);
    r.output.spatial_ = 1;
    return true;
  }
  template <framework F, layout L, class Params>
  static constexpr result<shape<L>> output(const shape<L>& x, bool, const Params&) noexcept {
    return try_global_pool(x);
  }
  template <framework F, class Params, std::size_t N>
  static constexpr replay_form replay(const Params&, bool, std::int64_t, extent_rule (&)[N]) noexcept {
    return replay_form::ones;
  }
};

}  // namespace detail

// Layer values (network/layer.hpp), as a network takes them: the rank-named
// factories are templates only so that including this header instantiates no
// layer<N>.
template <std::size_t N>
constexpr layer<N> upsample(const upsample_params<N>& p, const char* name = nullptr) noexcept { return {p, name}; }

}  // namespace convshape
