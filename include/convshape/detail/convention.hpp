// convshape: what each framework rejects beyond the generic rules.
//
// The generic rules accept every configuration whose output is well defined.
// A framework accepts less: padding modes it has no spelling for, pads it
// cannot express, combinations its layers refuse. Each rule here names the
// source it comes from; tests/golden holds the frameworks' own answers.
#pragma once

#include <cstddef>
#include <cstdint>

#include "host_device.hpp"
#include "layer.hpp"

namespace convshape::detail {

CONVSHAPE_HOST_DEVICE constexpr error_info not_supported(layer_id id) noexcept { return id.error(errc::not_supported); }

CONVSHAPE_HOST_DEVICE constexpr error_info not_supported(layer_id id, const char* why) noexcept {
  error_info e = not_supported(id);
  e.message << why;
  return e;
}

template <std::size_t N>
CONVSHAPE_HOST_DEVICE constexpr bool any_above_one(const per_dim<N>& v) noexcept {
  for (std::size_t i = 0; i < N; ++i)
    if (v[i] > 1) return true;
  return false;
}

template <std::size_t N>
CONVSHAPE_HOST_DEVICE constexpr error_info check_symmetric_pads(layer_id id, const padding<N>& p) noexcept {
  for (std::size_t i = 0; i < N; ++i) {
    if (p.begin[i] != p.end[i]) {
      error_info e = not_supported(id);
      e.message << "PyTorch pads both sides alike, got begin " << p.begin[i] << " and end " << p.end[i]
                << in_dim{i};
      return e;
    }
  }
  return ok;
}

/// Keras and ONNX Runtime want output_padding below the stride, where the
/// generic rule (and PyTorch) accept it below the stride or the dilation.
template <std::size_t N>
CONVSHAPE_HOST_DEVICE constexpr error_info check_output_padding_below_stride(layer_id id, const window_params<N>& w,
                                                                             const char* why) noexcept {
  for (std::size_t i = 0; i < N; ++i) {
    if (w.output_padding[i] >= w.strides[i]) {
      error_info e = not_supported(id);
      e.message << why << ", got stride " << w.strides[i] << " and output_padding " << w.output_padding[i]
                << in_dim{i};
      return e;
    }
  }
  return ok;
}

/// PyTorch 1.13 (torch.nn.functional): integer pads apply to both sides;
/// 'same' exists for convolution only, and only unstrided
/// (aten/src/ATen/native/Convolution.cpp).
template <std::size_t N>
CONVSHAPE_HOST_DEVICE constexpr error_info torch_rejects(layer_id id, const window_params<N>& w) noexcept {
  switch (w.pads.mode) {
    case padding_mode::valid: return ok;
    case padding_mode::explicit_pads: return check_symmetric_pads(id, w.pads);
    case padding_mode::same:
      if (id.kind != op::conv) return not_supported(id, "PyTorch has 'same' padding for convolution only");
      if (any_above_one(w.strides)) return not_supported(id, "padding='same' is not supported for strided convolutions");
      return ok;
    case padding_mode::same_lower:
    case padding_mode::causal: break;
  }
  error_info e = not_supported(id);
  e.message << "PyTorch has no '" << name(w.pads.mode) << "' padding";
  return e;
}

/// Keras 2 (keras/layers/convolutional, keras/utils/conv_utils.py): padding
/// is 'valid', 'same' or, for Conv1D, 'causal'; pools have neither dilation
/// nor ceil_mode; a strided convolution cannot be dilated.
template <std::size_t N>
CONVSHAPE_HOST_DEVICE constexpr error_info keras_rejects(layer_id id, const window_params<N>& w) noexcept {
  if (w.pads.mode == padding_mode::explicit_pads || w.pads.mode == padding_mode::same_lower) {
    error_info e = not_supported(id);
    e.message << "Keras has no " << (w.pads.mode == padding_mode::same_lower ? "'same_lower'" : "explicit")
              << " padding: use 'valid', 'same' or 'causal'";
    return e;
  }
  if (id.is_pool()) {
    if (any_above_one(w.dilation) || w.ceil_mode) {
      error_info e = not_supported(id);
      e.message << "Keras pooling has no " << (w.ceil_mode ? "ceil_mode" : "dilation");
      return e;
    }
    return ok;
  }
  if (any_above_one(w.strides) && any_above_one(w.dilation)) {
    return not_supported(id, "strides > 1 not supported in conjunction with dilation_rate > 1");
  }
  if (id.kind == op::conv_transpose) return check_output_padding_below_stride(id, w, "Strides must be greater than output padding");
  return ok;
}

/// ONNX (onnx/defs/nn/defs.cc) has auto_pad NOTSET, VALID, SAME_UPPER and
/// SAME_LOWER, no causal padding. ONNX Runtime 1.30, which users meet where
/// shape inference (ONNX 1.12) is laxer, has no auto_pad SAME for dilated
/// convolution and wants transposed output_padding below the stride
/// (onnxruntime conv_attributes.h).
template <std::size_t N>
CONVSHAPE_HOST_DEVICE constexpr error_info onnx_rejects(layer_id id, const window_params<N>& w) noexcept {
  if (w.pads.mode == padding_mode::causal) {
    return not_supported(id, "ONNX has no 'causal' padding: give the pads explicitly");
  }
  const bool same = w.pads.mode == padding_mode::same || w.pads.mode == padding_mode::same_lower;
  if (id.kind == op::conv && same && any_above_one(w.dilation)) {
    return not_supported(id, "Dilation not supported for AutoPadType::SAME_UPPER or AutoPadType::SAME_LOWER");
  }
  if (id.kind == op::conv_transpose) return check_output_padding_below_stride(id, w, "output_padding must be smaller than the stride in ONNX Runtime");
  return ok;
}

/// The rejections of the layer's framework, before any arithmetic.
template <std::size_t N>
CONVSHAPE_HOST_DEVICE constexpr error_info check_convention(layer_id id, const window_params<N>& w) noexcept {
  switch (id.fw) {
    case framework::generic: return ok;
    case framework::torch: return torch_rejects(id, w);
    case framework::keras: return keras_rejects(id, w);
    case framework::onnx: return onnx_rejects(id, w);
  }
  return ok;
}

/// The rejections of the layer's framework along one dimension of a
/// convolution or pool, once its pads are known.
CONVSHAPE_HOST_DEVICE constexpr error_info check_convention(layer_id id, const dim& d) noexcept {
  if (id.fw == framework::torch && id.kind == op::avg_pool && id.rank == 3 && d.input < d.kernel) {
    // avg_pool3d checks the unpadded input (aten/src/ATen/native/AveragePool3d.cpp).
    error_info e = id.error(errc::not_supported);
    e.message << "input image " << d.input << " smaller than kernel size " << d.kernel << in_dim{d.index};
    return e;
  }
  if (id.fw == framework::torch && id.is_pool() && d.pad_begin > d.kernel / 2) {
    // aten/src/ATen/native/Pool.h pool2d_shape_check: on the window, not the effective window.
    error_info e = id.error(errc::not_supported);
    e.message << "pad should be at most half of kernel size, but got pad " << d.pad_begin << " and kernel "
              << d.kernel << in_dim{d.index};
    return e;
  }
  if (id.fw == framework::onnx && id.is_pool() && (d.pad_begin >= d.kernel || d.pad_end >= d.kernel)) {
    // onnxruntime pool_attributes.h: on the window, not the effective window.
    error_info e = id.error(errc::not_supported);
    e.message << "Pad should be smaller than kernel, got pads " << d.pad_begin << "+" << d.pad_end
              << " and kernel " << d.kernel << in_dim{d.index};
    return e;
  }
  return ok;
}

/// Whether a pool window may hang over the end of the padded input by less
/// than a stride and still give one output. PyTorch in ceil_mode rounds
/// (padded - eff) / stride up before it checks (aten/src/ATen/native/Pool.h);
/// ONNX Runtime does so in ceil_mode and, by truncating toward zero, without
/// it too (onnxruntime pool_attributes.h ComputeOutputSize).
CONVSHAPE_HOST_DEVICE constexpr bool accepts_overhang(layer_id id, bool ceil_mode) noexcept {
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
CONVSHAPE_HOST_DEVICE constexpr error_info onnx_runtime_same_pool_pads(layer_id id, dim& d,
                                                                       const window_params<N>& w) noexcept {
  const std::int64_t needed = onnx_runtime_same_pool_total(d.input, d.kernel, d.stride);
  if (needed < 0 && !(id.kind == op::max_pool && any_above_one(w.dilation))) {
    error_info e = not_supported(id);
    e.message << "padding values must be non-negative: ONNX Runtime's 'same' pads for window " << d.kernel
              << " and stride " << d.stride << " total " << needed << in_dim{d.index};
    return e;
  }
  // SAME_LOWER's (needed + 1) / 2, not needed - needed / 2: the two differ
  // for a negative odd total, as C++ division truncates toward zero.
  d.pad_begin = d.mode == padding_mode::same ? needed / 2 : (needed + 1) / 2;
  d.pad_end = needed - d.pad_begin;
  return ok;
}

}  // namespace convshape::detail
