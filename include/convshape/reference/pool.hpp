// convshape reference: direct-loop max and average pooling.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>

#include "../layers/pool.hpp"
#include "axis.hpp"
#include "tensor.hpp"

namespace convshape::reference {

/// Whether average pooling divides by every tap inside the padded input
/// (PyTorch's default) or only by the taps on real input (TF, Keras).
enum class pad_cells : unsigned char { counted, ignored };

namespace detail {

/// Pools each window: `visit(value)` for every tap on the input, then
/// `finish(taps_on_input, taps_in_padded_input)` gives the output value.
template <class T, layout L, class Visit, class Finish>
tensor<T, L> pool(const char* layer, const tensor<T, L>& x, const per_dim<spatial_rank(L)>& window,
                  const per_dim<spatial_rank(L)>& strides, const per_dim<spatial_rank(L)>& dilation,
                  const padding<spatial_rank(L)>& pads, bool ceil_mode, Visit visit, Finish finish) {
  constexpr std::size_t n = spatial_rank(L);
  const auto& in = x.dims();
  per_dim<n> out_extent, pad_begin, pad_end;
  for (std::size_t d = 0; d < n; ++d) {
    const axis a = forward_axis(layer, d, in.spatial(d), window[d], strides[d], dilation[d], pads.mode,
                                pads.begin[d], pads.end[d], false, ceil_mode, true);
    out_extent[d] = a.output;
    pad_begin[d] = a.pad_begin;
    pad_end[d] = a.pad_end;
  }

  tensor<T, L> y(make_shape<L>(in.batch(), in.channels(), out_extent));
  for (std::int64_t b = 0; b < in.batch(); ++b) {
    for (std::int64_t c = 0; c < in.channels(); ++c) {
      for_each_index(out_extent, [&](const per_dim<n>& out_pos) {
        std::int64_t on_input = 0, in_padded = 0;
        for_each_index(window, [&](const per_dim<n>& tap) {
          per_dim<n> in_pos;
          bool inside_input = true, inside_padded = true;
          for (std::size_t dim_index = 0; dim_index < n; ++dim_index) {
            in_pos[dim_index] = out_pos[dim_index] * strides[dim_index] + tap[dim_index] * dilation[dim_index] -
                                pad_begin[dim_index];
            inside_input = inside_input && in_pos[dim_index] >= 0 && in_pos[dim_index] < in.spatial(dim_index);
            inside_padded = inside_padded && in_pos[dim_index] < in.spatial(dim_index) + pad_end[dim_index];
          }
          in_padded += inside_padded;
          if (inside_input) {
            ++on_input;
            visit(x.at(b, c, in_pos));
          }
        });
        y.at(b, c, out_pos) = finish(on_input, in_padded);
      });
    }
  }
  return y;
}

}  // namespace detail

/// Max pooling; padding never wins (it is minus infinity, as in PyTorch).
template <class T, layout L>
tensor<T, L> max_pool(const tensor<T, L>& x, const max_pool_params<spatial_rank(L)>& p) {
  T best = -std::numeric_limits<T>::infinity();
  return detail::pool(
      "reference max_pool", x, p.window, p.strides.resolve(p.window), p.dilation, p.padding, p.ceil_mode,
      [&](T tapped) { best = std::max(best, tapped); },
      [&](std::int64_t, std::int64_t) {
        const T pooled = best;
        best = -std::numeric_limits<T>::infinity();
        return pooled;
      });
}

/// Average pooling.
template <class T, layout L>
tensor<T, L> avg_pool(const tensor<T, L>& x, const avg_pool_params<spatial_rank(L)>& p, pad_cells divisor) {
  T sum{};
  return detail::pool(
      "reference avg_pool", x, p.window, p.strides.resolve(p.window), per_dim<spatial_rank(L)>{1}, p.padding,
      p.ceil_mode, [&](T tapped) { sum += tapped; },
      [&](std::int64_t on_input, std::int64_t in_padded) {
        const T pooled = sum / static_cast<T>(divisor == pad_cells::counted ? in_padded : on_input);
        sum = T{};
        return pooled;
      });
}

}  // namespace convshape::reference
