// convshape: tensor memory layouts.
#pragma once

#include <cstddef>

#include "detail/host_device.hpp"

namespace convshape {

/// The order of a tensor's dimensions in memory: batch, channels and 1 to 3
/// spatial extents, channels either first (PyTorch) or last (TensorFlow).
enum class layout : unsigned char { ncw, nwc, nchw, nhwc, ncdhw, ndhwc };

CONVSHAPE_HOST_DEVICE constexpr std::size_t spatial_rank(layout l) noexcept {
  switch (l) {
    case layout::ncw:
    case layout::nwc: return 1;
    case layout::nchw:
    case layout::nhwc: return 2;
    case layout::ncdhw:
    case layout::ndhwc: return 3;
  }
  return 0;
}

CONVSHAPE_HOST_DEVICE constexpr bool is_channels_last(layout l) noexcept {
  return l == layout::nwc || l == layout::nhwc || l == layout::ndhwc;
}

/// The layout with the same spatial rank and channels last.
CONVSHAPE_HOST_DEVICE constexpr layout channels_last(layout l) noexcept {
  switch (l) {
    case layout::ncw: return layout::nwc;
    case layout::nchw: return layout::nhwc;
    case layout::ncdhw: return layout::ndhwc;
    default: return l;
  }
}

/// The layout with the same spatial rank and channels first.
CONVSHAPE_HOST_DEVICE constexpr layout channels_first(layout l) noexcept {
  switch (l) {
    case layout::nwc: return layout::ncw;
    case layout::nhwc: return layout::nchw;
    case layout::ndhwc: return layout::ncdhw;
    default: return l;
  }
}

/// "NCHW", "NHWC", ...: the spelling the frameworks use.
CONVSHAPE_HOST_DEVICE constexpr const char* name(layout l) noexcept {
  switch (l) {
    case layout::ncw: return "NCW";
    case layout::nwc: return "NWC";
    case layout::nchw: return "NCHW";
    case layout::nhwc: return "NHWC";
    case layout::ncdhw: return "NCDHW";
    case layout::ndhwc: return "NDHWC";
  }
  return "?";
}

}  // namespace convshape
