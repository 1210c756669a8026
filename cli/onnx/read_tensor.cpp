// TensorProto to stored_tensor: the type and dims always, the values of a
// small tensor stored in the file. Weights are typically EXTERNAL (or large),
// and only their dims are read.
#include "detail/proto.hpp"

#include <bit>
#include <cstring>
#include <limits>
#include <type_traits>

namespace convshape::cli::onnx::detail {

static_assert(std::endian::native == std::endian::little, "raw_data is little-endian, as this machine");

namespace {

/// Bytes per element in raw_data, for the types whose values are kept.
std::size_t raw_width(data_type type) {
  switch (type) {
    case data_type::uint8:
    case data_type::int8:
    case data_type::boolean: return 1;
    case data_type::uint16:
    case data_type::int16: return 2;
    case data_type::int32:
    case data_type::uint32:
    case data_type::float32: return 4;
    default: return 8;  // int64, uint64, double
  }
}

class decoder {
 public:
  decoder(const stored_tensor& t, const std::string& what, std::int64_t count)
      : t_(t), what_(what), count_(static_cast<std::size_t>(count)) {}

  [[noreturn]] void fail(const std::string& why) const {
    throw bad_model(what_ + " (" + type_name(t_.type) + ", dims " + listed(t_.dims) + "): " + why);
  }

  /// The values from raw_data, little-endian.
  tensor from_raw(const std::string& raw) const {
    const std::size_t width = raw_width(t_.type);
    if (raw.size() != count_ * width)
      fail("raw_data has " + std::to_string(raw.size()) + " bytes, " + std::to_string(count_ * width) + " expected");
    tensor out{t_.type, t_.dims, {}, {}};
    for (std::size_t i = 0; i < count_; ++i) {
      const char* p = raw.data() + i * width;
      switch (t_.type) {
        case data_type::uint8: out.ints.push_back(read<std::uint8_t>(p)); break;
        case data_type::int8: out.ints.push_back(read<std::int8_t>(p)); break;
        case data_type::boolean: out.ints.push_back(read<std::uint8_t>(p) != 0); break;
        case data_type::uint16: out.ints.push_back(read<std::uint16_t>(p)); break;
        case data_type::int16: out.ints.push_back(read<std::int16_t>(p)); break;
        case data_type::int32: out.ints.push_back(read<std::int32_t>(p)); break;
        case data_type::uint32: out.ints.push_back(read<std::uint32_t>(p)); break;
        case data_type::int64: out.ints.push_back(read<std::int64_t>(p)); break;
        case data_type::uint64: out.ints.push_back(unsigned_value(read<std::uint64_t>(p))); break;
        case data_type::float32: out.reals.push_back(read<float>(p)); break;
        default: out.reals.push_back(read<double>(p)); break;  // double
      }
    }
    return out;
  }

  /// The values from the typed field that ONNX assigns to the type.
  template <class Field>
  tensor from_field(const Field& field, const char* field_name) const {
    if (static_cast<std::size_t>(field.size()) != count_)
      fail(std::to_string(field.size()) + " values in " + field_name + ", " + std::to_string(count_) + " expected");
    tensor out{t_.type, t_.dims, {}, {}};
    for (const auto v : field) {
      if constexpr (std::is_floating_point_v<decltype(v)>) {
        out.reals.push_back(v);
      } else if constexpr (std::is_unsigned_v<decltype(v)>) {
        out.ints.push_back(in_range(unsigned_value(v)));
      } else {
        out.ints.push_back(in_range(v));
      }
    }
    return out;
  }

 private:
  template <class T>
  static T read(const char* p) {
    T v;
    std::memcpy(&v, p, sizeof v);
    return v;
  }

  std::int64_t unsigned_value(std::uint64_t v) const {
    if (v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
      fail("value " + std::to_string(v) + " is beyond the int64 range");
    return static_cast<std::int64_t>(v);
  }

  /// int32_data holds int8 to uint16 and bool too: each value in its type's range.
  std::int64_t in_range(std::int64_t v) const {
    const int_range r = range_of(t_.type);
    if (v < r.min || v > r.max) fail("value " + std::to_string(v) + " is out of the " + type_name(t_.type) + " range");
    return v;
  }

  const stored_tensor& t_;
  const std::string& what_;
  std::size_t count_;
};

/// The values stored in the proto, or nothing when it stores none.
std::optional<tensor> decode(const ::onnx::TensorProto& p, const stored_tensor& t, const std::string& what,
                             std::int64_t count) {
  const decoder d(t, what, count);
  if (p.has_raw_data()) return d.from_raw(p.raw_data());
  switch (t.type) {
    case data_type::float32:
      if (p.float_data_size() > 0) return d.from_field(p.float_data(), "float_data");
      break;
    case data_type::float64:
      if (p.double_data_size() > 0) return d.from_field(p.double_data(), "double_data");
      break;
    case data_type::int64:
      if (p.int64_data_size() > 0) return d.from_field(p.int64_data(), "int64_data");
      break;
    case data_type::uint32:
    case data_type::uint64:
      if (p.uint64_data_size() > 0) return d.from_field(p.uint64_data(), "uint64_data");
      break;
    default:  // int32, int16, int8, uint16, uint8, bool
      if (p.int32_data_size() > 0) return d.from_field(p.int32_data(), "int32_data");
      break;
  }
  // No values at all: a tensor of no elements, or one whose data was left
  // out; only the dims are known.
  if (count == 0) return tensor{t.type, t.dims, {}, {}};
  return std::nullopt;
}

}  // namespace

stored_tensor read_tensor(const ::onnx::TensorProto& p, const std::string& what, budget& budget) {
  stored_tensor t;
  t.name = p.name();
  t.type = static_cast<data_type>(p.data_type());
  budget.rank(static_cast<std::size_t>(p.dims_size()), what);
  t.dims.assign(p.dims().begin(), p.dims().end());
  for (std::size_t i = 0; i < t.dims.size(); ++i)
    if (t.dims[i] < 0)
      throw bad_model(what + ": dimension " + std::to_string(i) + " is " + std::to_string(t.dims[i]) +
                      " in dims " + listed(t.dims) + ": dims must not be negative");
  const std::optional<std::int64_t> count = element_count(t.dims);
  if (!count) throw bad_model(what + ": dims " + listed(t.dims) + " have more elements than int64 can count");
  if (p.has_segment()) throw bad_model(what + " is segmented: segmented tensors are not supported");
  t.external = p.has_data_location() && p.data_location() == ::onnx::TensorProto::EXTERNAL;
  if (!t.external && (is_integer(t.type) || is_real(t.type)) && budget.keep_values(*count))
    t.value = decode(p, t, what, *count);
  return t;
}

}  // namespace convshape::cli::onnx::detail
