// convshape: explicit zero padding as a layer of its own: Keras'
// ZeroPadding1D/2D/3D, ONNX Pad in constant mode, PyTorch's nn.ZeroPad2d and
// F.pad. A negative pad crops, as in PyTorch and ONNX.
#pragma once

#include <cstddef>
#include <cstdint>

#include "../core/detail/checked.hpp"
#include "../core/detail/host_device.hpp"
#include "../core/error.hpp"
#include "../core/per_dim.hpp"
#include "../core/receptive_field.hpp"
#include "../core/shape.hpp"
#include "../frameworks/framework.hpp"
#include "detail/layer_rules.hpp"

namespace convshape {

/// Zeros added before and after each spatial dimension, outermost first:
/// `{.begin = {1, 0}, .end = {2, 1}}` adds 1 row at the top, 2 at the bottom
/// and 1 column at the right. One number pads every dimension alike.
template <std::size_t N>
struct pad_params {
  per_dim<N> begin = 0;
  per_dim<N> end = 0;

  friend constexpr bool operator==(const pad_params&, const pad_params&) = default;
};

namespace detail {

template <framework F, std::size_t N>
CONVSHAPE_HOST_DEVICE constexpr message_buffer& pad_fails(error_info& error, errc code) noexcept {
  error = error_info{code};
  error.message << "pad" << static_cast<std::int64_t>(N) << "d";
  if (F != framework::generic) error.message << " (" << name(F) << ")";
  return error.message << ": ";
}

/// What the frameworks refuse beyond the generic rule (tests/golden/pad.jsonl
/// holds their answers). PyTorch crops a negative pad from the input before it
/// pads, begin first, so neither crop may take more than is there
/// (aten/src/ATen/native/PadNd.cpp). Keras' ZeroPadding wants pads >= 0, as
/// TensorFlow's Pad kernel does (conv_utils.normalize_tuple, and
/// tensorflow/core/kernels/pad_op.cc); TensorFlow.js checks nothing and
/// returns wrong values for negative pads. ONNX Runtime's Pad accepts any
/// pads that leave an extent.
template <framework F, std::size_t N>
CONVSHAPE_HOST_DEVICE constexpr bool pad_accepted(std::size_t i, std::int64_t input, std::int64_t begin,
                                                  std::int64_t end, error_info& error) noexcept {
  if (F == framework::torch) {
    const std::int64_t begin_crop = begin < 0 ? -begin : 0, end_crop = end < 0 ? -end : 0;
    if (begin_crop > input || end_crop > input - begin_crop) {
      pad_fails<F, N>(error, errc::not_supported)
          << "PyTorch crops a negative pad from the input first: " << (begin_crop > input ? "begin" : "end")
          << " pad " << (begin_crop > input ? begin : end) << " crops more than the "
          << (begin_crop > input ? input : input - begin_crop) << " elements there" << in_dim{i};
      return false;
    }
  }
  if (F == framework::keras && (begin < 0 || end < 0)) {
    pad_fails<F, N>(error, errc::not_supported)
        << "Keras' ZeroPadding needs pads >= 0, got " << (begin < 0 ? begin : end)
        << (begin < 0 ? " at the start" : " at the end") << in_dim{i};
    return false;
  }
  return true;
}

/// The padded extents: input + begin + end in each dimension, at least 1.
template <framework F, layout L>
CONVSHAPE_HOST_DEVICE constexpr bool pad_into(const shape<L>& x, const pad_params<spatial_rank(L)>& p,
                                              shape<L>& y, error_info& error) noexcept {
  constexpr std::size_t n = spatial_rank(L);
  y = x;
  for (std::size_t i = 0; i < n; ++i) {
    const std::int64_t input = x.spatial_.values[i], begin = p.begin.values[i], end = p.end.values[i];
    std::int64_t& out = y.spatial_.values[i];
    if (!(add(input, begin, out) && add(out, end, out))) {
      pad_fails<F, n>(error, errc::overflow) << "padded extent overflows int64" << in_dim{i};
      return false;
    }
    if (F != framework::generic && !pad_accepted<F, n>(i, input, begin, end, error)) return false;
    if (out < 1) {
      pad_fails<F, n>(error, errc::empty_output) << "pads " << begin << "+" << end << " leave no output of input "
                                                 << input << in_dim{i};
      return false;
    }
  }
  return true;
}

}  // namespace detail

/// The shape after padding, or the reason there is none.
template <framework F = generic, layout L>
CONVSHAPE_HOST_DEVICE constexpr result<shape<L>> try_pad(const shape<L>& x,
                                                         const pad_params<spatial_rank(L)>& p) noexcept {
  if (auto e = detail::check_extents(x, "pad")) return e;
  shape<L> y{};
  error_info error;
  if (detail::pad_into<F>(x, p, y, error)) return y;
  return error;
}

namespace detail {

/// Padding in a network: no weights; the receptive field shifts by the begin pad.
template <std::size_t N>
struct pad_rules {
  using params = pad_params<N>;
  static constexpr input_rank input = input_rank::spatial;

