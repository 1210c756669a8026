// convshape: layers that join two branches, as skip connections do.
#pragma once

#include <cstddef>
#include <cstdint>

#include "../core/detail/checked.hpp"
#include "../core/detail/host_device.hpp"
#include "../core/detail/layer_id.hpp"
#include "../core/error.hpp"
#include "../core/shape.hpp"

namespace convshape {

namespace detail {

/// "add 'res2a': ", or "add: " without a name.
CONVSHAPE_HOST_DEVICE constexpr error_info merge_error(errc code, const char* op, const char* name) noexcept {
  error_info e{code};
  e.message << op;
  if (name != nullptr) e.message << " '" << name << "'";
  e.message << ": ";
  return e;
}

template <layout L>
CONVSHAPE_HOST_DEVICE constexpr error_info check_merge_inputs(const shape<L>& a, const shape<L>& b, const char* op,
                                        const char* name) noexcept {
  const auto begin = [op, name](error_info& into, errc error_code) -> message_buffer& {
    into = merge_error(error_code, op, name);
    return into.message;
  };
  error_info error;
  if (check_extents(a, error, begin)) check_extents(b, error, begin);
  return error;
}

// The merges of two valid shapes, as a network applies them: each writes the
// output into `out`, or fills `error` and returns false. A network's records
// are valid, and it merges without building a result, whose error_info
// constant evaluation would build and copy on every merge.

template <layout L>
CONVSHAPE_HOST_DEVICE constexpr bool add_into(const shape<L>& a, const shape<L>& b, const char* name, shape<L>& out,
                                              error_info& error) noexcept {
  if (a != b) {
    error = merge_error(errc::shapes_differ, "add", name);
    error.message << "shapes must match, got " << a << " and " << b;
    return false;
  }
  out = a;
  return true;
}

/// One extent of a broadcast: equal extents, or 1 stretched to the other's.
CONVSHAPE_HOST_DEVICE constexpr bool broadcast(std::int64_t a, std::int64_t b, std::int64_t& out) noexcept {
  out = a == 1 ? b : a;
  return a == b || a == 1 || b == 1;
}

template <layout L>
CONVSHAPE_HOST_DEVICE constexpr bool multiply_into(const shape<L>& a, const shape<L>& b, const char* name,
                                                   shape<L>& out, error_info& error) noexcept {
  out = a;
  std::size_t dim = 0;
  const bool batch = broadcast(a.batch_, b.batch_, out.batch_);
  const bool channels = batch && broadcast(a.channels_, b.channels_, out.channels_);
  while (channels && dim < a.spatial_rank && broadcast(a.spatial_[dim], b.spatial_[dim], out.spatial_[dim])) ++dim;
  if (dim == a.spatial_rank) return true;
  error = merge_error(errc::shapes_differ, "multiply", name);
  if (channels) {
    error.message << "extents" << in_dim{dim};
  } else {
    error.message << (batch ? "channels" : "batch");
  }
  error.message << " must be equal or 1 on one side to broadcast, got " << a << " and " << b;
  return false;
}

template <layout L>
CONVSHAPE_HOST_DEVICE constexpr bool concat_into(const shape<L>& a, const shape<L>& b, const char* name,
                                                 shape<L>& out, error_info& error) noexcept {
  if (a.batch_ != b.batch_ || a.spatial_ != b.spatial_) {
    error = merge_error(errc::shapes_differ, "concat", name);
    error.message << (a.batch_ != b.batch_ ? "batch" : "spatial extents") << " must match, got " << a << " and "
                  << b;
    return false;
  }
  out = a;
  if (!add(a.channels_, b.channels_, out.channels_)) {
    error = merge_error(errc::overflow, "concat", name);
    error.message << "channels overflow int64";
    return false;
  }
  return true;
}

}  // namespace detail

/// Elementwise sum, as at the end of a residual block: both shapes must be equal.
/// `name` only labels the error message.
template <layout L>
CONVSHAPE_HOST_DEVICE constexpr result<shape<L>> try_add(const shape<L>& a, const shape<L>& b,
                                                         const char* name = nullptr) noexcept {
  if (auto e = detail::check_merge_inputs(a, b, "add", name)) return e;
  shape<L> out;
  error_info error;
  if (!detail::add_into(a, b, name, out, error)) return error;
  return out;
}

template <layout L>
CONVSHAPE_HOST_DEVICE constexpr shape<L> add(const shape<L>& a, const shape<L>& b, const char* name = nullptr) {
  return try_add(a, b, name).value();
}

/// Elementwise product with broadcasting, as ONNX Mul, Keras' Multiply and
/// PyTorch's `*` do: the batch, the channels and each spatial extent must
/// be equal, or 1 on one side, which stretches to the other's; the output
/// has the larger. A squeeze-and-excitation block scales NCHW(1, 32, 11, 9)
/// by NCHW(1, 32, 1, 1). (add does not broadcast: the frameworks' Add does,
/// but a residual sum of different shapes is a mistake far more often than
/// an intent.) `name` only labels the error message.
template <layout L>
CONVSHAPE_HOST_DEVICE constexpr result<shape<L>> try_multiply(const shape<L>& a, const shape<L>& b,
                                                              const char* name = nullptr) noexcept {
  if (auto e = detail::check_merge_inputs(a, b, "multiply", name)) return e;
  shape<L> out;
  error_info error;
  if (!detail::multiply_into(a, b, name, out, error)) return error;
  return out;
}

template <layout L>
CONVSHAPE_HOST_DEVICE constexpr shape<L> multiply(const shape<L>& a, const shape<L>& b, const char* name = nullptr) {
  return try_multiply(a, b, name).value();
}

/// Concatenation along channels, as a U-Net's skip connection: batch and
/// spatial extents must be equal; the channels add up.
template <layout L>
CONVSHAPE_HOST_DEVICE constexpr result<shape<L>> try_concat(const shape<L>& a, const shape<L>& b,
                                                            const char* name = nullptr) noexcept {
  if (auto e = detail::check_merge_inputs(a, b, "concat", name)) return e;
  shape<L> out;
  error_info error;
  if (!detail::concat_into(a, b, name, out, error)) return error;
  return out;
}

template <layout L>
CONVSHAPE_HOST_DEVICE constexpr shape<L> concat(const shape<L>& a, const shape<L>& b, const char* name = nullptr) {
  return try_concat(a, b, name).value();
}

}  // namespace convshape
