// read_model and parse_model: the file, the ModelProto (parsed by ONNX's own
// protobuf classes), the default domain's opset, and the graph's parts in
// the plain structures; then the whole-graph checks of detail/order.hpp.
#include <cerrno>
#include <climits>
#include <cstring>
#include <fstream>
#include <set>
#include <system_error>
#include <utility>

#include "detail/order.hpp"
#include "detail/proto.hpp"

namespace convshape::cli::onnx {

namespace detail {

namespace {

[[noreturn]] void over(const char* what, std::size_t count, std::size_t limit) {
  throw bad_model("the model has " + std::to_string(count) + " " + what + ", more than the limit of " +
                  std::to_string(limit));
}

}  // namespace

void budget::names(std::size_t count) {
  names_ += count;
  if (names_ > limit_.max_names) over("names (node inputs and outputs, graph inputs, outputs and initializers)",
                                      names_, limit_.max_names);
}

void budget::attribute_entries(std::size_t count) {
  entries_ += count;
  if (entries_ > limit_.max_attribute_entries)
    over("entries in attribute lists", entries_, limit_.max_attribute_entries);
}

void budget::rank(std::size_t rank, const std::string& what) {
  if (rank > limit_.max_rank)
    throw bad_model(what + " has rank " + std::to_string(rank) + ", more than the limit of " +
                    std::to_string(limit_.max_rank));
}

bool budget::keep_values(std::int64_t count) {
  if (count > limit_.max_kept_values) return false;
  kept_ += count;
  if (kept_ > limit_.max_kept_total)
    over("values in small stored tensors", static_cast<std::size_t>(kept_), static_cast<std::size_t>(limit_.max_kept_total));
  return true;
}

value_info read_value_info(const ::onnx::ValueInfoProto& p, const char* role, budget& budget) {
  const std::string what = std::string(role) + " " + quote_name(p.name());
  value_info v;
  v.name = p.name();
  if (v.name.empty()) throw bad_model(std::string("a ") + role + " has no name");
  if (!p.has_type()) return v;  // neither type nor shape known
  const ::onnx::TypeProto& type = p.type();
  switch (type.value_case()) {
    case ::onnx::TypeProto::kTensorType: break;
    case ::onnx::TypeProto::VALUE_NOT_SET: return v;
    case ::onnx::TypeProto::kSequenceType: throw bad_model(what + " is a sequence, not a tensor: not supported");
    case ::onnx::TypeProto::kMapType: throw bad_model(what + " is a map, not a tensor: not supported");
    case ::onnx::TypeProto::kOptionalType: throw bad_model(what + " is an optional, not a tensor: not supported");
    default: throw bad_model(what + " is not a dense tensor: not supported");
  }
  const ::onnx::TypeProto_Tensor& tensor_type = type.tensor_type();
  v.type = static_cast<data_type>(tensor_type.elem_type());
  if (!tensor_type.has_shape()) return v;
  budget.rank(static_cast<std::size_t>(tensor_type.shape().dim_size()), what);
  std::vector<dim>& dims = v.shape.emplace();
  std::int64_t known_product = 1;
  for (const ::onnx::TensorShapeProto_Dimension& d : tensor_type.shape().dim()) {
    dim& out = dims.emplace_back();
    if (d.has_dim_param()) out.param = d.dim_param();
    if (!d.has_dim_value() || d.dim_value() == -1) continue;  // unknown; -1 as some converters write it
    if (d.dim_value() < 0)
      throw bad_model(what + ": dimension " + std::to_string(dims.size() - 1) + " is " +
                      std::to_string(d.dim_value()) + ": dims must not be negative");
    out.value = d.dim_value();
    if (__builtin_mul_overflow(known_product, d.dim_value(), &known_product))
      throw bad_model(what + ": its dims have more elements than int64 can count");
  }
  return v;
}

}  // namespace detail

namespace {

using detail::budget;

/// The default domain's opset version, checked.
std::int64_t default_opset(const ::onnx::ModelProto& proto) {
  std::optional<std::int64_t> found;
  for (const ::onnx::OperatorSetIdProto& id : proto.opset_import()) {
    if (!id.domain().empty() && id.domain() != "ai.onnx") continue;
    if (found && *found != id.version())
      throw bad_model("the model imports the default domain twice, as opsets " + std::to_string(*found) + " and " +
                      std::to_string(id.version()));
    found = id.version();
  }
  if (!found) throw bad_model("the model imports no opset of the default ONNX domain ('' or 'ai.onnx')");
  if (*found < min_opset || *found > max_opset)
    throw bad_model("opset " + std::to_string(*found) + " of the default domain is not supported: convshape reads opsets " +
                    std::to_string(min_opset) + " to " + std::to_string(max_opset));
  return *found;
}

void read_graph(const ::onnx::GraphProto& g, model& m, const limits& limit) {
  budget budget(limit);
  if (g.sparse_initializer_size() > 0)
    throw bad_model("initializer " + quote_name(g.sparse_initializer(0).values().name()) +
                    " is sparse: sparse initializers are not supported");
  if (static_cast<std::size_t>(g.node_size()) > limit.max_nodes)
    throw bad_model("the graph has " + std::to_string(g.node_size()) + " nodes, more than the limit of " +
                    std::to_string(limit.max_nodes));
  budget.names(static_cast<std::size_t>(g.initializer_size()) + static_cast<std::size_t>(g.input_size()) +
               static_cast<std::size_t>(g.output_size()));

  std::set<std::string, std::less<>> initializer_names;
  for (const ::onnx::TensorProto& t : g.initializer()) {
    if (t.name().empty()) throw bad_model("an initializer has no name");
    const std::string what = "initializer " + quote_name(t.name());
    if (!initializer_names.insert(t.name()).second) throw bad_model(what + " is given twice");
    m.initializers.push_back(detail::read_tensor(t, what, budget));
  }
  // Before IR version 4, every initializer was also listed as a graph input;
  // those are weights, not inputs.
  std::set<std::string, std::less<>> input_names;
  for (const ::onnx::ValueInfoProto& v : g.input()) {
    if (initializer_names.contains(v.name())) continue;
    if (!input_names.insert(v.name()).second) throw bad_model("graph input " + quote_name(v.name()) + " is listed twice");
    m.inputs.push_back(detail::read_value_info(v, "graph input", budget));
  }
  for (const ::onnx::ValueInfoProto& v : g.output()) m.outputs.push_back(detail::read_value_info(v, "graph output", budget));

  for (const ::onnx::NodeProto& p : g.node()) {
    node n = detail::read_node(p, m.nodes.size(), budget);
    if (!p.domain().empty() && p.domain() != "ai.onnx")
      n.fail("domain " + quote_name(p.domain()) + " is not supported: only the default ONNX domain ('' or 'ai.onnx') is");
    m.nodes.push_back(std::move(n));
  }
}

}  // namespace

model parse_model(std::string_view bytes, const limits& limit) {
  if (bytes.size() > limit.max_file_bytes || bytes.size() > static_cast<std::size_t>(INT_MAX))
    throw bad_model("the file has " + std::to_string(bytes.size()) + " bytes, more than the limit of " +
                    std::to_string(limit.max_file_bytes));
  if (bytes.empty()) throw bad_model("the file is empty: not an ONNX model");
  detail::check_field_count(bytes, limit.max_fields);
  ::onnx::ModelProto proto;
  // Protobuf refuses nesting deeper than 100 messages, so a hostile file
  // cannot exhaust the stack here.
  if (!proto.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
    throw bad_model("not an ONNX model: its bytes are not a protobuf ModelProto (truncated, damaged, or another format)");
  if (!proto.has_graph())
    throw bad_model(proto.ir_version() == 0 ? "not an ONNX model: it has neither an ir_version nor a graph"
                                            : "the model has no graph");
  if (proto.ir_version() <= 0) throw bad_model("the model has no valid ir_version (" + std::to_string(proto.ir_version()) + ")");

  model m;
  m.ir_version = proto.ir_version();
  m.opset = default_opset(proto);
  m.producer_name = proto.producer_name();
  m.producer_version = proto.producer_version();
  m.graph_name = proto.graph().name();
  read_graph(proto.graph(), m, limit);
  detail::check_and_order(m);
  return m;
}

model read_model(const std::filesystem::path& path, const limits& limit) {
  const std::string shown = path.string();
  std::error_code ec;
  const std::filesystem::file_status status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status))
    throw bad_model(shown + ": cannot read the file: " + (ec ? ec.message() : "No such file or directory"));
  if (!std::filesystem::is_regular_file(status)) throw bad_model(shown + ": cannot read the file: not a regular file");
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec) throw bad_model(shown + ": cannot read the file: " + ec.message());
  if (size > limit.max_file_bytes)
    throw bad_model(shown + ": the file has " + std::to_string(size) + " bytes, more than the limit of " +
                    std::to_string(limit.max_file_bytes));

  std::ifstream file(path, std::ios::binary);
  if (!file) throw bad_model(shown + ": cannot read the file: " + std::strerror(errno));
  std::string bytes(static_cast<std::size_t>(size), '\0');
  file.read(bytes.data(), static_cast<std::streamsize>(size));
  if (static_cast<std::uintmax_t>(file.gcount()) != size)
    throw bad_model(shown + ": cannot read the file: it ended after " + std::to_string(file.gcount()) + " of " +
                    std::to_string(size) + " bytes");
  try {
    return parse_model(bytes, limit);
  } catch (const bad_model& e) {
    throw bad_model(shown + ": " + e.what());
  }
}

}  // namespace convshape::cli::onnx
