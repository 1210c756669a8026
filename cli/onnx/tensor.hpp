// convshape command line, ONNX import: element types, and the small tensors
// whose values shape arithmetic reads (Constant nodes, inline initializers,
// and what cli/onnx/constant.hpp computes from them).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace convshape::cli::onnx {

/// TensorProto.DataType, with ONNX's numbers. A file may hold a number not
/// listed here (a newer ONNX's types): it is kept, and named "type N".
enum class data_type : std::int32_t {
  undefined = 0,
  float32 = 1,
  uint8 = 2,
  int8 = 3,
  uint16 = 4,
  int16 = 5,
  int32 = 6,
  int64 = 7,
  string = 8,
  boolean = 9,
  float16 = 10,
  float64 = 11,
  uint32 = 12,
  uint64 = 13,
  complex64 = 14,
  complex128 = 15,
  bfloat16 = 16,
};

/// As ONNX spells the type: "float", "int64", "bool", "double", ...
std::string type_name(data_type type);

/// Types whose values a tensor keeps as int64: the integers and bool. uint64
/// is one only as far as int64 reaches: a larger value is refused.
bool is_integer(data_type type) noexcept;

/// Types whose values a tensor keeps as double: float and double.
bool is_real(data_type type) noexcept;

/// The range of an integer type, within int64 (uint64: [0, INT64_MAX]).
struct int_range {
  std::int64_t min, max;
};
int_range range_of(data_type integer_type) noexcept;

/// The number of elements of a tensor of these dims (1 for a scalar), or
/// nothing when a dim is negative or the product overflows int64.
std::optional<std::int64_t> element_count(std::span<const std::int64_t> dims) noexcept;

/// A tensor with its values, row-major. Exactly one of the value vectors is
/// used, as the type says: `ints` for is_integer types, `reals` for is_real
/// ones (float values are doubles that a float represents exactly). Its size
/// is element_count(dims).
struct tensor {
  data_type type = data_type::int64;
  std::vector<std::int64_t> dims;
  std::vector<std::int64_t> ints;
  std::vector<double> reals;

  std::size_t size() const noexcept { return is_real(type) ? reals.size() : ints.size(); }
  std::int64_t rank() const noexcept { return static_cast<std::int64_t>(dims.size()); }
  bool operator==(const tensor&) const = default;
};

/// An integer tensor (int64 unless said otherwise).
tensor int_tensor(std::vector<std::int64_t> dims, std::vector<std::int64_t> values,
                  data_type type = data_type::int64);
/// A real tensor (float unless said otherwise).
tensor real_tensor(std::vector<std::int64_t> dims, std::vector<double> values,
                   data_type type = data_type::float32);
/// A rank-1 int64 tensor of these values, as shape arithmetic makes them.
tensor int_vector(std::vector<std::int64_t> values);
/// A rank-0 int64 tensor.
tensor int_scalar(std::int64_t value);

/// For messages: "int64[2] [1, 2]", "float[] 0.5", cut after 16 values.
std::string describe(const tensor& t);

}  // namespace convshape::cli::onnx
