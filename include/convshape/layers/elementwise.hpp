// convshape: layers that keep the shape, such as activations and batch
// normalization. They matter to a network for their parameters and their
// place in the summary, not for the arithmetic.
#pragma once

#include "../core/detail/host_device.hpp"
#include "../core/error.hpp"
#include "../core/shape.hpp"

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

}  // namespace convshape
