// NodeProto to node: inputs, outputs and attributes by kind. Subgraphs,
// sparse tensors, type protos and lists of tensors are refused, never
// followed.
#include "detail/proto.hpp"

#include <utility>

namespace convshape::cli::onnx::detail {

namespace {

using proto_attribute = ::onnx::AttributeProto;

/// Files from ONNX's first IR version may leave an attribute's type unset:
/// it is then the one field that holds a value.
proto_attribute::AttributeType type_of(const proto_attribute& a) {
  if (a.type() != proto_attribute::UNDEFINED) return a.type();
  std::vector<proto_attribute::AttributeType> set;
  if (a.has_f()) set.push_back(proto_attribute::FLOAT);
  if (a.has_i()) set.push_back(proto_attribute::INT);
  if (a.has_s()) set.push_back(proto_attribute::STRING);
  if (a.has_t()) set.push_back(proto_attribute::TENSOR);
  if (a.floats_size() > 0) set.push_back(proto_attribute::FLOATS);
  if (a.ints_size() > 0) set.push_back(proto_attribute::INTS);
  if (a.strings_size() > 0) set.push_back(proto_attribute::STRINGS);
  if (a.tensors_size() > 0) set.push_back(proto_attribute::TENSORS);
  if (a.has_sparse_tensor()) set.push_back(proto_attribute::SPARSE_TENSOR);
  return set.size() == 1 ? set[0] : proto_attribute::UNDEFINED;
}

attribute_value read_attribute(const node& n, const proto_attribute& a, budget& budget) {
  const std::string what = "attribute " + quote_name(a.name());
  // Checked whatever the type says: a graph is never followed.
  if (a.has_g() || a.graphs_size() > 0 || a.type() == proto_attribute::GRAPH || a.type() == proto_attribute::GRAPHS)
    n.fail(what + " holds a graph: subgraphs are not supported");
  if (a.has_ref_attr_name())
    n.fail(what + " refers to attribute " + quote_name(a.ref_attr_name()) +
           " of a function: only a function's body may, and functions are not supported");
  switch (type_of(a)) {
    case proto_attribute::FLOAT: return double{a.f()};
    case proto_attribute::INT: return std::int64_t{a.i()};
    case proto_attribute::STRING: return a.s();
    case proto_attribute::TENSOR: return read_tensor(a.t(), n.describe() + ": " + what, budget);
    case proto_attribute::FLOATS:
      budget.attribute_entries(static_cast<std::size_t>(a.floats_size()));
      return std::vector<double>(a.floats().begin(), a.floats().end());
    case proto_attribute::INTS:
      budget.attribute_entries(static_cast<std::size_t>(a.ints_size()));
      return std::vector<std::int64_t>(a.ints().begin(), a.ints().end());
    case proto_attribute::STRINGS:
      budget.attribute_entries(static_cast<std::size_t>(a.strings_size()));
      return std::vector<std::string>(a.strings().begin(), a.strings().end());
    case proto_attribute::TENSORS: n.fail(what + " is a list of tensors: not supported");
    case proto_attribute::SPARSE_TENSOR:
    case proto_attribute::SPARSE_TENSORS: n.fail(what + " is a sparse tensor: sparse tensors are not supported");
    case proto_attribute::TYPE_PROTO:
    case proto_attribute::TYPE_PROTOS: n.fail(what + " is a type: type attributes are not supported");
    case proto_attribute::UNDEFINED:
      n.fail(what + " has no type, and not exactly one of its fields holds a value");
    default: break;
  }
  n.fail(what + " has type " + std::to_string(static_cast<int>(a.type())) + ", which ONNX does not define");
}

}  // namespace

node read_node(const ::onnx::NodeProto& p, std::size_t position, budget& budget) {
  node n;
  n.name = p.name();
  n.op_type = p.op_type();
  n.position = position;
  if (n.op_type.empty()) n.fail("the node has no op_type");
  budget.names(static_cast<std::size_t>(p.input_size()) + static_cast<std::size_t>(p.output_size()));
  n.inputs.assign(p.input().begin(), p.input().end());
  n.outputs.assign(p.output().begin(), p.output().end());
  budget.attribute_entries(static_cast<std::size_t>(p.attribute_size()));
  for (const proto_attribute& a : p.attribute()) {
    if (a.name().empty()) n.fail("an attribute has no name");
    attribute_value value = read_attribute(n, a, budget);
    if (!n.attributes.emplace(a.name(), std::move(value)).second)
      n.fail("attribute " + quote_name(a.name()) + " is given twice");
  }
  return n;
}

}  // namespace convshape::cli::onnx::detail
