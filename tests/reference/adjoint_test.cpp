// Transposed convolution is the adjoint of convolution: for random x, w and y,
//   <conv(x, w), y> == <x, conv_transpose(y, w)>
// in double precision to 1e-10, when the transposed layer uses the pads the
// convolution resolved to and the output_padding that restores x's extent.
// Checked over the sweep's convolution configurations that are valid both
// ways, with and without groups, in 1-D to 3-D and both layouts. The filter
// data is shared: OIHW for the convolution is IOHW for its transpose.
#include <catch2/catch.hpp>

#include <convshape/convshape.hpp>
#include <convshape/reference.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <random>
#include <span>

#include "configurations.hpp"

namespace cs = convshape;
namespace ref = convshape::reference;

namespace {

constexpr double tolerance = 1e-10;

struct channels {
  std::int64_t in, out, groups;
};
constexpr channels channel_setups[] = {{2, 4, 1}, {2, 4, 2}};

struct tally {
  std::int64_t checked = 0, invalid = 0;
  double largest_difference = 0;
};

template <class T>
double dot(const T& a, const T& b) {
  const auto x = a.data();
  const auto y = b.data();
  double sum = 0;
  for (std::size_t i = 0; i < x.size(); ++i) sum += x[i] * y[i];
  return sum;
}

template <class Span>
void randomize(Span values, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> uniform(-1.0, 1.0);
  for (double& v : values) v = uniform(rng);
}

template <cs::layout L>
void check_adjoint(tally& t, std::mt19937_64& rng, const cs::per_dim<cs::spatial_rank(L)>& extents, channels ch,
                   const cs::conv_params<cs::spatial_rank(L)>& p) {
  constexpr std::size_t n = cs::spatial_rank(L);
  ref::tensor<double, L> x(cs::make_shape<L>(2, ch.in, extents));
  ref::filter<double, n> w(ref::filter_layout::oihw, ch.out, ch.in / ch.groups, p.kernel);
  randomize(x.data(), rng);
  randomize(w.data(), rng);

  std::optional<ref::tensor<double, L>> conv_x;
  try {
    conv_x = ref::conv(x, w, {}, p);
  } catch (const ref::rejected&) {
    ++t.invalid;
    return;
  }
  // The kernel accepted it, so the formula must too (the sweep checks the shape).
  const cs::layer_plan<n> plan = cs::try_plan(x.dims(), p).value();

  cs::conv_transpose_params<n> q{
      .filters = ch.in, .kernel = p.kernel, .strides = p.strides, .padding = plan.pads, .dilation = p.dilation,
      .groups = ch.groups};
  for (std::size_t d = 0; d < n; ++d) {
    // The transposed extent before output padding is (o - 1) s + eff - pb - pe.
    const std::int64_t eff = p.dilation[d] * (p.kernel[d] - 1) + 1;
    q.output_padding[d] = extents[d] + plan.pads.begin[d] + plan.pads.end[d] - eff - (plan.output[d] - 1) * p.strides[d];
  }
  if (!cs::try_conv_transpose(conv_x->dims(), q)) {
    ++t.invalid;
    return;
  }

  ref::tensor<double, L> y(conv_x->dims());
  randomize(y.data(), rng);
  ref::filter<double, n> w_transposed(ref::filter_layout::iohw, ch.out, ch.in / ch.groups, p.kernel);
  std::ranges::copy(w.data(), w_transposed.data().begin());
  const ref::tensor<double, L> transposed_y = ref::conv_transpose(y, w_transposed, {}, q);

  INFO(sweep::describe("conv", extents, p) << " with " << ch.in << " channels; transposed: " << fmt::format("{}", q));
  REQUIRE(transposed_y.dims() == x.dims());
  const double difference = std::abs(dot(*conv_x, y) - dot(x, transposed_y));
  CHECK(difference <= tolerance);
  t.largest_difference = std::max(t.largest_difference, difference);
  ++t.checked;
}

template <cs::layout L>
void sweep_1d(tally& t, std::mt19937_64& rng) {
  using sweep::ranges_1d;
  for (std::int64_t in : ranges_1d::input)
    for (std::int64_t k : ranges_1d::kernel)
      for (std::int64_t s : ranges_1d::stride)
        for (std::int64_t d : ranges_1d::dilation)
          for (const auto& pad : sweep::paddings_1d())
            for (const channels& ch : channel_setups)
              if (k >= 1 && s >= 1 && d >= 1)  // the rest is rejected; the sweep covers that
                check_adjoint<L>(t, rng, in, ch,
                                 {.filters = ch.out, .kernel = k, .strides = s, .padding = pad, .dilation = d,
                                  .groups = ch.groups});
}

template <cs::layout L>
void sweep_multi_d(tally& t, std::mt19937_64& rng) {
  constexpr std::size_t n = cs::spatial_rank(L);
  for (const auto& in : sweep::extents<n>())
    for (const auto& k : sweep::kernels<n>())
      for (const auto& s : sweep::strides<n>())
        for (const auto& pad : sweep::paddings<n>())
          for (const channels& ch : channel_setups)
            check_adjoint<L>(t, rng, in, ch,
                             {.filters = ch.out, .kernel = k, .strides = s, .padding = pad, .dilation = s,
                              .groups = ch.groups});
}

void report(const char* what, const tally& t) {
  CHECK(t.checked > 0);
  std::printf("adjoint %s: %lld configurations checked (%lld invalid skipped), largest |difference| %.3g\n", what,
              static_cast<long long>(t.checked), static_cast<long long>(t.invalid), t.largest_difference);
}

}  // namespace

TEST_CASE("adjoint: 1-D transposed convolution is the adjoint of convolution", "[adjoint][reference]") {
  std::mt19937_64 rng(2016);
  tally t;
  sweep_1d<cs::layout::ncw>(t, rng);
  sweep_1d<cs::layout::nwc>(t, rng);
  report("1-D", t);
}

TEST_CASE("adjoint: 2-D and 3-D transposed convolution is the adjoint of convolution", "[adjoint][reference]") {
  std::mt19937_64 rng(1603);
  tally t;
  sweep_multi_d<cs::layout::nchw>(t, rng);
  sweep_multi_d<cs::layout::nhwc>(t, rng);
  sweep_multi_d<cs::layout::ncdhw>(t, rng);
  sweep_multi_d<cs::layout::ndhwc>(t, rng);
  report("2-D and 3-D", t);
}
