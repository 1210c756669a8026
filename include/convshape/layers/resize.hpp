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
#include "../core/shape.hpp"

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

}  // namespace convshape
