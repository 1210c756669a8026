// convshape: inverse problems. Which pads, or which output_padding, give
// the shape you need; what another framework's 'same' is in explicit pads.
// Each answer is checked by computing the layer forward with it.
#pragma once

#include <cstddef>
#include <cstdint>

#include "../core/detail/host_device.hpp"
#include "../frameworks/detail/policy.hpp"
#include "../layers/conv.hpp"
#include "../layers/conv_transpose.hpp"
#include "../layers/pool.hpp"

namespace convshape {

namespace detail {

template <class Params>
inline constexpr bool is_transposed = false;
template <std::size_t N>
inline constexpr bool is_transposed<conv_transpose_params<N>> = true;

CONVSHAPE_HOST_DEVICE constexpr error_info no_solution(const char* solver) noexcept {
  error_info e{errc::no_solution};
  e.message << solver << ": ";
  return e;
}

template <std::size_t N>
CONVSHAPE_HOST_DEVICE constexpr padding<N> explicit_pads(const per_dim<N>& total) noexcept {
  per_dim<N> begin{}, end{};
  for (std::size_t i = 0; i < N; ++i) {
    begin[i] = total[i] / 2;  // the extra element at the end, as 'same' puts it
    end[i] = total[i] - begin[i];
  }
  return pads(begin, end);
}

}  // namespace detail

/// Explicit pads that make the layer's output spatial extents equal `target`:
/// the smallest total pad in each dimension, split as 'same' splits it (the
/// odd element at the end). PyTorch pads both sides alike, so for it an odd
/// total is rounded up when that still gives the target, and is otherwise no
/// solution. Pads only grow an output (or, transposed, shrink it), so a
/// target on the wrong side of the unpadded output is no solution either.
template <framework F = generic, layout L, class Params>
CONVSHAPE_HOST_DEVICE constexpr result<padding<spatial_rank(L)>> try_pads_for_output(const shape<L>& x, Params p,
                                                              const per_dim<spatial_rank(L)>& target) noexcept {
  constexpr std::size_t n = spatial_rank(L);
  p.padding = valid;
  const auto unpadded = try_plan<F>(x, p);
  const auto w = detail::window_of(p);
  per_dim<n> total{};
  for (std::size_t i = 0; i < n; ++i) {
    if (detail::is_transposed<Params>) {
      // The uncropped output, less the pads.
      if (!unpadded) return unpadded.error();
      total[i] = unpadded->output[i] - target[i];
      continue;
    }
    // The fewest pads that fit target windows: (target - 1) * stride + eff - input.
    std::int64_t eff = 0, needed = 0;
    if (!(detail::mul(w.dilation[i], w.kernel[i] - 1, eff) && detail::add(eff, 1, eff) &&
          detail::mul(target[i] - 1, w.strides[i], needed) && detail::add(needed, eff, needed) &&
          detail::sub(needed, x.spatial_[i], needed))) {
      error_info e = detail::no_solution("pads_for_output");
      e.message << "the pads needed overflow int64" << detail::in_dim{i};
      return e;
    }
    total[i] = needed > 0 ? needed : 0;
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (total[i] < 0 || target[i] < 1) {
      error_info e = detail::no_solution("pads_for_output");
      e.message << "target " << target[i] << detail::in_dim{i} << " is out of reach of pads"
                << (total[i] < 0 ? ": the unpadded output is already smaller" : "");
      return e;
    }
    if (detail::policy_pads_both_sides_alike(F) && total[i] % 2 != 0 && !detail::is_transposed<Params>) ++total[i];
  }
  p.padding = detail::explicit_pads(total);
  const auto padded = try_plan<F>(x, p);
  if (!padded) return padded.error();
  for (std::size_t i = 0; i < n; ++i) {
    if (padded->output[i] != target[i]) {
      error_info e = detail::no_solution("pads_for_output");
      e.message << "no pads give " << target[i] << detail::in_dim{i} << "; the nearest, "
                << padded->pads.begin[i] << "+" << padded->pads.end[i] << ", give " << padded->output[i];
      return e;
    }
  }
  return p.padding;
}

template <framework F = generic, layout L, class Params>
CONVSHAPE_HOST_DEVICE constexpr padding<spatial_rank(L)> pads_for_output(const shape<L>& x, const Params& p,
                                                   const per_dim<spatial_rank(L)>& target) {
  return try_pads_for_output<F>(x, p, target).value();
}

/// The output_padding that makes a transposed convolution's output spatial
/// extents equal `target`, such as the input of the strided convolution it
/// inverts; or proof that none does. It must lie below the stride (or the
/// dilation, where the framework allows that).
template <framework F = generic, layout L>
CONVSHAPE_HOST_DEVICE constexpr result<per_dim<spatial_rank(L)>> try_output_padding_for(
    const shape<L>& x, conv_transpose_params<spatial_rank(L)> p, const per_dim<spatial_rank(L)>& target) noexcept {
  constexpr std::size_t n = spatial_rank(L);
  p.output_padding = 0;
  const auto without = try_plan<F>(x, p);
  if (without && without->output == target) return p.output_padding;

  // The output each output_padding adds to: with explicit pads the uncropped
  // extent less the pads, (in - 1) * stride + eff - pads; with 'same' it is
  // measured, by a nonzero probe, since Keras reads an all-zero
  // output_padding as None and computes 'same' differently then.
  const bool pads_given = p.padding.mode == padding_mode::valid || p.padding.mode == padding_mode::explicit_pads;
  per_dim<n> base{}, answer{};
  for (std::size_t i = 0; i < n; ++i) {
    if (pads_given) {
      const std::int64_t pads = p.padding.mode == padding_mode::valid ? 0 : p.padding.begin[i] + p.padding.end[i];
      std::int64_t eff = 0;
      if (!(detail::mul(p.dilation[i], p.kernel[i] - 1, eff) && detail::add(eff, 1, eff) &&
            detail::mul(x.spatial_[i] - 1, p.strides[i], base[i]) && detail::add(base[i], eff, base[i]) &&
            detail::sub(base[i], pads, base[i]))) {
        return without.error();  // invalid parameters overflow here; the plan names them
      }
    } else {
      per_dim<n> probe{};
      probe[i] = 1;
      p.output_padding = probe;
      const auto with_one = try_plan<F>(x, p);
      if (!with_one && !without) return without.error();
      base[i] = with_one ? with_one->output[i] - 1 : without->output[i];
    }
    answer[i] = target[i] - base[i];
  }
  p.output_padding = answer;
  const auto solved = try_plan<F>(x, p);
  for (std::size_t i = 0; i < n; ++i) {
    if (!solved || solved->output[i] != target[i]) {
      error_info e = detail::no_solution("output_padding_for");
      e.message << "no output_padding gives " << target[i] << detail::in_dim{i} << ": output_padding 0 gives "
                << base[i] << ", and output_padding must lie in [0, stride " << p.strides[i] << ")";
      return e;
    }
  }
  return answer;
}

template <framework F = generic, layout L>
CONVSHAPE_HOST_DEVICE constexpr per_dim<spatial_rank(L)> output_padding_for(const shape<L>& x,
                                                      const conv_transpose_params<spatial_rank(L)>& p,
                                                      const per_dim<spatial_rank(L)>& target) {
  return try_output_padding_for<F>(x, p, target).value();
}

/// A padding in framework To that gives the output framework From gives:
/// `layer` is the layer's padding argument, `before` an explicit pad of the
/// input (PyTorch's ZeroPad2d or F.pad, Keras' ZeroPadding2D) that To needs
/// when it cannot put the pads in the layer itself: PyTorch for asymmetric
/// pads, Keras for any pads other than its 'same'. A max pool's `before`
/// must pad with -infinity; an average pool's then counts its pads, so only
/// the shape, not every value, is ported for it.
template <std::size_t N>
struct ported_padding {
  padding<N> layer;
  padding<N> before{};  ///< valid when no separate pad is needed