  template <framework F, class Record>
  static constexpr bool apply(const params& p, Record& r, error_info& error) noexcept {
    if (!pad_into<F>(r.output, p, r.output, error)) return false;
    through_window(r.receptive_field, 1, 1, 1, p.begin);
    return true;
  }
  template <framework F, layout L>
  static constexpr result<shape<L>> output(const shape<L>& x, bool, const params& p) noexcept {
    return try_pad<F>(x, p);
  }
  /// Pads that only add, never crop, are an extent rule of stride 1 that
  /// every framework accepts.
  template <framework F>
  static constexpr replay_form replay(const params& p, bool, std::int64_t, extent_rule (&rules)[N]) noexcept {
    for (std::size_t i = 0; i < N; ++i) {
      if (p.begin.values[i] < 0 || p.end.values[i] < 0) return replay_form::none;
      const std::int64_t total = p.begin.values[i] + p.end.values[i];  // fits: checked on the reference input
      rules[i] = {total - 1, int64_max - total, 1, 0};
    }
    return replay_form::window;
  }
};

}  // namespace detail

/// The shape after padding: a compile error in constant evaluation, a
/// shape_error at run time, if an extent would fall below 1.
template <framework F = generic, layout L>
CONVSHAPE_HOST_DEVICE constexpr shape<L> pad(const shape<L>& x, const pad_params<spatial_rank(L)>& p) {
  return try_pad<F>(x, p).value();
}
template <framework F = generic, layout L>
  requires(spatial_rank(L) == 1)
CONVSHAPE_HOST_DEVICE constexpr shape<L> pad1d(const shape<L>& x, const pad_params<1>& p) {
  return pad<F>(x, p);
}
template <framework F = generic, layout L>
  requires(spatial_rank(L) == 2)
CONVSHAPE_HOST_DEVICE constexpr shape<L> pad2d(const shape<L>& x, const pad_params<2>& p) {
  return pad<F>(x, p);
}
template <framework F = generic, layout L>
  requires(spatial_rank(L) == 3)
CONVSHAPE_HOST_DEVICE constexpr shape<L> pad3d(const shape<L>& x, const pad_params<3>& p) {
  return pad<F>(x, p);
}

// Layer values (network/layer.hpp), as a network takes them: the rank-named
// factories are templates only so that including this header instantiates no
// layer<N>.
template <std::size_t N>
constexpr layer<N> pad(const pad_params<N>& p, const char* name = nullptr) noexcept {
  return {p, name};
}
template <std::size_t N = 1>
  requires(N == 1)
constexpr layer<N> pad1d(const pad_params<N>& p, const char* name = nullptr) noexcept {
  return {p, name};
}
template <std::size_t N = 2>
  requires(N == 2)
constexpr layer<N> pad2d(const pad_params<N>& p, const char* name = nullptr) noexcept {
  return {p, name};
}
template <std::size_t N = 3>
  requires(N == 3)
constexpr layer<N> pad3d(const pad_params<N>& p, const char* name = nullptr) noexcept {
  return {p, name};
}

}  // namespace convshape
