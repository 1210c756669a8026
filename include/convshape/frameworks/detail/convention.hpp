// convshape: what each framework rejects beyond the generic rules.
//
// The generic rules accept every configuration whose output is well defined.
// A framework accepts less: padding modes it has no spelling for, pads it
// cannot express, combinations its layers refuse. Each rule here names the
// source it comes from; tests/golden holds the frameworks' own answers.
#pragma once

#include <cstddef>
#include <cstdint>

#include "../../core/detail/host_device.hpp"
#include "../../core/detail/layer_id.hpp"

namespace convshape::detail {

// As in window.hpp, each check returns true when the layer passes, and
// otherwise false with `error` filled.

CONVSHAPE_HOST_DEVICE constexpr message_buffer& not_supported(const layer_id& id, error_info& error) noexcept {
  return id.fail(error, errc::not_supported);
}

/// Fills `error` with a rejection for the reason `why`; false, always.
CONVSHAPE_HOST_DEVICE constexpr bool not_supported(const layer_id& id, const char* why, error_info& error) noexcept {
  not_supported(id, error) << why;
  return false;
}

template <std::size_t N>
CONVSHAPE_HOST_DEVICE constexpr bool any_above_one(const per_dim<N>& v) noexcept {
  for (std::size_t i = 0; i < N; ++i)
    if (v[i] > 1) return true;
  return false;
}

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

/// Keras and ONNX Runtime want output_padding below the stride, where the
/// generic rule (and PyTorch) accept it below the stride or the dilation.
template <std::size_t N>
CONVSHAPE_HOST_DEVICE constexpr bool check_output_padding_below_stride(const layer_id& id, const window_params<N>& w,
                                                                       const char* why, error_info& error) noexcept {
  for (std::size_t i = 0; i < N; ++i) {
    if (w.output_padding[i] >= w.strides[i]) {
      not_supported(id, error) << why << ", got stride " << w.strides[i] << " and output_padding "
                               << w.output_padding[i] << in_dim{i};
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

/// Keras 2 (keras/layers/convolutional, keras/utils/conv_utils.py): padding
/// is 'valid', 'same' or, for Conv1D, 'causal'; pools have neither dilation
/// nor ceil_mode; a strided convolution cannot be dilated.
template <std::size_t N>
CONVSHAPE_HOST_DEVICE constexpr bool keras_accepts(const layer_id& id, const window_params<N>& w,
                                                   error_info& error) noexcept {
  if (w.pads.mode == padding_mode::explicit_pads || w.pads.mode == padding_mode::same_lower) {
    not_supported(id, error) << "Keras has no "
                             << (w.pads.mode == padding_mode::same_lower ? "'same_lower'" : "explicit")
                             << " padding: use 'valid', 'same' or 'causal'";
    return false;
  }
  if (id.is_pool()) {
    if (any_above_one(w.dilation) || w.ceil_mode) {
      not_supported(id, error) << "Keras pooling has no " << (w.ceil_mode ? "ceil_mode" : "dilation");
      return false;
    }
    return true;
  }
  if (any_above_one(w.strides) && any_above_one(w.dilation)) {
    return not_supported(id, "strides > 1 not supported in conjunction with dilation_rate > 1", error);
  }
  if (id.kind == op::conv_transpose)
    return check_output_padding_below_stride(id, w, "Strides must be greater than output padding", error);
  return true;
}

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
  const bool same = w.pads.mode == padding_mode::same || w.pads.mode == padding_mode::same_lower;
  if (id.kind == op::conv && same && any_above_one(w.dilation)) {
    return not_supported(id, "Dilation not supported for AutoPadType::SAME_UPPER or AutoPadType::SAME_LOWER", error);
  }
  if (id.kind == op::conv_transpose) {
    return check_output_padding_below_stride(id, w, "output_padding must be smaller than the stride in ONNX Runtime",
                                             error);
  }
  return true;
}

/// The rejections of the layer's framework, before any arithmetic; the
/// generic rules reject nothing more, and callers skip the call for them.
template <std::size_t N>
CONVSHAPE_HOST_DEVICE constexpr bool check_convention(const layer_id& id, const window_params<N>& w,
                                                      error_info& error) noexcept {
  switch (id.fw) {
    case framework::generic: return true;
    case framework::torch: return torch_accepts(id, w, error);
    case framework::keras: return keras_accepts(id, w, error);
    case framework::onnx: return onnx_accepts(id, w, error);
  }
  return true;
}

/// The rejections of the layer's framework along one dimension of a
/// convolution or pool, once its pads are known.
CONVSHAPE_HOST_DEVICE constexpr bool check_convention(const layer_id& id, const dim& d, error_info& error) noexcept {
  if (id.fw == framework::torch && id.kind == op::avg_pool && id.rank == 3 && d.input < d.kernel) {
    // avg_pool3d checks the unpadded input (aten/src/ATen/native/AveragePool3d.cpp).
    not_supported(id, error) << "input image " << d.input << " smaller than kernel size " << d.kernel
                             << in_dim{d.index};
    return false;
  }
  if (id.fw == framework::torch && id.is_pool() && d.pad_begin > d.kernel / 2) {
    // aten/src/ATen/native/Pool.h pool2d_shape_check: on the window, not the effective window.
    not_supported(id, error) << "pad should be at most half of kernel size, but got pad " << d.pad_begin
                             << " and kernel " << d.kernel << in_dim{d.index};
    return false;
  }
  if (id.fw == framework::onnx && id.is_pool() && (d.pad_begin >= d.kernel || d.pad_end >= d.kernel)) {
    // onnxruntime pool_attributes.h: on the window, not the effective window.
    not_supported(id, error) << "Pad should be smaller than kernel, got pads " << d.pad_begin << "+" << d.pad_end
                             << " and kernel " << d.kernel << in_dim{d.index};
    return false;
  }
  return true;
}

/// Whether a pool window may hang over the end of the padded input by less
/// than a stride and still give one output. PyTorch in ceil_mode rounds
/// (padded - eff) / stride up before it checks (aten/src/ATen/native/Pool.h);
/// ONNX Runtime does so in ceil_mode and, by truncating toward zero, without
/// it too (onnxruntime pool_attributes.h ComputeOutputSize).
CONVSHAPE_HOST_DEVICE constexpr bool accepts_overhang(const layer_id& id, bool ceil_mode) noexcept {
  return id.is_pool() && ((id.fw == framework::torch && ceil_mode) || id.fw == framework::onnx);
}

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
CONVSHAPE_HOST_DEVICE constexpr bool onnx_runtime_same_pool_pads(const layer_id& id, dim& d, const window_params<N>& w,
                                                                 error_info& error) noexcept {
  const std::int64_t needed = onnx_runtime_same_pool_total(d.input, d.kernel, d.stride);
  if (needed < 0 && !(id.kind == op::max_pool && any_above_one(w.dilation))) {
    not_supported(id, error) << "padding values must be non-negative: ONNX Runtime's 'same' pads for window "
                             << d.kernel << " and stride " << d.stride << " total " << needed << in_dim{d.index};
    return false;
  }
  // SAME_LOWER's (needed + 1) / 2, not needed - needed / 2: the two differ
  // for a negative odd total, as C++ division truncates toward zero.
  d.pad_begin = d.mode == padding_mode::same ? needed / 2 : (needed + 1) / 2;
  d.pad_end = needed - d.pad_begin;
  return true;
}

}  // namespace convshape::detail
