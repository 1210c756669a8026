// convshape: layers that keep the shape: activations, batch and layer
// normalization, a per-channel scale and shift. They matter to a network for
// their parameters and their place in the summary, not for the arithmetic.
#pragma once

#include <cstddef>
#include <cstdint>

#include "../core/detail/checked.hpp"
#include "../core/detail/host_device.hpp"
#include "../core/error.hpp"
#include "../core/shape.hpp"
#include "../frameworks/detail/policy.hpp"
#include "detail/layer_rules.hpp"

namespace convshape {

template <layout L>
CONVSHAPE_HOST_DEVICE constexpr result<shape<L>> try_elementwise(const shape<L>& x,
                                                                 const char* op = "elementwise") noexcept {
  if (auto e = detail::check_extents(x, op)) return e;
  return x;
}

/// ReLU, tanh, sigmoid, dropout...: the output is the input's shape.
template <layout L>
CONVSHAPE_HOST_DEVICE constexpr shape<L> activation(const shape<L>& x) {
  return try_elementwise(x, "activation").value();
}

/// Batch normalization: the input's shape. Its parameters per channel
/// depend on the framework's count (policy_batch_norm_params_per_channel):
/// 2 in PyTorch (weight and bias), 4 in Keras and ONNX, which count the
/// running mean and variance too.
template <layout L>
CONVSHAPE_HOST_DEVICE constexpr shape<L> batch_norm(const shape<L>& x) {
  return try_elementwise(x, "batch_norm").value();
}

/// Layer normalization over the channels, as ONNX's LayerNormalization with
/// axis -1 on channels-last data, Keras' LayerNormalization() and PyTorch's
/// nn.LayerNorm(C) on (N, ..., C) do: the input's shape; a scale and a shift
/// per channel (2 parameters a channel; a flat tensor's features are its
/// channels).
template <layout L>
CONVSHAPE_HOST_DEVICE constexpr shape<L> layer_norm(const shape<L>& x) {
  return try_elementwise(x, "layer_norm").value();
}

/// A learned scale and shift per channel, whether each is there: ONNX's Mul
/// or Add by a [C] or [C, 1, 1] initializer (ConvNeXt's layer scale; the bias
/// Add after a MatMul), a BatchNormalization folded away. `scale` and
/// `shift` are each a vector of one value per channel.
struct affine_params {
  bool scale = true;
  bool shift = true;

  friend constexpr bool operator==(const affine_params&, const affine_params&) = default;
};

/// The input's shape; a network counts channels * (scale + shift) parameters.
template <layout L>
CONVSHAPE_HOST_DEVICE constexpr shape<L> affine(const shape<L>& x) {
  return try_elementwise(x, "affine").value();
}

namespace detail {

/// `per_channel` parameters for each channel of the record's output.
template <class Record>
constexpr bool params_per_channel(Record& r, std::int64_t per_channel, error_info& error) noexcept {
  return mul(r.output.channels_, per_channel, r.params) || figures_overflow(error);
}

struct activation_rules : shape_keeping_rules {
  template <framework F, class Params, class Record>
  static constexpr bool apply(const Params&, Record&, error_info&) noexcept {
    return true;
  }
};

struct batch_norm_rules : shape_keeping_rules {
  template <framework F, class Params, class Record>
  static constexpr bool apply(const Params&, Record& r, error_info& error) noexcept {
    constexpr std::int64_t per_channel = policy_batch_norm_params_per_channel(F);  // once per framework
    return params_per_channel(r, per_channel, error);
  }
};

/// Layer normalization has a scale and a shift per channel in every
/// framework: none keeps running statistics.
struct layer_norm_rules : shape_keeping_rules {
  template <framework F, class Params, class Record>
  static constexpr bool apply(const Params&, Record& r, error_info& error) noexcept {
    return params_per_channel(r, 2, error);
  }
};

struct affine_rules : shape_keeping_rules {
  using params = affine_params;

  template <framework F, class Record>
  static constexpr bool apply(const params& p, Record& r, error_info& error) noexcept {
    return params_per_channel(r, std::int64_t{p.scale} + std::int64_t{p.shift}, error);
  }
};

}  // namespace detail

}  // namespace convshape
