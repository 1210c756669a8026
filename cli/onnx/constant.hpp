// convshape command line, ONNX import: evaluation of the shape arithmetic
// that exporters emit (Shape -> Gather -> Add -> Div -> ... -> Slice's
// starts, Reshape's shape, Resize's sizes), so that the mapping can fold it
// into numbers. ONNX's semantics for opsets 11 to 17, as ONNX Runtime
// computes them, except that where ONNX Runtime would wrap around or
// produce an infinity, evaluation stops with an error: int64 overflow, a
// result outside a narrower integer type, a float cast out of range,
// division by zero (integer or float). Integer Div truncates toward zero, as
// ONNX Runtime's does (C++ `/`), not as numpy's floor division.
//
// Every error is a bad_model naming the node, its op type and the values:
//   node '/Gather' (Gather): index 4 is out of range for axis 0 of size 4 (-4 to 3)
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "graph.hpp"
#include "tensor.hpp"

namespace convshape::cli::onnx {

/// The most elements a computed tensor may have: shape arithmetic is small,
/// and ConstantOfShape or Range on a hostile input must not fill the memory.
inline constexpr std::int64_t max_folded_elements = std::int64_t{1} << 20;

/// Whether evaluate() knows this op type: Constant, Shape, Gather, Unsqueeze,
/// Squeeze, Concat, Slice, Add, Sub, Mul, Div, Cast, Reshape, Transpose,
/// ConstantOfShape, Range, Equal, Where, Identity, Floor, Ceil, Sqrt.
bool can_evaluate(std::string_view op_type) noexcept;

/// The output of node `n` (its first; all these ops have one) at `opset`.
/// inputs[i] is the value of n.inputs[i], or nullptr where the input is
/// omitted; a span shorter than n.inputs leaves the rest omitted. Shape reads
/// only its input's dims (see also shape_of).
tensor evaluate(const node& n, std::span<const tensor* const> inputs, std::int64_t opset);

/// Shape on a tensor known only by its dims (a data tensor, whose dims the
/// mapping knows): an int64 vector of the dims, cut by opset 15's start and
/// end.
tensor shape_of(const node& n, std::span<const std::int64_t> dims, std::int64_t opset);

// The shape rules under the evaluation, also for the mapping's data tensors.
// Each throws bad_model naming `n`.

/// numpy's multidirectional broadcasting.
std::vector<std::int64_t> broadcast_dims(const node& n, std::span<const std::int64_t> a,
                                         std::span<const std::int64_t> b);

/// Slice's inputs as numbers; axes and steps absent: all axes in order, step 1.
struct slice_params {
  std::vector<std::int64_t> starts, ends;
  std::optional<std::vector<std::int64_t>> axes, steps;
};
/// Per axis of the data: the first index taken, the step, and how many.
struct slice_axis {
  std::int64_t start = 0, step = 1, count = 0;
};
/// Slice's clamping (ONNX, opset 11 on): negative starts and ends count from
/// the end, then are clamped to [0, dim] (step > 0) or to [0, dim - 1] and
/// [-1, dim - 1] (step < 0); INT64_MAX and INT64_MIN mean "to the end".
std::vector<slice_axis> slice_plan(const node& n, std::span<const std::int64_t> dims, const slice_params& p);
std::vector<std::int64_t> slice_dims(const node& n, std::span<const std::int64_t> dims, const slice_params& p);

/// Reshape's output dims: 0 copies the input's dim at that place (unless
/// allowzero, opset 14), one -1 takes what is left.
std::vector<std::int64_t> reshape_dims(const node& n, std::span<const std::int64_t> dims,
                                       std::span<const std::int64_t> shape, bool allowzero);

/// Unsqueeze: a 1 inserted at each of `axes` (counted in the output's rank).
std::vector<std::int64_t> unsqueeze_dims(const node& n, std::span<const std::int64_t> dims,
                                         std::span<const std::int64_t> axes);
/// Squeeze: `axes` removed (each must be 1), or without axes every 1.
std::vector<std::int64_t> squeeze_dims(const node& n, std::span<const std::int64_t> dims,
                                       const std::optional<std::vector<std::int64_t>>& axes);

}  // namespace convshape::cli::onnx
