// convshape: Keras 2's policy (see generic.hpp for what a policy answers).
// Keras rejects more, and computes transposed convolutions its own way.
#pragma once

#include <cstddef>
#include <cstdint>

#include "../../core/detail/checked.hpp"
#include "generic.hpp"

namespace convshape::detail {

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

/// A transposed convolution's output as tf-keras conv_utils.deconv_output_length
/// computes it, where that departs from the generic definition: `full` is the
/// uncropped output (in - 1) * s + eff + output_padding, and
/// `output_padding_given` false when all of it is 0, which Keras reads as
/// output_padding=None.
CONVSHAPE_HOST_DEVICE constexpr departure keras_transpose(const layer_id& id, dim& d, std::int64_t eff,
                                                          std::int64_t full, bool output_padding_given,
                                                          error_info& error) noexcept {
  if (d.mode == padding_mode::valid && !output_padding_given) {
    // in * s + max(eff - s, 0): a stride wider than the kernel leaves zeros
    // at the end, a negative end pad.
    std::int64_t stretched = 0;
    if (!mul(d.input, d.stride, stretched)) {
      overflow(id, d, "output extent", error);
      return departure::rejected;
    }
    d.output = full > stretched ? full : stretched;
    d.pad_begin = 0;
    d.pad_end = full - d.output;
    return departure::done;
  }
  if (d.mode == padding_mode::same && output_padding_given) {
    // (in - 1) s + eff - 2 pad + output_padding, pad = eff // 2.
    d.pad_begin = d.pad_end = eff / 2;
    return departure::pads_set;
  }
  return departure::none;
}

/// Keras computes forward windows as the generic definition does.
template <std::size_t N>
CONVSHAPE_HOST_DEVICE constexpr bool keras_fast_replay(const window_params<N>& w) noexcept {
  return generic_fast_replay(w);
}

/// BatchNormalization's countParams(): gamma and beta, and the moving mean
/// and variance, which are weights too, non-trainable (model.summary()
/// counts them in "Non-trainable params").
inline constexpr std::int64_t keras_batch_norm_params_per_channel = 4;

/// Keras has no explicit pads (keras_accepts): its 'same' where that gives
/// the pads (`same_gives(resolved)`), otherwise 'valid' after a separate
/// ZeroPadding layer.
template <std::size_t N, class SameGives>
CONVSHAPE_HOST_DEVICE constexpr void keras_write_pads(const padding<N>& resolved, const SameGives& same_gives,
                                                      padding<N>& layer, padding<N>& before) noexcept {
  if (same_gives(resolved)) {
    layer = same;
  } else {
    layer = valid;
    before = resolved;
  }
}

}  // namespace convshape::detail
