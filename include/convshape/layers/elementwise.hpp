// convshape: layers that keep the shape, such as activations and batch
// normalization. They matter to a network for their parameters and their
// place in the summary, not for the arithmetic.
#pragma once

#include "../core/detail/host_device.hpp"
#include "../core/error.hpp"
#include "../core/shape.hpp"
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

/// Batch normalization: the input's shape; 2 parameters a channel (scale and
/// shift, PyTorch's parameters()); Keras also keeps 2 running statistics.
template <layout L>
CONVSHAPE_HOST_DEVICE constexpr shape<L> batch_norm(const shape<L>& x) {
  return try_elementwise(x, "batch_norm").value();
}

namespace detail {

/// A layer that keeps its input's shape, flat or not, in a network; batch
/// normalization has a scale and a shift per channel.
template <bool HasScaleAndShift>
struct elementwise_rules {
  static constexpr input_rank input = input_rank::any;

  template <framework F, class Params, class Record>
  static constexpr bool apply(const Params&, Record& r, error_info& error) noexcept {
    return !HasScaleAndShift || mul(r.output.channels_, 2, r.params) || figures_overflow(error);
  }
  template <framework F, layout L, class Params>
  static constexpr result<shape<L>> output(const shape<L>& x, bool, const Params&) noexcept {
    return x;
  }
  template <framework F, class Params, std::size_t N>
  static constexpr replay_form replay(const Params&, bool, std::int64_t, extent_rule (&)[N]) noexcept {
    return replay_form::same_extents;
  }
};

using activation_rules = elementwise_rules<false>;
using batch_norm_rules = elementwise_rules<true>;

}  // namespace detail

}  // namespace convshape
