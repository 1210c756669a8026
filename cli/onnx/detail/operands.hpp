// Internal to the evaluator (cli/onnx/constant*.cpp): a node's inputs with
// the checks every op makes, and the per-op functions that evaluate()
// dispatches to.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "../constant.hpp"

namespace convshape::cli::onnx::detail {

/// A node being evaluated and its input values.
class operands {
 public:
  operands(const node& n, std::span<const tensor* const> values, std::int64_t opset)
      : n(n), opset(opset), values_(values) {}

  /// Input i, named `role` in messages; an error when omitted or without a value.
  const tensor& required(std::size_t i, std::string_view role) const;
  /// Input i, or nullptr when the node omits it; an error when given without a value.
  const tensor* optional(std::size_t i, std::string_view role) const;
  /// How many inputs the node lists.
  std::size_t count() const noexcept { return n.inputs.size(); }

  /// An attribute that exists only from opset `since` on: an error before it.
  void attribute_since(std::string_view attribute, std::int64_t since) const;

  const node& n;
  const std::int64_t opset;

 private:
  std::span<const tensor* const> values_;
};

/// The values of an integer tensor of rank 0 or 1 (starts, axes, shape...).
std::vector<std::int64_t> int_list(const operands& in, const tensor& t, std::string_view role);

/// `axis` in [-rank, rank - 1], made non-negative.
std::int64_t normalized_axis(const node& n, std::int64_t axis, std::int64_t rank);

/// The element count of these dims, refused beyond max_folded_elements.
std::int64_t checked_count(const node& n, std::span<const std::int64_t> dims);

/// Row-major strides.
std::vector<std::int64_t> strides_of(std::span<const std::int64_t> dims);

/// A tensor of src's type and `dims` whose i-th element is src's element
/// picks[i]: how the shape ops move values.
tensor picked(const tensor& src, std::vector<std::int64_t> dims, std::span<const std::int64_t> picks);

// The ops, by file.
// constant.cpp
tensor eval_constant(const operands& in);
tensor eval_identity(const operands& in);
tensor eval_cast(const operands& in);
tensor eval_constant_of_shape(const operands& in);
tensor eval_range(const operands& in);
// constant_shape.cpp
tensor eval_shape(const operands& in);
tensor eval_gather(const operands& in);
tensor eval_unsqueeze(const operands& in);
tensor eval_squeeze(const operands& in);
tensor eval_concat(const operands& in);
tensor eval_slice(const operands& in);
tensor eval_reshape(const operands& in);
tensor eval_transpose(const operands& in);
// constant_arith.cpp
tensor eval_add(const operands& in);
tensor eval_sub(const operands& in);
tensor eval_mul(const operands& in);
tensor eval_div(const operands& in);
tensor eval_equal(const operands& in);
tensor eval_where(const operands& in);
tensor eval_floor(const operands& in);
tensor eval_ceil(const operands& in);
tensor eval_sqrt(const operands& in);

/// v, when `type` (an integer type) holds it; else an error: "<what> is out
/// of the int32 range".
std::int64_t in_type_range(const node& n, std::int64_t v, data_type type, const std::string& what);

/// A double as float32 rounds it; an error when out of float's range.
double to_float32(const node& n, double v);

}  // namespace convshape::cli::onnx::detail
