// convshape: how the arithmetic names a layer and sees its parameters.
#pragma once

#include <cstddef>
#include <cstdint>

#include "../../frameworks/framework.hpp"
#include "../error.hpp"
#include "../padding.hpp"
#include "../per_dim.hpp"
#include "host_device.hpp"

namespace convshape::detail {

enum class op : unsigned char { conv, conv_transpose, max_pool, avg_pool };

/// Names a layer in messages: "conv2d", "conv_transpose3d", "max_pool1d".
struct layer_id {
  op kind;
  std::size_t rank;
  framework fw = framework::generic;

  CONVSHAPE_HOST_DEVICE constexpr bool is_pool() const noexcept { return kind == op::max_pool || kind == op::avg_pool; }
  CONVSHAPE_HOST_DEVICE constexpr const char* kernel_word() const noexcept { return is_pool() ? "window" : "kernel"; }

  /// Sets `e` to `code` and the layer's name; the caller appends the rest.
  CONVSHAPE_HOST_DEVICE constexpr message_buffer& fail(error_info& e, errc code) const noexcept {
    e = error_info{code};
    const char* base = kind == op::conv             ? "conv"
                       : kind == op::conv_transpose ? "conv_transpose"
                       : kind == op::max_pool       ? "max_pool"
                                                    : "avg_pool";
    e.message << base << static_cast<std::int64_t>(rank) << "d";
    if (fw != framework::generic) e.message << " (" << name(fw) << ")";
    return e.message << ": ";
  }
};

/// No error: a constant, not a function, since every call in constant
/// evaluation costs (see per_dim's operator[]).
inline constexpr error_info ok{};

/// " in spatial dim 1", the suffix that locates most messages.
struct in_dim {
  std::size_t index;
};
CONVSHAPE_HOST_DEVICE constexpr message_buffer& operator<<(message_buffer& m, in_dim d) noexcept {
  return m << " in spatial dim " << static_cast<std::int64_t>(d.index);
}

/// One spatial dimension of a layer: its parameters in, its output and the
/// pads actually applied out.
struct dim {
  std::size_t index;
  std::int64_t input, kernel, stride, dilation;
  padding_mode mode;
  std::int64_t pad_begin, pad_end;  // explicit pads in, resolved pads out
  std::int64_t output = 0;
};

/// Fills `error` with an overflow of `what` along `d`; false, always.
CONVSHAPE_HOST_DEVICE constexpr bool overflow(const layer_id& id, const dim& d, const char* what,
                                              error_info& error) noexcept {
  id.fail(error, errc::overflow) << what << " overflows int64" << in_dim{d.index} << " (input " << d.input << ", "
                                 << id.kernel_word() << " " << d.kernel << ", stride " << d.stride << ", dilation "
                                 << d.dilation << ")";
  return false;
}

/// A layer's window parameters, whatever the layer: pools have no
/// output_padding, convolutions no ceil_mode.
template <std::size_t N>
struct window_params {
  per_dim<N> kernel, strides, dilation;
  padding<N> pads;
  per_dim<N> output_padding{};
  bool ceil_mode = false;
};

}  // namespace convshape::detail
