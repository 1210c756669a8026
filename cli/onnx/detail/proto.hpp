// Internal to the reader (cli/onnx/read*.cpp): ONNX's protobuf messages to
// the plain structures of graph.hpp. The only header that includes ONNX's
// generated classes; nothing outside cli/onnx/ sees them.
#pragma once

#include <onnx/onnx_pb.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "../graph.hpp"

namespace convshape::cli::onnx::detail {

/// What the file may still hold: each part read is charged here, and the
/// first that goes beyond its limit is an error naming the limit.
class budget {
 public:
  explicit budget(const limits& limit) : limit_(limit) {}
  const limits& limit() const noexcept { return limit_; }
  void names(std::size_t count);            // node inputs and outputs, graph inputs, outputs, initializers
  void attribute_entries(std::size_t count);  // attributes, and the entries of their lists
  void rank(std::size_t rank, const std::string& what);
  /// Whether a stored tensor of `count` elements keeps its values; charges them.
  bool keep_values(std::int64_t count);

 private:
  const limits& limit_;
  std::size_t names_ = 0, entries_ = 0;
  std::int64_t kept_ = 0;
};

/// Refuses a file of more than `max_fields` protobuf fields (nested ones
/// counted) before it is parsed: parsing costs memory by the field.
void check_field_count(std::string_view bytes, std::size_t max_fields);

/// `what` names the tensor in messages: "initializer 'fc.weight'",
/// "node 'c' (Constant): attribute 'value'".
stored_tensor read_tensor(const ::onnx::TensorProto& proto, const std::string& what, budget& budget);

/// `role`: "graph input", "graph output".
value_info read_value_info(const ::onnx::ValueInfoProto& proto, const char* role, budget& budget);

/// A node of the default domain (the caller checks the domain).
node read_node(const ::onnx::NodeProto& proto, std::size_t position, budget& budget);

}  // namespace convshape::cli::onnx::detail
