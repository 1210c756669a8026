// convshape reference: direct-loop convolution and transposed convolution.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "../layers/conv.hpp"
#include "../layers/conv_transpose.hpp"
#include "axis.hpp"
#include "tensor.hpp"

namespace convshape::reference {

namespace detail {

inline void check_channels(const char* layer, std::int64_t channels, std::int64_t filters, std::int64_t groups) {
  require(filters >= 1, std::string(layer) + ": filters below 1");
  require(groups >= 1, std::string(layer) + ": groups below 1");
  require(channels % groups == 0, std::string(layer) + ": groups do not divide input channels");
  require(filters % groups == 0, std::string(layer) + ": groups do not divide filters");
}

template <class T, std::size_t N>
void check_filter(const char* layer, const filter<T, N>& w, std::int64_t outer, std::int64_t inner,
                  const per_dim<N>& kernel) {
  require(w.outer() == outer && w.inner() == inner && w.kernel() == kernel,
          std::string(layer) + ": filter does not match the layer's channels and kernel");
}

template <class T>
T bias_of(std::span<const T> bias, std::int64_t channel) {
  return bias.empty() ? T{} : bias[static_cast<std::size_t>(channel)];
}

}  // namespace detail

/// Convolution, computed tap by tap. The filter is (C_out, C_in / groups)
/// per tap, in any filter_layout; `bias` is empty or has C_out entries.
template <class T, layout L>
tensor<T, L> conv(const tensor<T, L>& x, const filter<T, spatial_rank(L)>& w, std::span<const T> bias,
                  const conv_params<spatial_rank(L)>& p) {
  constexpr std::size_t n = spatial_rank(L);
  const char* layer = "reference conv";
  const auto& in = x.dims();
  detail::check_channels(layer, in.channels(), p.filters, p.groups);
  const std::int64_t in_per_group = in.channels() / p.groups;
  const std::int64_t out_per_group = p.filters / p.groups;
  detail::check_filter(layer, w, p.filters, in_per_group, p.kernel);
  detail::require(bias.empty() || static_cast<std::int64_t>(bias.size()) == p.filters,
                  "reference conv: bias size differs from filters");

  per_dim<n> out_extent, pad_begin;
  for (std::size_t d = 0; d < n; ++d) {
    const axis a = detail::forward_axis(layer, d, in.spatial(d), p.kernel[d], p.strides[d], p.dilation[d],
                                        p.padding.mode, p.padding.begin[d], p.padding.end[d], n == 1, false, false);
    out_extent[d] = a.output;
    pad_begin[d] = a.pad_begin;
  }

  tensor<T, L> y(make_shape<L>(in.batch(), p.filters, out_extent));
  for (std::int64_t b = 0; b < in.batch(); ++b) {
    for (std::int64_t o = 0; o < p.filters; ++o) {
      const std::int64_t first_in = (o / out_per_group) * in_per_group;
      for_each_index(out_extent, [&](const per_dim<n>& out_pos) {
        T out_value = detail::bias_of(bias, o);
        for (std::int64_t ci = 0; ci < in_per_group; ++ci) {
          for_each_index(p.kernel, [&](const per_dim<n>& tap) {
            per_dim<n> in_pos;
            for (std::size_t dim_index = 0; dim_index < n; ++dim_index) {
              in_pos[dim_index] = out_pos[dim_index] * p.strides[dim_index] + tap[dim_index] * p.dilation[dim_index] -
                                  pad_begin[dim_index];
              if (in_pos[dim_index] < 0 || in_pos[dim_index] >= in.spatial(dim_index)) return;  // a zero of the padding
            }
            out_value += x.at(b, first_in + ci, in_pos) * w.at(o, ci, tap);
          });
        }
        y.at(b, o, out_pos) = out_value;
      });
    }
  }
  return y;
}

/// Transposed convolution: every input element scatters its filter taps into
/// the output. The filter is (C_in, C_out / groups) per tap.
template <class T, layout L>
tensor<T, L> conv_transpose(const tensor<T, L>& x, const filter<T, spatial_rank(L)>& w, std::span<const T> bias,
                            const conv_transpose_params<spatial_rank(L)>& p) {
  constexpr std::size_t n = spatial_rank(L);
  const char* layer = "reference conv_transpose";
  const auto& in = x.dims();
  detail::check_channels(layer, in.channels(), p.filters, p.groups);
  const std::int64_t in_per_group = in.channels() / p.groups;
  const std::int64_t out_per_group = p.filters / p.groups;
  detail::check_filter(layer, w, in.channels(), out_per_group, p.kernel);
  detail::require(bias.empty() || static_cast<std::int64_t>(bias.size()) == p.filters,
                  "reference conv_transpose: bias size differs from filters");

  per_dim<n> out_extent, pad_begin;
  for (std::size_t d = 0; d < n; ++d) {
    const axis a = detail::transpose_axis(layer, d, in.spatial(d), p.kernel[d], p.strides[d], p.dilation[d],
                                          p.padding.mode, p.padding.begin[d], p.padding.end[d],
                                          p.output_padding[d]);
    out_extent[d] = a.output;
    pad_begin[d] = a.pad_begin;
  }

  tensor<T, L> y(make_shape<L>(in.batch(), p.filters, out_extent));
  for (std::int64_t b = 0; b < in.batch(); ++b) {
    for (std::int64_t o = 0; o < p.filters; ++o)
      for_each_index(out_extent, [&](const per_dim<n>& out_pos) { y.at(b, o, out_pos) = detail::bias_of(bias, o); });
    for (std::int64_t c = 0; c < in.channels(); ++c) {
      const std::int64_t first_out = (c / in_per_group) * out_per_group;
      for_each_index(in.spatial(), [&](const per_dim<n>& in_pos) {
        const T in_value = x.at(b, c, in_pos);
        for_each_index(p.kernel, [&](const per_dim<n>& tap) {
          per_dim<n> out_pos;
          for (std::size_t dim_index = 0; dim_index < n; ++dim_index) {
            out_pos[dim_index] = in_pos[dim_index] * p.strides[dim_index] + tap[dim_index] * p.dilation[dim_index] -
                                 pad_begin[dim_index];
            if (out_pos[dim_index] < 0 || out_pos[dim_index] >= out_extent[dim_index]) return;  // cropped by the pads
          }
          for (std::int64_t oo = 0; oo < out_per_group; ++oo)
            y.at(b, first_out + oo, out_pos) += in_value * w.at(c, oo, tap);
        });
      });
    }
  }
  return y;
}

}  // namespace convshape::reference
