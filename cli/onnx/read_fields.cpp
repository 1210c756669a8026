// A count of the file's protobuf fields before it is parsed. Parsing builds
// an object for every message and string, so a small hostile file can ask
// for far more memory than it has bytes (2-byte empty nodes: about 75 times
// their size; 2-byte empty attributes: 140 times). The walk below, with
// protobuf's own wire-format reader and ModelProto's descriptor, reads no
// value: it counts fields, nested ones included, and stops at the limit.
#include <google/protobuf/descriptor.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/wire_format_lite.h>

#include <climits>

#include "detail/proto.hpp"

namespace convshape::cli::onnx::detail {

namespace {

namespace pb = google::protobuf;
using wire = pb::internal::WireFormatLite;

/// How a walk ended.
enum class walked { whole, malformed, too_deep };

class field_counter {
 public:
  field_counter(std::string_view bytes, std::size_t max_fields)
      : in_(reinterpret_cast<const std::uint8_t*>(bytes.data()), static_cast<int>(bytes.size())), max_(max_fields) {}

  /// Counts the fields of one message of `type` (nullptr: a group's, without
  /// a schema), to its end or, in a group, to the end tag of group number
  /// `group`. Malformed bytes stop the count: ParseFromArray then says so.
  walked walk(const pb::Descriptor* type, int depth, int group) {
    for (;;) {
      const std::uint32_t tag = in_.ReadTag();
      if (tag == 0) return group == 0 ? walked::whole : walked::malformed;
      if (++count_ > max_)
        throw bad_model("the file has more than " + std::to_string(max_) +
                        " protobuf fields (nested ones counted), the limit");
      const int number = wire::GetTagFieldNumber(tag);
      switch (wire::GetTagWireType(tag)) {
        case wire::WIRETYPE_END_GROUP: return number == group ? walked::whole : walked::malformed;
        case wire::WIRETYPE_START_GROUP:
          if (const walked w = nested(nullptr, depth, number); w != walked::whole) return w;
          break;
        case wire::WIRETYPE_LENGTH_DELIMITED: {
          std::uint32_t length = 0;
          if (!in_.ReadVarint32(&length) || length > static_cast<std::uint32_t>(INT_MAX)) return walked::malformed;
          const pb::FieldDescriptor* field = type != nullptr ? type->FindFieldByNumber(number) : nullptr;
          if (field == nullptr || field->type() != pb::FieldDescriptor::TYPE_MESSAGE) {
            if (!in_.Skip(static_cast<int>(length))) return walked::malformed;  // a string, bytes or packed numbers
            break;
          }
          const pb::io::CodedInputStream::Limit limit = in_.PushLimit(static_cast<int>(length));
          if (const walked w = nested(field->message_type(), depth, 0); w != walked::whole) return w;
          if (in_.BytesUntilLimit() != 0) return walked::malformed;
          in_.PopLimit(limit);
          break;
        }
        default:
          if (!wire::SkipField(&in_, tag)) return walked::malformed;  // a number, or a wire type that does not exist
      }
    }
  }

 private:
  static constexpr int max_depth = 100;  // protobuf's own recursion limit

  walked nested(const pb::Descriptor* type, int depth, int group) {
    return depth >= max_depth ? walked::too_deep : walk(type, depth + 1, group);
  }

  pb::io::CodedInputStream in_;
  std::size_t count_ = 0;
  const std::size_t max_;
};

}  // namespace

void check_field_count(std::string_view bytes, std::size_t max_fields) {
  if (field_counter(bytes, max_fields).walk(::onnx::ModelProto::descriptor(), 0, 0) == walked::too_deep)
    throw bad_model("the file nests messages more than 100 deep (subgraphs in subgraphs?): not a model convshape reads");
}

}  // namespace convshape::cli::onnx::detail
