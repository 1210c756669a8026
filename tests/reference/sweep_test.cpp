// Exhaustive agreement between the constexpr shape formulas and the naive
// reference kernels.
//
// The kernels never call the formulas: they size their outputs by walking
// window positions (conv, pooling) or by scattering and taking the farthest
// index written (transposed conv). So for every configuration in small ranges
// of input extent, kernel, stride, dilation, padding, output_padding, groups
// and ceil_mode, in both layouts, either both give the same output shape or
// both reject the configuration. Zeros are in the ranges, so rejections of
// non-positive parameters are swept too.
#include <catch2/catch.hpp>

#include <convshape/convshape.hpp>
#include <convshape/reference.hpp>

#include <cstdint>
#include <cstdio>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "configurations.hpp"

namespace cs = convshape;
namespace ref = convshape::reference;

namespace {

/// Counts and, for the first few disagreements, what went wrong.
struct tally {
  std::int64_t configurations = 0, same_shape = 0, both_rejected = 0, disagreeing = 0, same_pads = 0;
  std::vector<std::string> first_disagreements;

  template <cs::layout L, class Formula, class Kernel>
  void compare(Formula formula, Kernel kernel, const std::string& what) {
    ++configurations;
    const cs::result<cs::shape<L>> predicted = formula();
    std::optional<cs::shape<L>> computed;
    std::string refusal;
    try {
      computed = kernel().dims();
    } catch (const ref::rejected& e) {
      refusal = e.what();
    }
    if (predicted && computed && *computed == *predicted) {
      ++same_shape;
    } else if (!predicted && !computed) {
      ++both_rejected;
    } else if (++disagreeing <= 10) {
      std::ostringstream out;
      out << what << ": formula ";
      if (predicted) out << "gives " << fmt::format("{}", *predicted); else out << "rejects (" << predicted.error().what() << ")";
      out << ", kernel ";
      if (computed) out << "gives " << fmt::format("{}", *computed); else out << "rejects (" << refusal << ")";
      first_disagreements.push_back(out.str());
    }
  }

  /// 1-D: the pads the formula resolved are those the kernel applied. `axis`
  /// is the kernel's own walk along the axis; it throws if it rejects.
  template <class Axis>
  void compare_pads(const cs::result<cs::layer_plan<1>>& plan, Axis axis, const std::string& what) {
    if (!plan) return;
    ref::axis applied;
    try {
      applied = axis();
    } catch (const ref::rejected&) {
      return;  // compare() has counted the disagreement
    }
    if (plan->pads.begin[0] == applied.pad_begin && plan->pads.end[0] == applied.pad_end) {
      ++same_pads;
    } else if (++disagreeing <= 10) {
      first_disagreements.push_back(fmt::format("{}: formula pads {}, kernel pads {}+{}", what, plan->pads,
                                                applied.pad_begin, applied.pad_end));
    }
  }

