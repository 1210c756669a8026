// convshape: PyTorch 1.13's policy (see generic.hpp for what a policy
// answers). PyTorch computes as the generic definition does; it rejects more.
#pragma once

#include <cstddef>
#include <cstdint>

#include "generic.hpp"

namespace convshape::detail {

template <std::size_t N>
CONVSHAPE_HOST_DEVICE constexpr bool check_symmetric_pads(const layer_id& id, const padding<N>& p,
                                                          error_info& error) noexcept {
  for (std::size_t i = 0; i < N; ++i) {
    if (p.begin[i] != p.end[i]) {
      not_supported(id, error) << "PyTorch pads both sides alike, got begin " << p.begin[i] << " and end "
                               << p.end[i] << in_dim{i};
      return false;
    }
  }
  return true;
}

/// PyTorch 1.13 (torch.nn.functional): integer pads apply to both sides;
/// 'same' exists for convolution only, and only unstrided
/// (aten/src/ATen/native/Convolution.cpp).
template <std::size_t N>
CONVSHAPE_HOST_DEVICE constexpr bool torch_accepts(const layer_id& id, const window_params<N>& w,
                                                   error_info& error) noexcept {
  switch (w.pads.mode) {
    case padding_mode::valid: return true;
    case padding_mode::explicit_pads: return check_symmetric_pads(id, w.pads, error);
    case padding_mode::same:
      if (id.kind != op::conv) return not_supported(id, "PyTorch has 'same' padding for convolution only", error);
      if (any_above_one(w.strides))
        return not_supported(id, "padding='same' is not supported for strided convolutions", error);
      return true;
    case padding_mode::same_lower:
    case padding_mode::causal: break;
  }
  not_supported(id, error) << "PyTorch has no '" << name(w.pads.mode) << "' padding";
  return false;
}

/// PyTorch's pools check one dimension once its pads are known.
CONVSHAPE_HOST_DEVICE constexpr bool torch_accepts(const layer_id& id, const dim& d, error_info& error) noexcept {
  if (id.kind == op::avg_pool && id.rank == 3 && d.input < d.kernel) {
    // avg_pool3d checks the unpadded input (aten/src/ATen/native/AveragePool3d.cpp).
    not_supported(id, error) << "input image " << d.input << " smaller than kernel size " << d.kernel
                             << in_dim{d.index};
    return false;
  }
  if (id.is_pool() && d.pad_begin > d.kernel / 2) {
    // aten/src/ATen/native/Pool.h pool2d_shape_check: on the window, not the effective window.
    not_supported(id, error) << "pad should be at most half of kernel size, but got pad " << d.pad_begin
                             << " and kernel " << d.kernel << in_dim{d.index};
    return false;
  }
  return true;
}

/// A pool in ceil_mode rounds (padded - eff) / stride up before it checks
/// (aten/src/ATen/native/Pool.h), so its window may hang over the end.
CONVSHAPE_HOST_DEVICE constexpr bool torch_accepts_overhang(const layer_id& id, bool ceil_mode) noexcept {
  return id.is_pool() && ceil_mode;
}

/// avg_pool3d's check of the unpadded input (torch_accepts for a dimension)
/// depends on the input, which the fast form does not look at.
template <std::size_t N>
CONVSHAPE_HOST_DEVICE constexpr bool torch_fast_replay(const layer_id& id, const window_params<N>& w) noexcept {
  if (id.kind == op::avg_pool && id.rank == 3 && !is_same(w.pads.mode)) return false;
  return generic_fast_replay(w);
}

/// Integer pads apply to both sides, so an asymmetric total cannot be had in
/// the layer.
inline constexpr bool torch_pads_both_sides_alike = true;

/// BatchNorm's parameters(): weight and bias. Its running_mean and
/// running_var are buffers, which sum(p.numel() for p in parameters()) does
/// not count.
inline constexpr std::int64_t torch_batch_norm_params_per_channel = 2;

/// The pads both sides share go in the layer; what one side has more goes in
/// a separate pad before it (F.pad, nn.ZeroPad2d).
template <std::size_t N>
CONVSHAPE_HOST_DEVICE constexpr void torch_write_pads(const padding<N>& resolved, padding<N>& layer,
                                                      padding<N>& before) noexcept {
  per_dim<N> both{}, extra_begin{}, extra_end{};
  bool extra = false;
  for (std::size_t i = 0; i < N; ++i) {
    both[i] = resolved.begin[i] < resolved.end[i] ? resolved.begin[i] : resolved.end[i];
    extra_begin[i] = resolved.begin[i] - both[i];
    extra_end[i] = resolved.end[i] - both[i];
    extra = extra || extra_begin[i] != 0 || extra_end[i] != 0;
  }
  layer = pads(both, both);
  if (extra) before = pads(extra_begin, extra_end);
}

}  // namespace convshape::detail
