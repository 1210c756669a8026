// The whole-graph checks and the topological order (detail/order.hpp).
#include "detail/order.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <queue>
#include <set>
#include <utility>
#include <vector>

namespace convshape::cli::onnx::detail {

namespace {

constexpr std::size_t no_node = static_cast<std::size_t>(-1);

/// Every name the graph defines: graph inputs and initializers (no_node),
/// node outputs (their node's index).
using definitions = std::map<std::string, std::size_t, std::less<>>;

definitions define_all(const model& m) {
  definitions defined;
  std::set<std::string, std::less<>> inputs;
  for (const value_info& v : m.inputs) {
    defined.emplace(v.name, no_node);
    inputs.insert(v.name);
  }
  for (const stored_tensor& t : m.initializers) defined.emplace(t.name, no_node);
  for (std::size_t i = 0; i < m.nodes.size(); ++i) {
    const node& n = m.nodes[i];
    for (const std::string& output : n.outputs) {
      if (output.empty()) continue;  // an optional output left out
      const auto [it, added] = defined.emplace(output, i);
      if (added) continue;
      const std::string earlier = it->second != no_node ? "the output of " + m.nodes[it->second].describe()
                                  : inputs.contains(output) ? std::string("a graph input")
                                                            : std::string("an initializer");
      n.fail("output " + quote_name(output) + " is already " + earlier);
    }
  }
  return defined;
}

std::string undefined_message(const std::string& name) {
  return quote_name(name) + " is not a graph input, an initializer or any node's output";
}

/// A cycle among the nodes that Kahn's algorithm could not place: each of
/// them has an unplaced producer, so walking from producer to producer must
/// come back to a node already seen.
[[noreturn]] void report_cycle(const model& m, const std::vector<std::vector<std::size_t>>& producers,
                               const std::vector<bool>& placed) {
  std::size_t at = 0;
  while (placed[at]) ++at;
  std::map<std::size_t, std::size_t> step_of;  // node -> when the walk met it
  std::vector<std::size_t> walk;
  while (!step_of.contains(at)) {
    step_of.emplace(at, walk.size());
    walk.push_back(at);
    for (const std::size_t p : producers[at])
      if (!placed[p]) {
        at = p;
        break;
      }
  }
  // walk[step_of[at]..] runs against the data flow; the message follows it.
  std::vector<std::size_t> cycle(walk.begin() + static_cast<std::ptrdiff_t>(step_of[at]), walk.end());
  std::reverse(cycle.begin(), cycle.end());
  constexpr std::size_t shown = 6;
  std::string text;
  for (std::size_t i = 0; i < cycle.size() && i < shown; ++i) text += m.nodes[cycle[i]].describe() + " -> ";
  text += cycle.size() > shown ? "... (" + std::to_string(cycle.size()) + " nodes)" : m.nodes[cycle[0]].describe();
  throw bad_model("the nodes cannot be put in an order: they form a cycle: " + text);
}

}  // namespace

void check_and_order(model& m) {
  if (m.nodes.empty()) throw bad_model("the graph has no nodes");
  const definitions defined = define_all(m);

  // Each node's distinct producers, and the reverse.
  const std::size_t count = m.nodes.size();
  std::vector<std::vector<std::size_t>> producers(count), consumers(count);
  for (std::size_t i = 0; i < count; ++i) {
    for (const std::string& input : m.nodes[i].inputs) {
      if (input.empty()) continue;  // an optional input left out
      const auto it = defined.find(input);
      if (it == defined.end()) m.nodes[i].fail("input " + undefined_message(input));
      if (it->second != no_node) producers[i].push_back(it->second);
    }
    std::sort(producers[i].begin(), producers[i].end());
    producers[i].erase(std::unique(producers[i].begin(), producers[i].end()), producers[i].end());
    for (const std::size_t p : producers[i]) consumers[p].push_back(i);
  }
  for (const value_info& output : m.outputs)
    if (!defined.contains(output.name)) throw bad_model("graph output " + undefined_message(output.name));

  // Kahn's algorithm, always taking the earliest ready node of the file: a
  // file already in order keeps it.
  std::vector<std::size_t> waiting(count);
  std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>> ready;
  for (std::size_t i = 0; i < count; ++i)
    if ((waiting[i] = producers[i].size()) == 0) ready.push(i);
  std::vector<std::size_t> order;
  std::vector<bool> placed(count, false);
  while (!ready.empty()) {
    const std::size_t i = ready.top();
    ready.pop();
    order.push_back(i);
    placed[i] = true;
    for (const std::size_t c : consumers[i])
      if (--waiting[c] == 0) ready.push(c);
  }
  if (order.size() != count) report_cycle(m, producers, placed);

  std::vector<node> sorted;
  sorted.reserve(count);
  for (const std::size_t i : order) sorted.push_back(std::move(m.nodes[i]));
  m.nodes = std::move(sorted);
  m.reindex();
}

}  // namespace convshape::cli::onnx::detail