  void require_agreement(const char* layer, std::int64_t expected_configurations) const {
    INFO(layer);
    for (const auto& d : first_disagreements) FAIL_CHECK(d);
    CHECK(disagreeing == 0);
    CHECK(configurations == expected_configurations);  // the sweep did not silently shrink
    CHECK(same_shape > 0);
    CHECK(both_rejected > 0);
    std::printf("sweep %s: %lld configurations: %lld same shape, %lld rejected by both; %lld same resolved pads\n",
                layer, static_cast<long long>(configurations), static_cast<long long>(same_shape),
                static_cast<long long>(both_rejected), static_cast<long long>(same_pads));
  }
};

template <cs::layout L>
ref::tensor<float, L> input_of(std::int64_t channels, const cs::per_dim<cs::spatial_rank(L)>& extents) {
  return ref::tensor<float, L>(cs::make_shape<L>(1, channels, extents), 1.0f);
}

// Inner channels per group for the filter; any positive number when the
// groups are invalid, since the kernel rejects those before reading weights.
std::int64_t per_group(std::int64_t channels, std::int64_t groups) {
  return groups >= 1 ? channels / groups : 1;
}

template <cs::layout L>
void sweep_conv_1d(tally& t) {
  using sweep::ranges_1d;
  for (std::int64_t in : ranges_1d::input)
    for (std::int64_t k : ranges_1d::kernel)
      for (std::int64_t s : ranges_1d::stride)
        for (std::int64_t d : ranges_1d::dilation)
          for (const auto& pad : sweep::paddings_1d()) {
            const cs::conv_params<1> p{.filters = 1, .kernel = k, .strides = s, .padding = pad, .dilation = d};
            const auto x = input_of<L>(1, in);
            const std::string what = sweep::describe("conv", in, p);
            t.compare<L>([&] { return cs::try_conv(x.dims(), p); },
                         [&] { return ref::conv(x, ref::filter<float, 1>(ref::filter_layout::oihw, 1, 1, k), {}, p); },
                         what);
            t.compare_pads(
                cs::try_plan(x.dims(), p),
                [&] { return ref::detail::forward_axis("conv", 0, in, k, s, d, pad.mode, pad.begin[0], pad.end[0], true, false, false); },
                what);
          }
}

template <cs::layout L>
void sweep_conv_transpose_1d(tally& t) {
  using sweep::ranges_1d;
  for (std::int64_t in : ranges_1d::input)
    for (std::int64_t k : ranges_1d::kernel)
      for (std::int64_t s : ranges_1d::stride)
        for (std::int64_t d : ranges_1d::dilation)
          for (std::int64_t a : ranges_1d::output_padding)
            for (const auto& pad : sweep::paddings_1d()) {
              const cs::conv_transpose_params<1> p{
                  .filters = 1, .kernel = k, .strides = s, .padding = pad, .output_padding = a, .dilation = d};
              const auto x = input_of<L>(1, in);
              const std::string what = sweep::describe("conv_transpose", in, p);
              t.compare<L>(
                  [&] { return cs::try_conv_transpose(x.dims(), p); },
                  [&] { return ref::conv_transpose(x, ref::filter<float, 1>(ref::filter_layout::iohw, 1, 1, k), {}, p); },
                  what);
              t.compare_pads(
                  cs::try_plan(x.dims(), p),
                  [&] { return ref::detail::transpose_axis("conv_transpose", 0, in, k, s, d, pad.mode, pad.begin[0], pad.end[0], a); },
                  what);
            }
}

template <cs::layout L>
void sweep_pools_1d(tally& max_tally, tally& avg_tally) {
  using sweep::ranges_1d;
  for (std::int64_t in : ranges_1d::input)
    for (std::int64_t k : ranges_1d::kernel)
      for (std::int64_t s : ranges_1d::stride)
        for (const auto& pad : sweep::paddings_1d())
          for (bool ceil : {false, true}) {
            const auto x = input_of<L>(1, in);
            for (std::int64_t d : ranges_1d::dilation) {
              const cs::max_pool_params<1> p{.window = k, .strides = s, .padding = pad, .dilation = d, .ceil_mode = ceil};
              const std::string what = sweep::describe("max_pool", in, p);
              max_tally.compare<L>([&] { return cs::try_max_pool(x.dims(), p); }, [&] { return ref::max_pool(x, p); }, what);
              max_tally.compare_pads(
                  cs::try_plan(x.dims(), p),
                  [&] { return ref::detail::forward_axis("max_pool", 0, in, k, s, d, pad.mode, pad.begin[0], pad.end[0], false, ceil, true); },
                  what);
            }
            const cs::avg_pool_params<1> p{.window = k, .strides = s, .padding = pad, .ceil_mode = ceil};
            avg_tally.compare<L>([&] { return cs::try_avg_pool(x.dims(), p); },
                                 [&] { return ref::avg_pool(x, p, ref::pad_cells::counted); },
                                 sweep::describe("avg_pool", in, p));
          }
}

/// Channels, filters and groups, where the spatial rule plays no part.
template <cs::layout L>
void sweep_groups(tally& t) {
  using sweep::ranges_groups;
  for (std::int64_t c : ranges_groups::channels)
    for (std::int64_t f : ranges_groups::filters)
      for (std::int64_t g : ranges_groups::groups) {
        const auto x = input_of<L>(c, 3);
        const cs::conv_params<1> p{.filters = f, .kernel = 2, .groups = g};
        t.compare<L>([&] { return cs::try_conv(x.dims(), p); },
                     [&] { return ref::conv(x, ref::filter<float, 1>(ref::filter_layout::oihw, f, per_group(c, g), 2), {}, p); },
                     sweep::describe("conv", 3, p) + " channels " + std::to_string(c));
        const cs::conv_transpose_params<1> q{.filters = f, .kernel = 2, .groups = g};
        t.compare<L>(
            [&] { return cs::try_conv_transpose(x.dims(), q); },
            [&] { return ref::conv_transpose(x, ref::filter<float, 1>(ref::filter_layout::iohw, c, per_group(f, g), 2), {}, q); },
            sweep::describe("conv_transpose", 3, q) + " channels " + std::to_string(c));
      }
}

/// 2-D and 3-D: each dimension follows its own parameters, in both layouts.
template <cs::layout L>
void sweep_multi_d(tally& t) {
  constexpr std::size_t n = cs::spatial_rank(L);
  for (const auto& in : sweep::extents<n>())
    for (const auto& k : sweep::kernels<n>())
      for (const auto& s : sweep::strides<n>())
        for (const auto& pad : sweep::paddings<n>()) {
          const auto x = input_of<L>(1, in);
          const cs::conv_params<n> p{.filters = 1, .kernel = k, .strides = s, .padding = pad, .dilation = s};
          t.compare<L>([&] { return cs::try_conv(x.dims(), p); },
                       [&] { return ref::conv(x, ref::filter<float, n>(ref::filter_layout::hwio, 1, 1, k), {}, p); },
                       sweep::describe("conv", in, p));
          const cs::conv_transpose_params<n> q{
              .filters = 1, .kernel = k, .strides = s, .padding = pad, .output_padding = sweep::last_minus_one(s)};
          t.compare<L>(
              [&] { return cs::try_conv_transpose(x.dims(), q); },
              [&] { return ref::conv_transpose(x, ref::filter<float, n>(ref::filter_layout::hwoi, 1, 1, k), {}, q); },
              sweep::describe("conv_transpose", in, q));
          const cs::max_pool_params<n> m{.window = k, .strides = s, .padding = pad, .ceil_mode = true};
          t.compare<L>([&] { return cs::try_max_pool(x.dims(), m); }, [&] { return ref::max_pool(x, m); },
                       sweep::describe("max_pool", in, m));
        }
}

}  // namespace

