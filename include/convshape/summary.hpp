// convshape: a model summary with {fmt}, like Keras' model.summary() or
// torchinfo: one row per layer and the totals. Link fmt::fmt.
//
//   fmt::print("{}", convshape::summary(net));
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include <fmt/format.h>

#include "fmt.hpp"
#include "network.hpp"

namespace convshape {

namespace detail {

/// 138357544 -> "138,357,544", without a locale.
inline std::string grouped(std::int64_t v) {
  std::string digits = fmt::format("{}", v);
  const std::size_t first = digits[0] == '-' ? 1 : 0;
  for (std::size_t i = digits.size(); i > first + 3; i -= 3) digits.insert(i - 3, ",");
  return digits;
}

template <layout L>
std::string output_text(const layer_record<L>& r) {
  return r.flat ? fmt::format("({}, {})", r.output.batch(), r.output.channels()) : fmt::format("{}", r.output);
}

template <std::size_t N>
std::string field_text(const receptive_field<N>& rf) {
  // The size and the jump with one number where every dimension agrees.
  const auto compact = [](const per_dim<N>& v) {
    for (std::size_t i = 1; i < N; ++i)
      if (v[i] != v[0]) return fmt::format("{}", v);
    return fmt::format("{}", v[0]);
  };
  if (!rf.defined) return "-";
  return fmt::format("{} /{} @{}", compact(rf.size), compact(rf.jump), compact(rf.start));
}

}  // namespace detail

/// The summary as text: index, name, kind, output shape, parameters,
/// multiply-accumulates and receptive field (size /jump @start, in input
/// elements; "-" where it is not one window for every element), then totals.
template <layout L, std::size_t Capacity, framework F>
std::string summary(const network<L, Capacity, F>& net) {
  std::string text =
      fmt::format("{:>3}  {:<14} {:<15} {:<24} {:>13} {:>16}  {}\n", "#", "layer", "kind", "output", "params", "MACs",
                  "receptive field (size /jump @start)");
  for (std::size_t i = 0; i < net.size(); ++i) {
    const auto& r = net[i];
    text += fmt::format("{:>3}  {:<14} {:<15} {:<24} {:>13} {:>16}  {}\n", i, r.name.c_str(),
                        name(r.kind), detail::output_text(r), detail::grouped(r.params), detail::grouped(r.macs),
                        detail::field_text(r.receptive_field));
  }
  text += fmt::format("{} layers ({}, {}): {} parameters, {} MACs\n", net.size() - 1, name(L), name(F),
                      detail::grouped(net.params()), detail::grouped(net.macs()));
  text += fmt::format("activation elements: peak {}, largest tensor {}, all outputs {}\n",
                      detail::grouped(net.peak_activation()), detail::grouped(net.largest_activation()),
                      detail::grouped(net.total_activation()));
  return text;
}

}  // namespace convshape
