// convshape: the ONNX policy (see generic.hpp for what a policy answers):
// the operators of opset 17 as ONNX Runtime 1.30 runs them. ONNX Runtime
// rejects more, and its pools and transposed convolutions compute their own
// way.
#pragma once

#include <cstddef>
#include <cstdint>

#include "../../core/detail/checked.hpp"
#include "generic.hpp"

namespace convshape::detail {

/// ONNX (onnx/defs/nn/defs.cc) has auto_pad NOTSET, VALID, SAME_UPPER and
/// SAME_LOWER, no causal padding. ONNX Runtime 1.30, which users meet where
/// shape inference (ONNX 1.12) is laxer, has no auto_pad SAME for dilated
/// convolution and wants transposed output_padding below the stride
/// (onnxruntime conv_attributes.h).
template <std::size_t N>
CONVSHAPE_HOST_DEVICE constexpr bool onnx_accepts(const layer_id& id, const window_params<N>& w,
                                                  error_info& error) noexcept {
  if (w.pads.mode == padding_mode::causal) {
    return not_supported(id, "ONNX has no 'causal' padding: give the pads explicitly", error);
  }
  if (id.kind == op::conv && is_same(w.pads.mode) && any_above_one(w.dilation)) {
    return not_supported(id, "Dilation not supported for AutoPadType::SAME_UPPER or AutoPadType::SAME_LOWER", error);
  }
  if (id.kind == op::conv_transpose) {
    return check_output_padding_below_stride(id, w, "output_padding must be smaller than the stride in ONNX Runtime",
                                             error);
  }
  return true;
}

/// ONNX Runtime's pools check one dimension once its pads are known.
CONVSHAPE_HOST_DEVICE constexpr bool onnx_accepts(const layer_id& id, const dim& d, error_info& error) noexcept {
  if (id.is_pool() && (d.pad_begin >= d.kernel || d.pad_end >= d.kernel)) {
    // onnxruntime pool_attributes.h: on the window, not the effective window.
    not_supported(id, error) << "Pad should be smaller than kernel, got pads " << d.pad_begin << "+" << d.pad_end
                             << " and kernel " << d.kernel << in_dim{d.index};
    return false;
  }
  return true;
}

/// ONNX Runtime's pools round (padded - eff) / stride up in ceil_mode and,
/// by truncating toward zero, without it too, before they check
/// (onnxruntime pool_attributes.h ComputeOutputSize): a window may hang over
/// the end.
CONVSHAPE_HOST_DEVICE constexpr bool onnx_accepts_overhang(const layer_id& id) noexcept { return id.is_pool(); }

/// ONNX Runtime's 'same' pooling pads: computed for the undilated window and
/// not clamped at zero (onnxruntime pool_attributes.h). The output follows
/// from the pads as for explicit pads.
CONVSHAPE_HOST_DEVICE constexpr std::int64_t onnx_runtime_same_pool_total(std::int64_t input, std::int64_t window,
                                                                          std::int64_t stride) noexcept {
  const std::int64_t outputs = (input - 1) / stride + 1;
  // (outputs - 1) * stride lies in [input - stride, input - 1]: no overflow.
  return ((outputs - 1) * stride - input) + window;
}

/// A stride wider than the window can make the total negative. ONNX Runtime
/// refuses that, except in its dilated max pool kernel, which does not check.
template <std::size_t N>
CONVSHAPE_HOST_DEVICE constexpr departure onnx_same_pads(const layer_id& id, dim& d, const window_params<N>& w,
                                                         error_info& error) noexcept {
  if (!id.is_pool()) return departure::none;
  const std::int64_t needed = onnx_runtime_same_pool_total(d.input, d.kernel, d.stride);
  if (needed < 0 && !(id.kind == op::max_pool && any_above_one(w.dilation))) {
    not_supported(id, error) << "padding values must be non-negative: ONNX Runtime's 'same' pads for window "
                             << d.kernel << " and stride " << d.stride << " total " << needed << in_dim{d.index};
    return departure::rejected;
  }
  // SAME_LOWER's (needed + 1) / 2, not needed - needed / 2: the two differ
  // for a negative odd total, as C++ division truncates toward zero.
  d.pad_begin = d.mode == padding_mode::same ? needed / 2 : (needed + 1) / 2;
  d.pad_end = needed - d.pad_begin;
  return departure::pads_set;
}

/// A transposed convolution with 'same' padding outputs input * stride by
/// cropping its uncropped output `full`; where that is shorter, ONNX Runtime
/// clamps the total pad at zero: no zeros appended.
CONVSHAPE_HOST_DEVICE constexpr departure onnx_transpose(dim& d, std::int64_t full) noexcept {
  std::int64_t stretched = 0;
  if (!is_same(d.mode) || !mul(d.input, d.stride, stretched) || stretched <= full) return departure::none;
  d.output = full;
  d.pad_begin = d.pad_end = 0;
  return departure::done;
}

/// BatchNormalization's four inputs beside X are initializers, one value a
/// channel each: scale, B, input_mean and input_var.
inline constexpr std::int64_t onnx_batch_norm_params_per_channel = 4;

/// ONNX Runtime's pools may hang over the end and pad 'same' their own way:
/// the fast form holds for neither.
template <std::size_t N>
CONVSHAPE_HOST_DEVICE constexpr bool onnx_fast_replay(const layer_id& id, const window_params<N>& w) noexcept {
  return !id.is_pool() && generic_fast_replay(w);
}

}  // namespace convshape::detail
