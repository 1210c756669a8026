// convshape: explicit cropping as a layer of its own: Keras' Cropping1D/2D/3D
// (Cropping2D(((top, bottom), (left, right))) is begin {top, left}, end
// {bottom, right}), and a Slice of ONNX or PyTorch on the spatial axes.
#pragma once

#include <cstddef>
#include <cstdint>

#include "../core/detail/host_device.hpp"
#include "../core/error.hpp"
#include "../core/per_dim.hpp"
#include "../core/receptive_field.hpp"
#include "../core/shape.hpp"
#include "detail/layer_rules.hpp"

namespace convshape {

/// Elements removed at the start and at the end of each spatial dimension,
/// outermost first: `{.begin = {2, 4}, .end = {2, 4}}` removes 2 rows at the
/// top and the bottom and 4 columns at the left and the right. Each at least
/// 0; one number crops every dimension alike.
template <std::size_t N>
struct crop_params {
  per_dim<N> begin = 0;
  per_dim<N> end = 0;

  friend constexpr bool operator==(const crop_params&, const crop_params&) = default;
};

namespace detail {

template <std::size_t N>
CONVSHAPE_HOST_DEVICE constexpr message_buffer& crop_fails(error_info& error, errc code) noexcept {
  error = error_info{code};
  return error.message << "crop" << static_cast<std::int64_t>(N) << "d: ";
}

/// The cropped extents: input - begin - end in each dimension, at least 1.
/// The frameworks agree (Keras refuses a negative crop and one that leaves
/// nothing), so the rule takes no framework.
template <layout L>
CONVSHAPE_HOST_DEVICE constexpr bool crop_into(const shape<L>& x, const crop_params<spatial_rank(L)>& p, shape<L>& y,
                                               error_info& error) noexcept {
  constexpr std::size_t n = spatial_rank(L);
  y = x;
  for (std::size_t i = 0; i < n; ++i) {
    const std::int64_t input = x.spatial_.values[i], begin = p.begin.values[i], end = p.end.values[i];
    if (begin < 0 || end < 0) {
      crop_fails<n>(error, errc::negative_pad) << "crops must be at least 0, got " << (begin < 0 ? begin : end)
                                               << (begin < 0 ? " at the start" : " at the end") << in_dim{i};
      return false;
    }
    // input - begin cannot overflow: input >= 1, begin >= 0.
    if (begin >= input || end >= input - begin) {
      crop_fails<n>(error, errc::empty_output)
          << "crops " << begin << "+" << end << " leave no output of input " << input << in_dim{i};
      return false;
    }
    y.spatial_.values[i] = input - begin - end;
  }
  return true;
}

}  // namespace detail

/// The shape after cropping, or the reason there is none.
template <layout L>
CONVSHAPE_HOST_DEVICE constexpr result<shape<L>> try_crop(const shape<L>& x,
                                                          const crop_params<spatial_rank(L)>& p) noexcept {
  if (auto e = detail::check_extents(x, "crop")) return e;
  shape<L> y{};
  error_info error;
  if (detail::crop_into(x, p, y, error)) return y;
  return error;
}

namespace detail {

/// Cropping in a network: no weights; the receptive field starts `begin`
/// elements later, as after a center crop.
template <std::size_t N>
struct crop_rules {
  using params = crop_params<N>;
  static constexpr input_rank input = input_rank::spatial;

  template <framework F, class Record>
  static constexpr bool apply(const params& p, Record& r, error_info& error) noexcept {
    if (!crop_into(r.output, p, r.output, error)) return false;
    r.receptive_field = through_crop(r.receptive_field, p.begin);
    return true;
  }
  template <framework F, layout L>
  static constexpr result<shape<L>> output(const shape<L>& x, bool, const params& p) noexcept {
    return try_crop(x, p);
  }
  /// in - begin - end is an extent rule of stride 1: floor((in + offset) / 1)
  /// + 1 with offset -(begin + end) - 1, whose room in + offset >= 0 is an
  /// output of at least 1; below, the shape functions report it.
  template <framework F>
  static constexpr replay_form replay(const params& p, bool, std::int64_t, extent_rule (&rules)[N]) noexcept {
    for (std::size_t i = 0; i < N; ++i) {
      // Fits: on the reference input begin + end + 1 was at most the extent.
      const std::int64_t total = p.begin.values[i] + p.end.values[i];
      rules[i] = {-total - 1, int64_max, 1, 0};
    }
    return replay_form::window;
  }
};

}  // namespace detail

/// The shape after cropping: a compile error in constant evaluation, a
/// shape_error at run time, if a crop is negative or leaves no element.
template <layout L>
CONVSHAPE_HOST_DEVICE constexpr shape<L> crop(const shape<L>& x, const crop_params<spatial_rank(L)>& p) {
  return try_crop(x, p).value();
}
template <layout L>
  requires(spatial_rank(L) == 1)
CONVSHAPE_HOST_DEVICE constexpr shape<L> crop1d(const shape<L>& x, const crop_params<1>& p) {
  return crop(x, p);
}
template <layout L>
  requires(spatial_rank(L) == 2)
CONVSHAPE_HOST_DEVICE constexpr shape<L> crop2d(const shape<L>& x, const crop_params<2>& p) {
  return crop(x, p);
}
template <layout L>
  requires(spatial_rank(L) == 3)
CONVSHAPE_HOST_DEVICE constexpr shape<L> crop3d(const shape<L>& x, const crop_params<3>& p) {
  return crop(x, p);
}

// Layer values (network/layer.hpp), as a network takes them: the rank-named
// factories are templates only so that including this header instantiates no
// layer<N>.
template <std::size_t N>
constexpr layer<N> crop(const crop_params<N>& p, const char* name = nullptr) noexcept {
  return {p, name};
}
template <std::size_t N = 1>
  requires(N == 1)
constexpr layer<N> crop1d(const crop_params<N>& p, const char* name = nullptr) noexcept {
  return {p, name};
}
template <std::size_t N = 2>
  requires(N == 2)
constexpr layer<N> crop2d(const crop_params<N>& p, const char* name = nullptr) noexcept {
  return {p, name};
}
template <std::size_t N = 3>
  requires(N == 3)
constexpr layer<N> crop3d(const crop_params<N>& p, const char* name = nullptr) noexcept {
  return {p, name};
}

}  // namespace convshape
