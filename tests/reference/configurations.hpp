// The configurations the sweep and the adjoint check walk through.
#pragma once

#include <convshape/convshape.hpp>
#include <convshape/fmt.hpp>
#include <fmt/format.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <vector>

namespace sweep {

namespace cs = convshape;

/// 1-D: every combination of these, with every padding of paddings_1d().
/// Zeros are included so that rejections of non-positive values are swept.
struct ranges_1d {
  static constexpr std::int64_t input[] = {1, 2, 3, 4, 5, 6, 7};
  static constexpr std::int64_t kernel[] = {0, 1, 2, 3, 4};
  static constexpr std::int64_t stride[] = {0, 1, 2, 3};
  static constexpr std::int64_t dilation[] = {0, 1, 2, 3};
  static constexpr std::int64_t output_padding[] = {0, 1, 2, 3};
  static constexpr std::int64_t count =  // input x kernel x stride x dilation
      std::size(input) * std::size(kernel) * std::size(stride) * std::size(dilation);
};

struct ranges_groups {
  static constexpr std::int64_t channels[] = {1, 2, 3, 4, 6};
  static constexpr std::int64_t filters[] = {0, 1, 2, 3, 4, 6};
  static constexpr std::int64_t groups[] = {0, 1, 2, 3, 4};
  static constexpr std::int64_t count = std::size(channels) * std::size(filters) * std::size(groups);
};

/// Every mode, and explicit begin/end pads from 0 to 2 each.
inline const std::vector<cs::padding<1>>& paddings_1d() {
  static const std::vector<cs::padding<1>> all = [] {
    std::vector<cs::padding<1>> p{cs::valid, cs::same, cs::same_lower, cs::causal};
    for (std::int64_t b = 0; b <= 2; ++b)
      for (std::int64_t e = 0; e <= 2; ++e) p.push_back(cs::pads({b}, {e}));
    return p;
  }();
  return all;
}

/// 2-D and 3-D: a few per-dimension combinations, dimensions deliberately unlike.
template <std::size_t N>
std::vector<cs::per_dim<N>> extents() {
  if constexpr (N == 2) return {{1, 1}, {1, 5}, {4, 2}, {5, 7}, {8, 3}};
  else return {{1, 2, 3}, {3, 1, 4}, {5, 6, 2}};
}
template <std::size_t N>
std::vector<cs::per_dim<N>> kernels() {
  if constexpr (N == 2) return {{1, 1}, {1, 3}, {2, 2}, {3, 1}, {3, 4}};
  else return {{1, 1, 1}, {2, 1, 3}, {3, 2, 1}};
}
template <std::size_t N>
std::vector<cs::per_dim<N>> strides() {
  if constexpr (N == 2) return {{1, 1}, {1, 2}, {2, 1}, {3, 2}};
  else return {{1, 1, 1}, {2, 1, 3}, {1, 2, 2}};
}
template <std::size_t N>
std::vector<cs::padding<N>> paddings() {
  if constexpr (N == 2)
    return {cs::valid, cs::same, cs::same_lower, cs::padding<2>{1}, cs::pads({0, 2}, {1, 0}), cs::pads({2, 1}, {0, 2})};
  else
    return {cs::valid, cs::same, cs::same_lower, cs::pads({1, 0, 2}, {0, 1, 1})};
}
template <std::size_t N>
std::int64_t count_multi_d() {
  return static_cast<std::int64_t>(extents<N>().size() * kernels<N>().size() * strides<N>().size() *
                                   paddings<N>().size());
}

/// stride - 1 in the innermost dimension, 0 elsewhere: the largest
/// output_padding a stride allows, in one dimension only.
template <std::size_t N>
cs::per_dim<N> last_minus_one(const cs::per_dim<N>& strides) {
  cs::per_dim<N> a{};
  a[N - 1] = strides[N - 1] - 1;
  return a;
}

/// "conv on input (5): conv(filters=1, kernel=(3), ...)", for failure messages.
template <class Extents, class Params>
std::string describe(const char* op, const Extents& input, const Params& p) {
  return fmt::format("{} on input {}: {}", op, input, p);
}

}  // namespace sweep
