// convshape: the policy of a layer's framework, picked by its value.
//
// The framework is a value in layer_id, and each question here is a switch
// over it, so the arithmetic that asks is instantiated once for all
// frameworks rather than once for each. The generic definition needs no
// policy: it rejects nothing more and departs nowhere. Where a question is
// asked on every layer's way, the arithmetic skips it for the generic
// definition, since in constant evaluation a call costs more than the
// comparison that avoids it.
#pragma once

#include <cstddef>
#include <cstdint>

#include "../../core/detail/host_device.hpp"
#include "../../core/detail/layer_id.hpp"
#include "generic.hpp"
#include "keras.hpp"
#include "onnx.hpp"
#include "torch.hpp"

namespace convshape::detail {

/// The rejections of the layer's framework, before any arithmetic.
template <std::size_t N>
CONVSHAPE_HOST_DEVICE constexpr bool policy_accepts(const layer_id& id, const window_params<N>& w,
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
CONVSHAPE_HOST_DEVICE constexpr bool policy_accepts(const layer_id& id, const dim& d, error_info& error) noexcept {
  switch (id.fw) {
    case framework::torch: return torch_accepts(id, d, error);
    case framework::onnx: return onnx_accepts(id, d, error);
    case framework::generic:
    case framework::keras: break;
  }
  return true;
}

/// The framework's own 'same' pads of a convolution or pool along `d`,
/// where they are not the generic ones: none, pads_set or rejected.
template <std::size_t N>
CONVSHAPE_HOST_DEVICE constexpr departure policy_same_pads(const layer_id& id, dim& d, const window_params<N>& w,
                                                           error_info& error) noexcept {
  switch (id.fw) {
    case framework::onnx: return onnx_same_pads(id, d, w, error);
    case framework::generic:
    case framework::torch:
    case framework::keras: break;
  }
  return departure::none;
}

/// Whether a pool window may hang over the end of the padded input by less
/// than a stride and still give one output.
CONVSHAPE_HOST_DEVICE constexpr bool policy_accepts_overhang(const layer_id& id, bool ceil_mode) noexcept {
  switch (id.fw) {
    case framework::torch: return torch_accepts_overhang(id, ceil_mode);
    case framework::onnx: return onnx_accepts_overhang(id);
    case framework::generic:
    case framework::keras: break;
  }
  return false;
}

/// The framework's own output or pads of a transposed convolution along
/// `d`, where they are not the generic ones: `eff` is the effective kernel, `full` the
/// uncropped output, and `output_padding_given` false when every
/// dimension's output_padding is 0.
CONVSHAPE_HOST_DEVICE constexpr departure policy_transpose(const layer_id& id, dim& d, std::int64_t eff,
                                                           std::int64_t full, bool output_padding_given,
                                                           error_info& error) noexcept {
  switch (id.fw) {
    case framework::keras: return keras_transpose(id, d, eff, full, output_padding_given, error);
    case framework::onnx: return onnx_transpose(d, full);
    case framework::generic:
    case framework::torch: break;
  }
  return departure::none;
}

/// Whether shape_program's fast replay gives what the layer's framework
/// gives on every input (see generic_fast_replay).
template <std::size_t N>
CONVSHAPE_HOST_DEVICE constexpr bool policy_fast_replay(const layer_id& id, const window_params<N>& w) noexcept {
  switch (id.fw) {
    case framework::generic: break;
    case framework::torch: return torch_fast_replay(id, w);
    case framework::keras: return keras_fast_replay(w);
    case framework::onnx: return onnx_fast_replay(id, w);
  }
  return generic_fast_replay(w);
}

/// Whether the framework's layers pad both sides alike, so that an odd
/// total pad is not theirs to give.
CONVSHAPE_HOST_DEVICE constexpr bool policy_pads_both_sides_alike(framework fw) noexcept {
  switch (fw) {
    case framework::torch: return torch_pads_both_sides_alike;
    case framework::generic:
    case framework::keras:
    case framework::onnx: break;
  }
  return false;
}

/// A batch normalization's parameters per channel as framework `fw` counts
/// them: what it calls parameters, or stores as weights, differs.
CONVSHAPE_HOST_DEVICE constexpr std::int64_t policy_batch_norm_params_per_channel(framework fw) noexcept {
  switch (fw) {
    case framework::torch: return torch_batch_norm_params_per_channel;
    case framework::keras: return keras_batch_norm_params_per_channel;
    case framework::onnx: return onnx_batch_norm_params_per_channel;
    case framework::generic: break;
  }
  return generic_batch_norm_params_per_channel;
}

/// How framework `fw` writes a set of `resolved` pads: `layer` is the
/// layer's padding argument, `before` a separate pad of the input, left as
/// it is when none is needed. `same_gives(pads)` says whether fw's 'same'
/// padding of the layer resolves to `pads`. Explicit pads in the layer,
/// unless the framework has no such spelling.
template <std::size_t N, class SameGives>
CONVSHAPE_HOST_DEVICE constexpr void policy_write_pads(framework fw, const padding<N>& resolved,
                                                       const SameGives& same_gives, padding<N>& layer,
                                                       padding<N>& before) noexcept {
  switch (fw) {
    case framework::torch: return torch_write_pads(resolved, layer, before);
    case framework::keras: return keras_write_pads(resolved, same_gives, layer, before);
    case framework::generic:
    case framework::onnx: break;
  }
  layer = resolved;
}

}  // namespace convshape::detail