  friend constexpr bool operator==(const ported_padding&, const ported_padding&) = default;
};

template <framework From, framework To, layout L, class Params>
  requires(!detail::is_transposed<Params>)
CONVSHAPE_HOST_DEVICE constexpr result<ported_padding<spatial_rank(L)>> try_port_padding(const shape<L>& x,
                                                                                         Params p) noexcept {
  constexpr std::size_t n = spatial_rank(L);
  const auto source = try_plan<From>(x, p);
  if (!source) return source.error();
  const padding<n> resolved = source->pads;
  ported_padding<n> ported{resolved};

  bool any_pad = false;
  for (std::size_t i = 0; i < n; ++i) any_pad = any_pad || resolved.begin[i] != 0 || resolved.end[i] != 0;
  if (!any_pad) {
    ported.layer = valid;
  } else {
    const auto same_gives = [&x, &p](const padding<n>& candidate) {
      Params as_same = p;
      as_same.padding = same;
      const auto planned = try_plan<To>(x, as_same);
      return planned && planned->pads == candidate;
    };
    detail::policy_write_pads(To, resolved, same_gives, ported.layer, ported.before);
  }

  // Check: To's layer on the input padded by `before` gives From's output.
  shape<L> padded_input = x;
  if (ported.before.mode == padding_mode::explicit_pads) {
    for (std::size_t i = 0; i < n; ++i)
      padded_input.spatial_[i] += ported.before.begin[i] + ported.before.end[i];  // pads < 2^63 - input, from a plan
  }
  p.padding = ported.layer;
  const auto target = try_plan<To>(padded_input, p);
  if (!target) return target.error();
  if (target->output != source->output) {
    error_info e = detail::no_solution("port_padding");
    e.message << name(To) << " gives other extents than " << name(From) << " for these pads";
    return e;
  }
  return ported;
}

template <framework From, framework To, layout L, class Params>
CONVSHAPE_HOST_DEVICE constexpr ported_padding<spatial_rank(L)> port_padding(const shape<L>& x, const Params& p) {
  return try_port_padding<From, To>(x, p).value();
}

}  // namespace convshape
