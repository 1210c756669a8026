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

template <layout L>
CONVSHAPE_HOST_DEVICE constexpr result<shape<L>> output_shape(const shape<L>& x,
                                        const result<layer_plan<spatial_rank(L)>>& plan) noexcept {
  if (!plan) return plan.error();
  return shape<L>{x.batch_, plan->channels, plan->output};
}

}  // namespace detail
}  // namespace convshape
