// Internal to the reader: the checks that need the whole graph, on the plain
// structures.
#pragma once

#include "../graph.hpp"

namespace convshape::cli::onnx::detail {

/// Refuses an empty graph, a name defined twice (node outputs, graph inputs,
/// initializers), a node input or graph output that nothing defines, and a
/// cycle (naming the nodes on it); puts the nodes in a topological order,
/// the file's own where it is one; fills the model's lookups.
void check_and_order(model& m);

}  // namespace convshape::cli::onnx::detail
