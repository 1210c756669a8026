// convshape: layers that change spatial extents without a sliding window:
// upsampling, resizing to a size, center cropping and global pooling.
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

/// Resizing to fixed spatial extents, whatever the input's: ONNX Resize with
/// `sizes`, Keras' Resizing(height, width), PyTorch's F.interpolate(size=...).
/// The interpolation does not change the shape.
template <std::size_t N>
struct resize_params {
  per_dim<N> size = 0;  ///< the output's spatial extents, outermost first; each at least 1 (must be given)

  friend constexpr bool operator==(const resize_params&, const resize_params&) = default;
};

/// The input's batch and channels at `size`. A size below 1 would leave no
/// output: errc::empty_output, as for a pad or a crop that leaves none.
template <layout L>
CONVSHAPE_HOST_DEVICE constexpr result<shape<L>> try_resize(const shape<L>& x,
                                                            const resize_params<spatial_rank(L)>& p) noexcept {
  if (auto e = detail::check_extents(x, "resize")) return e;
  for (std::size_t i = 0; i < x.spatial_rank; ++i) {
    if (p.size[i] < 1) {
      error_info e{errc::empty_output};
      e.message << "resize" << static_cast<std::int64_t>(x.spatial_rank) << "d: size must be at least 1, got "
                << p.size[i] << detail::in_dim{i};
      return e;
    }
  }
  return shape<L>{x.batch_, x.channels_, p.size};
}

template <layout L>
CONVSHAPE_HOST_DEVICE constexpr shape<L> resize(const shape<L>& x, const resize_params<spatial_rank(L)>& p) {
  return try_resize(x, p).value();
}
template <layout L>
  requires(spatial_rank(L) == 1)
CONVSHAPE_HOST_DEVICE constexpr shape<L> resize1d(const shape<L>& x, const resize_params<1>& p) {
  return resize(x, p);
}
template <layout L>
  requires(spatial_rank(L) == 2)
CONVSHAPE_HOST_DEVICE constexpr shape<L> resize2d(const shape<L>& x, const resize_params<2>& p) {
  return resize(x, p);
}
template <layout L>
  requires(spatial_rank(L) == 3)
CONVSHAPE_HOST_DEVICE constexpr shape<L> resize3d(const shape<L>& x, const resize_params<3>& p) {
  return resize(x, p);
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

// The shape function of each resampling layer, by its parameters' type.
template <layout L>
constexpr result<shape<L>> resampled(const shape<L>& x, const upsample_params<spatial_rank(L)>& p) noexcept {
  return try_upsample(x, p);
}
template <layout L>
constexpr result<shape<L>> resampled(const shape<L>& x, const resize_params<spatial_rank(L)>& p) noexcept {
  return try_resize(x, p);
}

/// Upsampling or resizing in a network: no weights. What an output element
/// sees depends on where it falls between input elements (its phase), so
/// the receptive field is undefined. A program asks the shape functions.
template <std::size_t N, template <std::size_t> class Params>
struct resampling_rules {
  using params = Params<N>;
  static constexpr input_rank input = input_rank::spatial;

  template <framework F, class Record>
  static constexpr bool apply(const params& p, Record& r, error_info& error) noexcept {
    const auto out = resampled(r.output, p);
    if (!succeeded(out, error)) return false;
    r.output = *out;
    r.receptive_field = {.defined = false};
    return true;
  }
  template <framework F, layout L>
  static constexpr result<shape<L>> output(const shape<L>& x, bool, const params& p) noexcept {
    return resampled(x, p);
  }
  template <framework F>
  static constexpr replay_form replay(const params&, bool, std::int64_t, extent_rule (&)[N]) noexcept {
    return replay_form::none;
  }
};

template <std::size_t N>
using upsample_rules = resampling_rules<N, upsample_params>;
template <std::size_t N>
using resize_rules = resampling_rules<N, resize_params>;

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
template <std::size_t N>
constexpr layer<N> resize(const resize_params<N>& p, const char* name = nullptr) noexcept {
  return {p, name};
}
template <std::size_t N = 1>
  requires(N == 1)
constexpr layer<N> resize1d(const resize_params<N>& p, const char* name = nullptr) noexcept {
  return {p, name};
}
template <std::size_t N = 2>
  requires(N == 2)
constexpr layer<N> resize2d(const resize_params<N>& p, const char* name = nullptr) noexcept {
  return {p, name};
}
template <std::size_t N = 3>
  requires(N == 3)
constexpr layer<N> resize3d(const resize_params<N>& p, const char* name = nullptr) noexcept {
  return {p, name};
}

}  // namespace convshape
