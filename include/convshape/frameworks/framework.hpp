// convshape: whose rules a layer follows.
#pragma once

#include "../core/detail/host_device.hpp"

namespace convshape {

/// The convention a layer's shape and acceptance follow. `generic` is the
/// mathematical definition; the others answer exactly as that framework does,
/// rejections included: `conv2d<torch>(x, {...})`.
enum class framework : unsigned char {
  generic,  ///< the number of window positions that fit; everything well defined is accepted
  torch,    ///< PyTorch 1.13
  keras,    ///< Keras 2 / TensorFlow (as TensorFlow.js layers compute it)
  onnx,     ///< the ONNX operators, opset 17
};

inline constexpr framework generic = framework::generic;
inline constexpr framework torch = framework::torch;
inline constexpr framework keras = framework::keras;
inline constexpr framework onnx = framework::onnx;

CONVSHAPE_HOST_DEVICE constexpr const char* name(framework f) noexcept {
  switch (f) {
    case framework::generic: return "generic";
    case framework::torch: return "torch";
    case framework::keras: return "keras";
    case framework::onnx: return "onnx";
  }
  return "?";
}

}  // namespace convshape
