// convshape reference: each spatial axis found by walking, not by formula.
//
// The shape formulas in the core headers are what these kernels check, so
// nothing here calls them: output extents come from counting window positions
// (convolution, pooling) or from the farthest index a scatter writes
// (transposed convolution). Parameter rules (strides, groups, pads) are
// restated as plain checks.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>

#include "../core/padding.hpp"
#include "tensor.hpp"

namespace convshape::reference {

/// One spatial axis: the pads applied and the output extent.
struct axis {
  std::int64_t pad_begin = 0, pad_end = 0, output = 0;
};

namespace detail {

inline std::string where(std::size_t dim) { return " in spatial dim " + std::to_string(dim); }

inline void require(bool ok, const std::string& why) {
  if (!ok) reject(why);
}

/// Window starts 0, s, 2s, ... over a padded input. A window counts if all
/// its taps are inside; in ceil mode a partial window also counts when the
/// previous one left cells uncovered and it starts in the input or the start
/// padding.
inline std::int64_t count_windows(std::int64_t input, std::int64_t pad_begin, std::int64_t pad_end,
                                  std::int64_t kernel, std::int64_t stride, std::int64_t dilation,
                                  bool ceil_mode) {
  const std::int64_t padded = input + pad_begin + pad_end;
  const std::int64_t last_tap = (kernel - 1) * dilation;
  std::int64_t count = 0;
  for (std::int64_t start = 0;; start += stride) {
    const bool whole = start + last_tap < padded;
    const bool partial =
        ceil_mode && start > 0 && start - stride + last_tap < padded - 1 && start < input + pad_begin;
    if (!whole && !partial) return count;
    ++count;
  }
}

/// 'same': as many outputs as stride steps that start inside the input, with
/// the least total padding that makes that many windows fit.
inline axis same_padding(std::int64_t input, std::int64_t kernel, std::int64_t stride,
                         std::int64_t dilation, padding_mode mode) {
  std::int64_t wanted = 0;
  for (std::int64_t start = 0; start < input; start += stride) ++wanted;
  std::int64_t total = 0;
  while (count_windows(input, 0, total, kernel, stride, dilation, false) < wanted) ++total;
  const std::int64_t extra_first = mode == padding_mode::same_lower ? total - total / 2 : total / 2;
  return {extra_first, total - extra_first, wanted};
}

inline void check_window_params(const char* layer, std::size_t dim, std::int64_t kernel,
                                std::int64_t stride, std::int64_t dilation) {
  require(kernel >= 1, std::string(layer) + ": kernel below 1" + where(dim));
  require(stride >= 1, std::string(layer) + ": stride below 1" + where(dim));
  require(dilation >= 1, std::string(layer) + ": dilation below 1" + where(dim));
}

inline axis explicit_pads(const char* layer, std::size_t dim, std::int64_t pad_begin, std::int64_t pad_end) {
  require(pad_begin >= 0 && pad_end >= 0, std::string(layer) + ": negative pad" + where(dim));
  return {pad_begin, pad_end, 0};
}

/// Convolution and pooling along one axis.
inline axis forward_axis(const char* layer, std::size_t dim, std::int64_t input, std::int64_t kernel,
                         std::int64_t stride, std::int64_t dilation, padding_mode mode,
                         std::int64_t pad_begin, std::int64_t pad_end, bool causal_allowed,
                         bool ceil_mode, bool is_pool) {
  check_window_params(layer, dim, kernel, stride, dilation);
  axis a{};
  switch (mode) {
    case padding_mode::valid: break;
    case padding_mode::explicit_pads: a = explicit_pads(layer, dim, pad_begin, pad_end); break;
    case padding_mode::causal:
      require(causal_allowed, std::string(layer) + ": causal padding outside 1-D convolution");
      a.pad_begin = (kernel - 1) * dilation;
      break;
    case padding_mode::same:
    case padding_mode::same_lower: return same_padding(input, kernel, stride, dilation, mode);
  }
  const std::int64_t span = (kernel - 1) * dilation + 1;
  if (is_pool) {
    require(a.pad_begin < span && a.pad_end < span,
            std::string(layer) + ": pad not smaller than the window" + where(dim));
  }
  // One whole window must fit; ceil mode only adds partial windows after it.
  require(count_windows(input, a.pad_begin, a.pad_end, kernel, stride, dilation, false) >= 1,
          std::string(layer) + ": no window fits the padded input" + where(dim));
  a.output = count_windows(input, a.pad_begin, a.pad_end, kernel, stride, dilation, ceil_mode);
  return a;
}

/// Transposed convolution along one axis: input i scatters to outputs
/// i * stride + tap * dilation - pad_begin; the extent is the farthest index
/// written, plus output_padding, less the pads.
inline axis transpose_axis(const char* layer, std::size_t dim, std::int64_t input, std::int64_t kernel,
                           std::int64_t stride, std::int64_t dilation, padding_mode mode,
                           std::int64_t pad_begin, std::int64_t pad_end, std::int64_t output_padding) {
  check_window_params(layer, dim, kernel, stride, dilation);
  require(output_padding >= 0, std::string(layer) + ": negative output_padding" + where(dim));
  require(output_padding < stride || output_padding < dilation,
          std::string(layer) + ": output_padding not smaller than stride or dilation" + where(dim));
  std::int64_t farthest = 0;
  for (std::int64_t i = 0; i < input; ++i)
    for (std::int64_t t = 0; t < kernel; ++t) farthest = std::max(farthest, i * stride + t * dilation);
  const std::int64_t written = farthest + 1 + output_padding;

  axis a{};
  switch (mode) {
    case padding_mode::valid: break;
    case padding_mode::explicit_pads: a = explicit_pads(layer, dim, pad_begin, pad_end); break;
    case padding_mode::causal: reject(std::string(layer) + ": causal padding outside 1-D convolution");
    case padding_mode::same:
    case padding_mode::same_lower: {
      // The output is input * stride; the pads crop what was written to it.
      a.output = input * stride;
      const std::int64_t crop = written - a.output;
      const std::int64_t first = crop <= 0 ? 0 : mode == padding_mode::same ? crop / 2 : crop - crop / 2;
      a.pad_begin = first;
      a.pad_end = crop - first;
      return a;
    }
  }
  a.output = written - a.pad_begin - a.pad_end;
  require(a.output >= 1, std::string(layer) + ": pads leave no output" + where(dim));
  return a;
}

}  // namespace detail
}  // namespace convshape::reference
