#include "tensor.hpp"

#include "error.hpp"

#include <cstddef>
#include <limits>
#include <utility>

namespace convshape::cli::onnx {

std::string type_name(data_type type) {
  switch (type) {
    case data_type::undefined: return "undefined";
    case data_type::float32: return "float";
    case data_type::uint8: return "uint8";
    case data_type::int8: return "int8";
    case data_type::uint16: return "uint16";
    case data_type::int16: return "int16";
    case data_type::int32: return "int32";
    case data_type::int64: return "int64";
    case data_type::string: return "string";
    case data_type::boolean: return "bool";
    case data_type::float16: return "float16";
    case data_type::float64: return "double";
    case data_type::uint32: return "uint32";
    case data_type::uint64: return "uint64";
    case data_type::complex64: return "complex64";
    case data_type::complex128: return "complex128";
    case data_type::bfloat16: return "bfloat16";
  }
  return "type " + std::to_string(static_cast<std::int32_t>(type));
}

bool is_integer(data_type type) noexcept {
  switch (type) {
    case data_type::uint8:
    case data_type::int8:
    case data_type::uint16:
    case data_type::int16:
    case data_type::int32:
    case data_type::int64:
    case data_type::boolean:
    case data_type::uint32:
    case data_type::uint64: return true;
    default: return false;
  }
}

bool is_real(data_type type) noexcept { return type == data_type::float32 || type == data_type::float64; }

int_range range_of(data_type type) noexcept {
  using limits = std::numeric_limits<std::int64_t>;
  switch (type) {
    case data_type::uint8: return {0, 255};
    case data_type::int8: return {-128, 127};
    case data_type::uint16: return {0, 65535};
    case data_type::int16: return {-32768, 32767};
    case data_type::int32: return {std::numeric_limits<std::int32_t>::min(), std::numeric_limits<std::int32_t>::max()};
    case data_type::boolean: return {0, 1};
    case data_type::uint32: return {0, std::numeric_limits<std::uint32_t>::max()};
    case data_type::uint64: return {0, limits::max()};
    default: return {limits::min(), limits::max()};
  }
}

std::optional<std::int64_t> element_count(std::span<const std::int64_t> dims) noexcept {
  std::int64_t count = 1;
  for (const std::int64_t d : dims)
    if (d < 0 || __builtin_mul_overflow(count, d, &count)) return std::nullopt;
  return count;
}

tensor int_tensor(std::vector<std::int64_t> dims, std::vector<std::int64_t> values, data_type type) {
  return tensor{type, std::move(dims), std::move(values), {}};
}

tensor real_tensor(std::vector<std::int64_t> dims, std::vector<double> values, data_type type) {
  return tensor{type, std::move(dims), {}, std::move(values)};
}

tensor int_vector(std::vector<std::int64_t> values) {
  const auto n = static_cast<std::int64_t>(values.size());
  return int_tensor({n}, std::move(values));
}

tensor int_scalar(std::int64_t value) { return int_tensor({}, {value}); }

std::string describe(const tensor& t) {
  std::string out = type_name(t.type) + "[";
  for (std::size_t i = 0; i < t.dims.size(); ++i) out.append(i ? "," : "").append(std::to_string(t.dims[i]));
  out += "] ";
  if (!is_real(t.type)) {
    out += t.dims.empty() && t.ints.size() == 1 ? std::to_string(t.ints[0]) : listed(t.ints);
    return out;
  }
  if (t.dims.empty() && t.reals.size() == 1) return out + real_text(t.reals[0]);
  constexpr std::size_t shown = 16;
  out += "[";
  for (std::size_t i = 0; i < t.reals.size() && i < shown; ++i) out.append(i ? ", " : "").append(real_text(t.reals[i]));
  if (t.reals.size() > shown) out += ", ... (" + std::to_string(t.reals.size()) + " values)";
  return out + "]";
}

}  // namespace convshape::cli::onnx
