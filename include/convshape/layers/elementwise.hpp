// convshape: layers that keep the shape, such as activations and batch
// normalization. They matter to a network for their parameters and their
// place in the summary, not for the arithmetic.
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

}  // namespace detail

}  // namespace convshape
