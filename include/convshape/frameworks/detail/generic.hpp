// convshape: what a framework policy answers, the generic definition's
// answers, and the helpers the framework policies share.
//
// The window arithmetic (layers/detail/window.hpp) is the generic definition:
// it accepts every configuration whose output is well defined. A framework
// accepts less (padding modes it has no spelling for, pads it cannot express,
// combinations its layers refuse) and in places computes differently. One
// header per framework holds all of that framework's rules: its rejections,
// for the whole layer and for one dimension once its pads are known; its
// arithmetic departures, hooks the generic arithmetic calls; when a
// shape_program's fast replay gives its answer; how it writes a set of
// resolved pads; how it counts a batch normalization's parameters. Each
// rule names the source it comes from; tests/golden holds the frameworks'
// own answers. policy.hpp picks the policy.
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

CONVSHAPE_HOST_DEVICE constexpr bool is_same(padding_mode mode) noexcept {
  return mode == padding_mode::same || mode == padding_mode::same_lower;
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

/// What a framework's arithmetic hook did with one dimension.
enum class departure : unsigned char {
  none,      ///< nothing: the generic definition applies
  pads_set,  ///< `d` holds the framework's own pads; the generic arithmetic goes on from them
  done,      ///< `d` holds the framework's own output and pads
  rejected,  ///< `error` is filled
};

/// Whether shape_program's fast replay of a convolution or pool,
/// floor((in + pads - eff) / stride) + 1, or ceil(in / stride) for 'same'
/// padding, gives what forward() gives on every input. The generic forward()
/// ends in one of the two, except in ceil_mode, where a partial last window
/// may count; 'same' padding has no partial window.
template <std::size_t N>
CONVSHAPE_HOST_DEVICE constexpr bool generic_fast_replay(const window_params<N>& w) noexcept {
  return is_same(w.pads.mode) || !w.ceil_mode;
}

/// A batch normalization's parameters per channel: its learned scale and
/// shift. The running mean and variance are state, not parameters.
inline constexpr std::int64_t generic_batch_norm_params_per_channel = 2;

}  // namespace convshape::detail