TEST_CASE("sweep: 1-D convolution, formula and kernel agree", "[sweep][reference]") {
  tally t;
  sweep_conv_1d<cs::layout::ncw>(t);
  sweep_conv_1d<cs::layout::nwc>(t);
  t.require_agreement("conv1d", 2 * sweep::ranges_1d::count * sweep::paddings_1d().size());
}

TEST_CASE("sweep: 1-D transposed convolution, formula and kernel agree", "[sweep][reference]") {
  tally t;
  sweep_conv_transpose_1d<cs::layout::ncw>(t);
  sweep_conv_transpose_1d<cs::layout::nwc>(t);
  t.require_agreement("conv_transpose1d", 2 * sweep::ranges_1d::count * std::size(sweep::ranges_1d::output_padding) *
                                              sweep::paddings_1d().size());
}

TEST_CASE("sweep: 1-D max and average pooling, formula and kernel agree", "[sweep][reference]") {
  tally max_tally, avg_tally;
  sweep_pools_1d<cs::layout::ncw>(max_tally, avg_tally);
  sweep_pools_1d<cs::layout::nwc>(max_tally, avg_tally);
  const std::int64_t without_dilation = 2 * 2 * sweep::ranges_1d::count / std::size(sweep::ranges_1d::dilation) *
                                        sweep::paddings_1d().size();  // layouts, ceil_mode
  max_tally.require_agreement("max_pool1d", without_dilation * std::size(sweep::ranges_1d::dilation));
  avg_tally.require_agreement("avg_pool1d", without_dilation);
}

TEST_CASE("sweep: channels, filters and groups, formula and kernel agree", "[sweep][reference]") {
  tally t;
  sweep_groups<cs::layout::ncw>(t);
  sweep_groups<cs::layout::nwc>(t);
  t.require_agreement("groups", 2 * 2 * sweep::ranges_groups::count);
}

TEST_CASE("sweep: 2-D and 3-D layers in both layouts, formula and kernel agree", "[sweep][reference]") {
  tally t2, t3;
  sweep_multi_d<cs::layout::nchw>(t2);
  sweep_multi_d<cs::layout::nhwc>(t2);
  sweep_multi_d<cs::layout::ncdhw>(t3);
  sweep_multi_d<cs::layout::ndhwc>(t3);
  t2.require_agreement("2-D conv, conv_transpose, max_pool", 2 * 3 * sweep::count_multi_d<2>());
  t3.require_agreement("3-D conv, conv_transpose, max_pool", 2 * 3 * sweep::count_multi_d<3>());
}
