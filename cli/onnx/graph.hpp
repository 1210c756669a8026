// convshape command line, ONNX import: a model file read into plain C++
// structures (no protobuf type here), checked and in topological order, for
// the mapping to convshape layers to walk.
//
// What is read: the default domain's opset (11 to 17), the graph inputs that
// are not initializers, the initializers (name, type, dims; values only of
// small ones stored in the file), the nodes with their typed attributes, and
// the graph outputs. Weights are never needed: an initializer whose data is
// external (data_location EXTERNAL) keeps its dims, and its file is never
// opened. What is refused, with a message naming the node, op type and
// value: another domain's node, a subgraph (If, Loop, Scan), sparse tensors,
// an input that nothing defines, a name defined twice, a cycle, no nodes,
// negative dims or an element count beyond int64, and files or counts beyond
// the limits below.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "error.hpp"
#include "tensor.hpp"

namespace convshape::cli::onnx {

/// The opsets of the default domain ("" or "ai.onnx") that are read.
inline constexpr std::int64_t min_opset = 11;
inline constexpr std::int64_t max_opset = 17;

/// One dimension of a graph input's or output's shape: a number, or unknown
/// (a dim_param such as "batch", a dim with neither, or the -1 that some
/// converters write).
struct dim {
  std::optional<std::int64_t> value;
  std::string param;  // the dim_param's name, when the file gave one

  bool operator==(const dim&) const = default;
};

/// A graph input or output.
struct value_info {
  std::string name;
  data_type type = data_type::undefined;
  std::optional<std::vector<dim>> shape;  // nothing: the file says nothing of the rank

  bool operator==(const value_info&) const = default;
};

/// A TensorProto as read: an initializer, or the tensor of an attribute
/// (Constant's `value`). `value` has the values when they are stored in the
/// file, of an integer, bool, float or double type, and at most
/// limits::max_kept_values many; otherwise only the type and dims are known.
struct stored_tensor {
  std::string name;
  data_type type = data_type::undefined;
  std::vector<std::int64_t> dims;
  bool external = false;  // data_location EXTERNAL: the values are in another file, never read
  std::optional<tensor> value;

  bool operator==(const stored_tensor&) const = default;
};

/// An attribute's value; the index is its attribute_kind.
using attribute_value = std::variant<std::int64_t, std::vector<std::int64_t>, double, std::vector<double>,
                                     std::string, std::vector<std::string>, stored_tensor>;
enum class attribute_kind : std::size_t { integer, integers, real, reals, string, strings, tensor };
/// As ONNX names the kinds: "int", "ints", "float", "floats", "string", "strings", "tensor".
const char* kind_name(attribute_kind kind) noexcept;
inline attribute_kind kind_of(const attribute_value& v) noexcept { return static_cast<attribute_kind>(v.index()); }

/// A node of the default domain. The accessors of attributes throw bad_model
/// naming the node, the attribute, the kind wanted and the kind found:
///   node '/conv1/Conv' (Conv): attribute 'kernel_shape' must be ints, got float
/// Those without a fallback also throw when the attribute is absent.
struct node {
  std::string name;  // may be empty: ONNX does not require names
  std::string op_type;
  std::size_t position = 0;         // its place among the file's nodes, counted from 0
  std::vector<std::string> inputs;  // "" for an omitted optional input
  std::vector<std::string> outputs;
  std::map<std::string, attribute_value, std::less<>> attributes;

  /// "node '/conv1/Conv' (Conv)", or "node #3 (Conv)" when it has no name.
  std::string describe() const;

  /// The i-th input's name; "" when omitted or beyond the list.
  std::string_view input(std::size_t i) const noexcept;
  bool has_input(std::size_t i) const noexcept { return !input(i).empty(); }

  bool has(std::string_view attribute) const { return attributes.find(attribute) != attributes.end(); }
  /// The attribute, or nullptr when absent.
  const attribute_value* find(std::string_view attribute) const;

  std::int64_t attr_int(std::string_view attribute) const;
  std::int64_t attr_int(std::string_view attribute, std::int64_t fallback) const;
  std::vector<std::int64_t> attr_ints(std::string_view attribute) const;
  std::vector<std::int64_t> attr_ints(std::string_view attribute, std::vector<std::int64_t> fallback) const;
  double attr_float(std::string_view attribute) const;
  double attr_float(std::string_view attribute, double fallback) const;
  std::vector<double> attr_floats(std::string_view attribute) const;
  std::vector<double> attr_floats(std::string_view attribute, std::vector<double> fallback) const;
  std::string attr_string(std::string_view attribute) const;
  std::string attr_string(std::string_view attribute, std::string fallback) const;
  std::vector<std::string> attr_strings(std::string_view attribute) const;
  const stored_tensor& attr_tensor(std::string_view attribute) const;

  /// Throws bad_model: describe() + ": " + what.
  [[noreturn]] void fail(const std::string& what) const;
};

/// A model as read. `nodes` are in a topological order: the file's order
/// when it is one (as ONNX requires), else the nearest one. Every non-empty
/// node input and graph output names a graph input, an initializer or an
/// output of an earlier node, and no name is defined twice.
struct model {
  std::int64_t ir_version = 0;
  std::int64_t opset = 0;  // of the default domain
  std::string producer_name, producer_version, graph_name;
  std::vector<value_info> inputs;  // the graph's inputs that are not initializers
  std::vector<value_info> outputs;
  std::vector<stored_tensor> initializers;
  std::vector<node> nodes;

  /// By name; nullptr when there is none.
  const value_info* find_input(std::string_view name) const;
  const stored_tensor* find_initializer(std::string_view name) const;
  const node* find_producer(std::string_view tensor_name) const;  // the node with this output

  /// The lookups' tables, filled by the reader: call it after changing the
  /// vectors above.
  void reindex();

 private:
  std::map<std::string, std::size_t, std::less<>> input_index_, initializer_index_, producer_index_;
};

/// How much a file may hold. The defaults pass any real model's graph; a
/// hostile file meets them long before memory or time runs out.
struct limits {
  std::uintmax_t max_file_bytes = std::uintmax_t{256} << 20;
  std::size_t max_fields = 4'000'000;     // protobuf fields, nested ones counted, before parsing
  std::size_t max_nodes = 200'000;
  std::size_t max_names = 1'000'000;      // node inputs and outputs, graph inputs, outputs, initializers
  std::size_t max_rank = 64;              // of any tensor or value info
  std::size_t max_attribute_entries = 1'000'000;  // entries of ints, floats and strings, over all attributes
  std::int64_t max_kept_values = 4096;    // per stored tensor: larger ones keep only their dims
  std::int64_t max_kept_total = 1 << 22;  // values kept over the whole model
};

/// Reads an ONNX model file. Throws bad_model, its message starting with the
/// path: a file that cannot be read, is too large, is not a ModelProto, or
/// that the checks above refuse.
model read_model(const std::filesystem::path& path, const limits& limit = {});

/// The same on the bytes of a file (the fuzz target's entry); messages
/// without a path.
model parse_model(std::string_view bytes, const limits& limit = {});

}  // namespace convshape::cli::onnx
