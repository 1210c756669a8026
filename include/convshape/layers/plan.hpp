// convshape: what a layer does to each spatial dimension.
#pragma once

#include <cstddef>
#include <cstdint>

#include "../core/detail/host_device.hpp"
#include "../core/error.hpp"
#include "../core/padding.hpp"
#include "../core/per_dim.hpp"
#include "../core/shape.hpp"
#include "../frameworks/framework.hpp"

namespace convshape {

/// A layer's effect on its input: output channels, output spatial extents,
/// and the explicit pads its padding mode resolved to. `try_plan(x, params)`
/// computes one for every layer type.
template <std::size_t N>
struct layer_plan {
  std::int64_t channels = 0;
  per_dim<N> output{};
  padding<N> pads{};

  friend constexpr bool operator==(const layer_plan&, const layer_plan&) = default;
};

/// The explicit pads that `params`' padding resolves to on input `x`, e.g.
/// 'same' with kernel 4 on a 5-wide input: begin 1, end 2.
template <framework F = framework::generic, layout L, class Params>
CONVSHAPE_HOST_DEVICE constexpr padding<spatial_rank(L)> resolve_padding(const shape<L>& x, const Params& params) {
  return try_plan<F>(x, params).value().pads;  // try_plan is found by argument-dependent lookup
}

namespace detail {

/// Whether plan_into checks its input's extents: a network's records were
/// checked when they were made. A type of this namespace, so that the calls
/// below find each layer's plan_into by argument-dependent lookup.
enum class input_check : bool { needed, done };

// The three ways to ask a layer for its plan. The throwing one builds no
// result: a failing layer raises, so the success path carries no error.

template <framework F, layout L, class Params>
CONVSHAPE_HOST_DEVICE constexpr result<layer_plan<spatial_rank(L)>> try_plan_of(const shape<L>& x,
                                                                              const Params& p) noexcept {
  layer_plan<spatial_rank(L)> plan{};
  error_info error;
  if (plan_into<F>(x, p, plan, error, input_check::needed)) return plan;
  return error;
}

template <framework F, layout L, class Params>
CONVSHAPE_HOST_DEVICE constexpr result<shape<L>> try_output_of(const shape<L>& x, const Params& p) noexcept {
  layer_plan<spatial_rank(L)> plan{};
  error_info error;
  if (plan_into<F>(x, p, plan, error, input_check::needed)) return shape<L>{x.batch_, plan.channels, plan.output};
  return error;
}

template <framework F, layout L, class Params>
CONVSHAPE_HOST_DEVICE constexpr shape<L> output_of(const shape<L>& x, const Params& p) {
  layer_plan<spatial_rank(L)> plan{};
  error_info error;
  if (!plan_into<F>(x, p, plan, error, input_check::needed)) raise(error);
  return {x.batch_, plan.channels, plan.output};
}

}  // namespace detail
}  // namespace convshape
