// Receptive fields against brute force: for random 1-D networks, the input
// positions an output element reaches by walking every window of every layer
// back to the input must span exactly what the network's receptive_field
// (size, jump, start) says. As in the Distill article, a window position in
// padding counts as a position, so every element, edges included, is checked.
#include <algorithm>
#include <cstdint>
#include <vector>

#include <catch2/catch.hpp>
#include <convshape/convshape.hpp>

namespace cs = convshape;

namespace {

struct span {
  std::int64_t lo = INT64_MAX, hi = INT64_MIN;
  void join(const span& o) {
    lo = std::min(lo, o.lo);
    hi = std::max(hi, o.hi);
  }
};

/// One windowed layer as the brute force sees it.
struct step {
  std::int64_t kernel, stride, dilation, pad_begin;
};

/// The input positions that element `o` after `steps[0, count)` reaches.
span depends(const std::vector<step>& steps, std::size_t count, std::int64_t o) {
  if (count == 0) return {o, o};
  const step& s = steps[count - 1];
  span all;
  for (std::int64_t j = 0; j < s.kernel; ++j) all.join(depends(steps, count - 1, o * s.stride - s.pad_begin + j * s.dilation));
  return all;
}

struct lcg {
  std::uint64_t state;
  std::int64_t below(std::int64_t n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::int64_t>((state >> 33) % static_cast<std::uint64_t>(n));
  }
};

/// Applies a random windowed layer to `x`, recording its step.
cs::tensor<cs::layout::ncw> random_layer(cs::network<cs::layout::ncw, 16>& net, cs::tensor<cs::layout::ncw> x,
                                         std::vector<step>& steps, lcg& rng) {
  const std::int64_t k = 1 + rng.below(4), s = 1 + rng.below(3), d = 1 + rng.below(2);
  const cs::padding<1> pad = rng.below(3) == 0 ? cs::padding<1>(cs::same) : cs::padding<1>(rng.below(k));
  const auto choice = rng.below(3);
  const auto l = choice == 0   ? cs::conv1d({.filters = 1, .kernel = k, .strides = s, .padding = pad, .dilation = d})
                 : choice == 1 ? cs::max_pool1d({.window = k, .strides = s, .padding = pad, .dilation = d})
                               : cs::avg_pool1d({.window = k, .strides = s, .padding = pad});
  const auto y = net.try_apply(x, l);
  if (!y) return x;  // an invalid draw: skip the layer
  const auto& plan = choice == 0   ? cs::try_plan(x.shape, l.conv)
                     : choice == 1 ? cs::try_plan(x.shape, l.max_pool)
                                   : cs::try_plan(x.shape, l.avg_pool);
  steps.push_back({k, s, choice == 2 ? 1 : d, plan->pads.begin[0]});
  return *y;
}

/// Checks the recorded field of `t` against the positions each element
/// reaches; the count of elements checked.
int check_field(const cs::network<cs::layout::ncw, 16>& net, const cs::tensor<cs::layout::ncw>& t,
                const std::vector<std::vector<step>>& branches) {
  const auto& rf = net[t.index].receptive_field;
  REQUIRE(rf.defined);
  int checked = 0;
  for (std::int64_t o = 0; o < t.shape.length(); ++o) {
    span all;
    for (const auto& steps : branches) all.join(depends(steps, steps.size(), o));
    INFO("element " << o);
    CHECK(all.lo == rf.start[0] + o * rf.jump[0]);
    CHECK(all.hi - all.lo + 1 == rf.size[0]);
    ++checked;
  }
  return checked;
}

}  // namespace

TEST_CASE("receptive fields of random chains match the brute-force dependencies", "[receptive_field]") {
  lcg rng{42};
  int elements = 0, networks = 0;
  for (int n = 0; n < 3000; ++n) {
    cs::network<cs::layout::ncw, 16> net(cs::ncw(1, 1, 40 + rng.below(80)));
    std::vector<step> steps;
    auto x = net.input();
    const auto depth = 1 + rng.below(5);
    for (int i = 0; i < depth; ++i) x = random_layer(net, x, steps, rng);
    const int checked = check_field(net, x, {steps});
    elements += checked;
    networks += checked > 0;
  }
  CHECK(networks > 2500);
  CHECK(elements > 40000);
}

TEST_CASE("receptive fields through add and center_crop: the union of the branches", "[receptive_field]") {
  lcg rng{7};
  int elements = 0, networks = 0;
  for (int n = 0; n < 6000; ++n) {
    cs::network<cs::layout::ncw, 16> net(cs::ncw(1, 1, 60 + rng.below(60)));
    std::vector<step> a, b;
    auto x = net.input(), y = net.input();
    for (auto i = rng.below(4); i >= 0; --i) x = random_layer(net, x, a, rng);
    for (auto i = rng.below(4); i >= 0; --i) y = random_layer(net, y, b, rng);
    if (x.shape.length() < y.shape.length()) continue;
    // Crop the longer branch to the shorter; the crop is a window of 1 at an offset.
    const std::int64_t offset = cs::center_crop_offset(x.shape.length(), y.shape.length());
    x = net.center_crop(x, y.shape.spatial());
    a.push_back({1, 1, 1, -offset});
    if (net[x.index].receptive_field.jump != net[y.index].receptive_field.jump) {
      CHECK_FALSE(net[net.add(x, y).index].receptive_field.defined);  // misaligned: no single field
      continue;
    }
    const int checked = check_field(net, net.add(x, y), {a, b});
    elements += checked;
    networks += checked > 0;
  }
  CHECK(networks > 400);  // the rest draw branches of different jumps
  CHECK(elements > 10000);
}
