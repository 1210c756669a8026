// convshape: the per-dimension arithmetic shared by every layer: the generic
// definition. What a framework rejects or computes differently is its
// policy's (frameworks/detail/policy.hpp), asked where it may depart.
#pragma once

#include <cstddef>
#include <cstdint>

#include "../../core/detail/checked.hpp"
#include "../../core/detail/host_device.hpp"
#include "../../core/detail/layer_id.hpp"
#include "../../core/error.hpp"
#include "../../core/padding.hpp"
#include "../../core/per_dim.hpp"
#include "../../core/shape.hpp"
#include "../../frameworks/detail/policy.hpp"
#include "../plan.hpp"

namespace convshape::detail {

// Each check returns true when the parameters pass, and otherwise false with
// `error` filled: in constant evaluation an error_info returned by value is
// built and copied, message buffer and all, on every check of every layer,
// where a bool is one scalar and the message is written only on failure. For
// the same reason the common case is tested before a call: in constant
// evaluation a call costs more than the comparisons it would skip.

template <layout L>
CONVSHAPE_HOST_DEVICE constexpr bool check_input(const layer_id& id, const shape<L>& x, error_info& error) noexcept {
  return check_extents(x, error, [&id](error_info& into, errc error_code) -> message_buffer& {
    return id.fail(into, error_code);
  });
}

CONVSHAPE_HOST_DEVICE constexpr bool check_count(const layer_id& id, errc code, const char* param, std::int64_t value,
                                                 error_info& error) noexcept {
  if (value >= 1) return true;
  id.fail(error, code) << param << " must be at least 1, got " << value;
  return false;
}

template <std::size_t N>
CONVSHAPE_HOST_DEVICE constexpr bool check_each(const layer_id& id, errc code, const char* param, const per_dim<N>& v,
                                                error_info& error) noexcept {
  for (std::size_t i = 0; i < N; ++i) {
    if (v.values[i] < 1) {
      id.fail(error, code) << param << " must be at least 1, got " << v.values[i] << in_dim{i};
      return false;
    }
  }
  return true;
}

CONVSHAPE_HOST_DEVICE constexpr bool check_groups(const layer_id& id, std::int64_t groups, std::int64_t channels,
                                                  std::int64_t filters, error_info& error) noexcept {
  if (!check_count(id, errc::groups_below_one, "groups", groups, error)) return false;
  if (channels % groups != 0) {
    id.fail(error, errc::groups_do_not_divide_channels)
        << "groups " << groups << " must divide input channels " << channels;
    return false;
  }
  if (filters % groups != 0) {
    id.fail(error, errc::groups_do_not_divide_filters) << "groups " << groups << " must divide filters " << filters;
    return false;
  }
  return true;
}

/// The extent a dilated window spans; callers skip it when the dilation is 1.
CONVSHAPE_HOST_DEVICE constexpr bool effective_kernel(const layer_id& id, const dim& d, std::int64_t& eff,
                                                      error_info& error) noexcept {
  return (mul(d.dilation, d.kernel - 1, eff) && add(eff, 1, eff)) ||
         overflow(id, d, id.is_pool() ? "effective window" : "effective kernel", error);
}

/// Fills `error` with the negative explicit pad of `d`; false, always.
CONVSHAPE_HOST_DEVICE constexpr bool negative_pad(const layer_id& id, const dim& d, error_info& error) noexcept {
  const bool at_start = d.pad_begin < 0;
  id.fail(error, errc::negative_pad) << "pad must not be negative, got " << (at_start ? d.pad_begin : d.pad_end)
                                     << (at_start ? " at the start" : " at the end") << " of spatial dim "
                                     << static_cast<std::int64_t>(d.index);
  return false;
}

CONVSHAPE_HOST_DEVICE constexpr bool causal_needs_1d_conv(const layer_id& id, error_info& error) noexcept {
  id.fail(error, errc::causal_needs_1d_conv) << "causal padding is defined only for 1-D convolution";
  return false;
}

/// Fills `error` with a pool pad of `d` that a whole window could lie in;
/// false, always.
CONVSHAPE_HOST_DEVICE constexpr bool window_in_padding(const layer_id& id, const dim& d, std::int64_t eff,
                                                       error_info& error) noexcept {
  const bool at_start = d.pad_begin >= eff;
  id.fail(error, errc::pad_not_smaller_than_window)
      << "pad " << (at_start ? d.pad_begin : d.pad_end) << (at_start ? " at the start" : " at the end")
      << " of spatial dim " << static_cast<std::int64_t>(d.index) << " must be smaller than the effective window "
      << eff << ", or a window could lie entirely in padding";
  return false;
}

/// Fills `error` with a window wider than the padded input; false, always.
CONVSHAPE_HOST_DEVICE constexpr bool kernel_exceeds_input(const layer_id& id, const dim& d, std::int64_t eff,
                                                          std::int64_t padded, error_info& error) noexcept {
  id.fail(error, errc::kernel_exceeds_padded_input)
      << "effective " << id.kernel_word() << " " << eff << " (" << id.kernel_word() << " " << d.kernel
      << ", dilation " << d.dilation << ") exceeds padded input " << padded << in_dim{d.index};
  return false;
}

/// Convolution and pooling: the number of window positions that fit the
/// padded input (Dumoulin and Visin, relationship 6 with dilation).
template <std::size_t N>
CONVSHAPE_HOST_DEVICE constexpr bool forward(const layer_id& id, dim& d, const window_params<N>& w,
                                             error_info& error) noexcept {
  std::int64_t eff = d.kernel;
  if (d.dilation != 1 && !effective_kernel(id, d, eff, error)) return false;

  switch (d.mode) {
    case padding_mode::valid: d.pad_begin = d.pad_end = 0; break;
    case padding_mode::explicit_pads:
      if (d.pad_begin < 0 || d.pad_end < 0) return negative_pad(id, d, error);
      break;
    case padding_mode::causal:
      if (id.kind != op::conv || id.rank != 1) return causal_needs_1d_conv(id, error);
      d.pad_begin = eff - 1;
      d.pad_end = 0;
      break;
    case padding_mode::same:
    case padding_mode::same_lower: {
      const departure own = id.fw != framework::generic ? policy_same_pads(id, d, w, error) : departure::none;
      if (own == departure::rejected) return false;
      if (own == departure::pads_set) break;  // counted below as they are, even negative
      // Output ceil(input / stride) whatever the kernel; pad just enough.
      d.output = (d.input - 1) / d.stride + 1;
      std::int64_t total = 0;
      if (!(mul(d.output - 1, d.stride, total) && add(total, eff, total)))
        return overflow(id, d, "'same' padding", error);
      total = total > d.input ? total - d.input : 0;
      const std::int64_t smaller = total / 2;
      d.pad_begin = d.mode == padding_mode::same ? smaller : total - smaller;
      d.pad_end = total - d.pad_begin;
      return true;
    }
  }

  if (id.fw != framework::generic && !policy_accepts(id, d, error)) return false;
  if ((d.pad_begin >= eff || d.pad_end >= eff) && id.is_pool()) return window_in_padding(id, d, eff, error);

  std::int64_t padded = 0;
  if (!(add(d.input, d.pad_begin, padded) && add(padded, d.pad_end, padded)))
    return overflow(id, d, "padded input", error);
  if (padded < eff && policy_accepts_overhang(id, w.ceil_mode) && padded > eff - d.stride) {
    d.output = 1;  // one window, hanging over the end padding
    return true;
  }
  if (padded < eff) return kernel_exceeds_input(id, d, eff, padded, error);
  // padded - eff >= 0 here, so neither the sum nor the division can misbehave.
  const std::int64_t room = padded - eff;
  d.output = room / d.stride + 1;
  if (w.ceil_mode && room % d.stride != 0) {
    // A partial last window counts only if it starts inside the input or the
    // start padding, never in the end padding (PyTorch, ONNX since opset 19).
    std::int64_t last_start = 0;
    if (mul(d.output, d.stride, last_start) && last_start < d.input + d.pad_begin) ++d.output;
  }
  return true;
}

/// Fills `error` with pads that crop the whole uncropped output `full`;
/// false, always.
CONVSHAPE_HOST_DEVICE constexpr bool no_output_left(const layer_id& id, const dim& d, std::int64_t eff,
                                                    std::int64_t full, std::int64_t output_padding,
                                                    error_info& error) noexcept {
  id.fail(error, errc::empty_output) << "pads " << d.pad_begin << "+" << d.pad_end << " leave no output"
                                     << in_dim{d.index} << ": the uncropped output is " << full << " (input "
                                     << d.input << ", stride " << d.stride << ", effective kernel " << eff
                                     << ", output_padding " << output_padding << ")";
  return false;
}

/// Transposed convolution: the adjoint of forward(), so the input and output
/// extents swap roles (Dumoulin and Visin, relationship 14 with the `a` term).
/// `output_padding_given` is false when every dimension's is 0, which Keras
/// reads as output_padding=None.
CONVSHAPE_HOST_DEVICE constexpr bool transpose(const layer_id& id, dim& d, std::int64_t output_padding,
                                               bool output_padding_given, error_info& error) noexcept {
  std::int64_t eff = d.kernel;
  if (d.dilation != 1 && !effective_kernel(id, d, eff, error)) return false;
  if (output_padding < 0) {
    id.fail(error, errc::negative_pad) << "output_padding must not be negative, got " << output_padding
                                       << in_dim{d.index};
    return false;
  }
  if (output_padding >= d.stride && output_padding >= d.dilation) {
    id.fail(error, errc::output_padding_too_large) << "output_padding " << output_padding << in_dim{d.index}
                                                   << " must be smaller than stride " << d.stride
                                                   << " or dilation " << d.dilation;
    return false;
  }

  // The extent a forward convolution of this kernel would read: the full,
  // unpadded transposed output.
  std::int64_t full = 0;
  if (!(mul(d.input - 1, d.stride, full) && add(full, eff, full) && add(full, output_padding, full)))
    return overflow(id, d, "output extent", error);

  const departure own =
      id.fw != framework::generic ? policy_transpose(id, d, eff, full, output_padding_given, error) : departure::none;
  if (own == departure::rejected) return false;
  if (own == departure::done) return true;
  if (own == departure::pads_set) d.mode = padding_mode::explicit_pads;

  switch (d.mode) {
    case padding_mode::valid: d.pad_begin = d.pad_end = 0; break;
    case padding_mode::explicit_pads:
      if (d.pad_begin < 0 || d.pad_end < 0) return negative_pad(id, d, error);
      break;
    case padding_mode::causal: return causal_needs_1d_conv(id, error);
    case padding_mode::same:
    case padding_mode::same_lower: {
      // The output is input * stride (TF, ONNX); the pads crop the full
      // output to that. When the stride exceeds the kernel, the full output
      // is shorter and the end pad is negative: zeros are appended.
      if (!mul(d.input, d.stride, d.output)) return overflow(id, d, "output extent", error);
      const std::int64_t total = full - d.output;
      const std::int64_t smaller = total > 0 ? total / 2 : 0;
      d.pad_begin = d.mode == padding_mode::same ? smaller : (total > 0 ? total - smaller : 0);
      d.pad_end = total - d.pad_begin;
      return true;
    }
  }

  // full >= 1 and both pads >= 0, so full - pad_begin cannot overflow, and
  // the end pad is compared with what is left instead of subtracted blindly.
  const std::int64_t after_begin = full - d.pad_begin;
  if (after_begin <= d.pad_end) return no_output_left(id, d, eff, full, output_padding, error);
  d.output = after_begin - d.pad_end;
  return true;
}

/// Checks the input (where `input` says so), the output
/// `channels` (a convolution's filters) and `groups`, the per-dimension
/// parameters and what the framework rejects, then applies forward() or
/// transpose() to each spatial dimension and collects the plan.
template <layout L>
CONVSHAPE_HOST_DEVICE constexpr bool plan_layer(const layer_id& id, const shape<L>& x, std::int64_t channels,
                                                std::int64_t groups, const window_params<spatial_rank(L)>& w,
                                                layer_plan<spatial_rank(L)>& plan, error_info& error,
                                                input_check input) noexcept {
  constexpr std::size_t n = spatial_rank(L);
  // The common case is tested before the call that would report it.
  bool input_valid = input == input_check::done || (x.batch_ >= 1 && x.channels_ >= 1);
  if (input == input_check::needed)
    for (std::size_t i = 0; i < n; ++i) input_valid = input_valid && x.spatial_.values[i] >= 1;
  if (!(input_valid || check_input(id, x, error)) ||
      !(channels >= 1 || check_count(id, errc::filters_below_one, "filters", channels, error)) ||
      !(groups == 1 || check_groups(id, groups, x.channels_, channels, error)))
    return false;
  for (std::size_t i = 0; i < n; ++i) {
    if (w.kernel.values[i] < 1 || w.strides.values[i] < 1 || w.dilation.values[i] < 1) {
      // One of the three fails: all kernels are reported first, then strides.
      static_cast<void>(check_each(id, errc::kernel_below_one, id.kernel_word(), w.kernel, error) &&
                        check_each(id, errc::stride_below_one, "stride", w.strides, error) &&
                        check_each(id, errc::dilation_below_one, "dilation", w.dilation, error));
      return false;
    }
  }
  if (id.fw != framework::generic && !policy_accepts(id, w, error)) return false;
  const bool output_padding_given = id.kind == op::conv_transpose && w.output_padding != per_dim<n>{};

  plan.channels = channels;
  plan.pads.mode = padding_mode::explicit_pads;
  for (std::size_t i = 0; i < n; ++i) {
    dim d{i, x.spatial_.values[i], w.kernel.values[i], w.strides.values[i], w.dilation.values[i],
          w.pads.mode, w.pads.begin.values[i], w.pads.end.values[i]};
    const bool planned = id.kind == op::conv_transpose
                             ? transpose(id, d, w.output_padding.values[i], output_padding_given, error)
                             : forward(id, d, w, error);
    if (!planned) return false;
    plan.output.values[i] = d.output;
    plan.pads.begin.values[i] = d.pad_begin;
    plan.pads.end.values[i] = d.pad_end;
  }
  return true;
}

}  // namespace convshape::detail
