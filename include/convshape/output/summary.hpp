// convshape: a model summary with {fmt}, like Keras' model.summary() or
// torchinfo: one row per layer and the totals. Link fmt::fmt.
//
//   fmt::print("{}", convshape::summary(net));
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

#include <fmt/format.h>

#include "../network/network.hpp"
#include "fmt.hpp"

namespace convshape {

namespace detail {

/// 138357544 -> "138,357,544", without a locale. Written right to left into
/// a buffer: g++ 12 at -O3 warns (-Wrestrict) on std::string::insert.
inline std::string grouped(std::int64_t v) {
  char text[32];  // 19 digits, 6 commas and a sign
  char* const end = text + sizeof text;
  char* first = end;
  // The magnitude as unsigned, where -INT64_MIN exists.
  std::uint64_t rest = v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
  int digits = 0;
  do {
    if (digits > 0 && digits % 3 == 0) *--first = ',';
    *--first = static_cast<char>('0' + rest % 10);
    rest /= 10;
    ++digits;
  } while (rest != 0);
  if (v < 0) *--first = '-';
  return std::string(first, end);
}

template <layout L>
std::string output_text(const layer_record<L>& r) {
  return r.flat ? fmt::format("({}, {})", r.output.batch(), r.output.channels()) : fmt::format("{}", r.output);
}

template <std::size_t N>
std::string field_text(const receptive_field<N>& rf) {
  // The size and the jump with one number where every dimension agrees.
  const auto compact = [](const per_dim<N>& entries) {
    for (std::size_t axis = 1; axis < N; ++axis)
      if (entries[axis] != entries[0]) return fmt::format("{}", entries);
    return fmt::format("{}", entries[0]);
  };
  if (!rf.defined) return "-";
  return fmt::format("{} /{} @{}", compact(rf.size), compact(rf.jump), compact(rf.start));
}

}  // namespace detail

/// The summary as text: index, name, kind, output shape, parameters,
/// multiply-accumulates and receptive field (size /jump @start, in input
/// elements; "-" where it is not one window for every element), then totals.
/// The name and output columns widen to their longest entry (an imported
/// model's names are tensor paths), so that the columns stay aligned.
template <layout L, std::size_t Capacity, framework F>
std::string summary(const network<L, Capacity, F>& net) {
  std::size_t name_width = 14, output_width = 24;
  for (const auto& r : net) {
    name_width = std::max(name_width, r.name.length);
    output_width = std::max(output_width, detail::output_text(r).size());
  }
  constexpr const char* row = "{:>3}  {:<{}} {:<15} {:<{}} {:>13} {:>16}  {}\n";
  std::string text = fmt::format(row, "#", "layer", name_width, "kind", "output", output_width, "params", "MACs",
                                 "receptive field (size /jump @start)");
  for (std::size_t i = 0; i < net.size(); ++i) {
    const auto& r = net[i];
    text += fmt::format(row, i, r.name.c_str(), name_width, name(r.kind), detail::output_text(r), output_width,
                        detail::grouped(r.params), detail::grouped(r.macs), detail::field_text(r.receptive_field));
  }
  text += fmt::format("{} layers ({}, {}): {} parameters, {} MACs\n", net.size() - 1, name(L), name(F),
                      detail::grouped(net.params()), detail::grouped(net.macs()));
  text += fmt::format("activation elements: peak {}, largest tensor {}, all outputs {}\n",
                      detail::grouped(net.peak_activation()), detail::grouped(net.largest_activation()),
                      detail::grouped(net.total_activation()));
  return text;
}

}  // namespace convshape
