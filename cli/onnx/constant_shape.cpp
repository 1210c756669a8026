// The ops that move values without computing new ones (Shape, Gather,
// Unsqueeze, Squeeze, Concat, Slice, Reshape, Transpose), and their shape rules.
#include <algorithm>
#include <set>
#include <string>
#include <utility>

#include "constant.hpp"
#include "detail/operands.hpp"

namespace convshape::cli::onnx {

namespace {

/// Each axis of `axes` in [-rank, rank - 1], made non-negative; repeating one is an error.
std::vector<std::int64_t> distinct_axes(const node& n, std::span<const std::int64_t> axes, std::int64_t rank) {
  std::vector<std::int64_t> out;
  std::set<std::int64_t> seen;
  for (const std::int64_t axis : axes) {
    const std::int64_t a = detail::normalized_axis(n, axis, rank);
    if (!seen.insert(a).second) n.fail("axis " + std::to_string(axis) + " is repeated in axes " + listed(axes));
    out.push_back(a);
  }
  return out;
}

std::int64_t product(std::span<const std::int64_t> dims) {
  std::int64_t p = 1;
  for (const std::int64_t d : dims) p *= d;  // callers have checked the whole product
  return p;
}

/// ceil(span / step) for span >= 0 and step > 0, step given as its magnitude
/// (a step of INT64_MIN has no positive int64).
std::int64_t steps_in(std::int64_t span, std::uint64_t step) {
  return static_cast<std::int64_t>((static_cast<std::uint64_t>(span) + step - 1) / step);
}

/// The axes of Squeeze or Unsqueeze: an attribute before opset 13, an input from it on.
std::optional<std::vector<std::int64_t>> axes_of(const detail::operands& in) {
  const node& n = in.n;
  if (in.opset < 13) {
    if (n.has_input(1))
      n.fail("axes are an attribute before opset 13, and the model's is " + std::to_string(in.opset) +
             ": the node has a second input");
    if (!n.has("axes")) return std::nullopt;
    return n.attr_ints("axes");
  }
  if (n.has("axes"))
    n.fail("attribute 'axes' is an input from opset 13 on, and the model's is " + std::to_string(in.opset));
  const tensor* axes = in.optional(1, "'axes'");
  if (axes == nullptr) return std::nullopt;
  return detail::int_list(in, *axes, "'axes'");
}

}  // namespace

std::vector<std::int64_t> broadcast_dims(const node& n, std::span<const std::int64_t> a,
                                         std::span<const std::int64_t> b) {
  const std::size_t rank = std::max(a.size(), b.size());
  std::vector<std::int64_t> out(rank);
  for (std::size_t i = 0; i < rank; ++i) {  // from the last dim
    const std::int64_t da = i < a.size() ? a[a.size() - 1 - i] : 1;
    const std::int64_t db = i < b.size() ? b[b.size() - 1 - i] : 1;
    if (da != db && da != 1 && db != 1)
      n.fail("dims " + listed(a) + " and " + listed(b) + " do not broadcast: " + std::to_string(da) + " against " +
             std::to_string(db));
    out[rank - 1 - i] = da == 1 ? db : da;
  }
  return out;
}

std::vector<slice_axis> slice_plan(const node& n, std::span<const std::int64_t> dims, const slice_params& p) {
  const auto rank = static_cast<std::int64_t>(dims.size());
  const std::size_t count = p.starts.size();
  std::vector<std::int64_t> axes(count);
  for (std::size_t i = 0; i < count; ++i) axes[i] = static_cast<std::int64_t>(i);
  if (p.axes) axes = *p.axes;
  const std::vector<std::int64_t> steps = p.steps ? *p.steps : std::vector<std::int64_t>(count, 1);
  if (p.ends.size() != count || axes.size() != count || steps.size() != count)
    n.fail("starts, ends, axes and steps must have one entry per sliced axis, got " + std::to_string(count) + ", " +
           std::to_string(p.ends.size()) + ", " + std::to_string(axes.size()) + ", " + std::to_string(steps.size()));

  std::vector<slice_axis> plan(dims.size());
  for (std::size_t a = 0; a < dims.size(); ++a) plan[a].count = dims[a];
  const std::vector<std::int64_t> normalized = distinct_axes(n, axes, rank);
  for (std::size_t i = 0; i < count; ++i) {
    const auto a = static_cast<std::size_t>(normalized[i]);
    const std::int64_t d = dims[a], step = steps[i];
    if (step == 0) n.fail("step 0 on axis " + std::to_string(axes[i]) + ": steps must not be 0");
    // Negative starts and ends count from the end (adding d to a negative
    // number cannot overflow), then are clamped.
    std::int64_t start = p.starts[i] < 0 ? p.starts[i] + d : p.starts[i];
    std::int64_t end = p.ends[i] < 0 ? p.ends[i] + d : p.ends[i];
    slice_axis& s = plan[a];
    s.step = step;
    if (step > 0) {
      start = std::clamp<std::int64_t>(start, 0, d);
      end = std::clamp<std::int64_t>(end, 0, d);
      s.count = end > start ? steps_in(end - start, static_cast<std::uint64_t>(step)) : 0;
    } else if (d == 0) {
      start = 0;
      s.count = 0;
    } else {
      start = std::clamp<std::int64_t>(start, 0, d - 1);
      end = std::clamp<std::int64_t>(end, -1, d - 1);
      s.count = start > end ? steps_in(start - end, 0 - static_cast<std::uint64_t>(step)) : 0;
    }
    s.start = start;
  }
  return plan;
}

std::vector<std::int64_t> slice_dims(const node& n, std::span<const std::int64_t> dims, const slice_params& p) {
  std::vector<std::int64_t> out;
  for (const slice_axis& s : slice_plan(n, dims, p)) out.push_back(s.count);
  return out;
}

std::vector<std::int64_t> reshape_dims(const node& n, std::span<const std::int64_t> dims,
                                       std::span<const std::int64_t> shape, bool allowzero) {
  const std::optional<std::int64_t> count = element_count(dims);
  if (!count) n.fail("the input's dims " + listed(dims) + " are not known, or have more elements than int64 counts");
  std::vector<std::int64_t> out(shape.begin(), shape.end());
  std::optional<std::size_t> inferred;
  std::int64_t known = 1;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] == 0 && !allowzero) {
      if (i >= dims.size())
        n.fail("the shape " + listed(shape) + " has a 0 at index " + std::to_string(i) + ", and the input, of rank " +
               std::to_string(dims.size()) + ", has no dim there to copy");
      out[i] = dims[i];
    } else if (out[i] == -1) {
      if (inferred) n.fail("the shape " + listed(shape) + " has more than one -1");
      inferred = i;
      continue;
    } else if (out[i] < 0) {
      n.fail("the shape " + listed(shape) + " has the negative entry " + std::to_string(out[i]));
    }
    if (__builtin_mul_overflow(known, out[i], &known))
      n.fail("the shape " + listed(shape) + " has more elements than int64 can count");
  }
  if (allowzero && inferred && std::ranges::find(shape, 0) != shape.end())
    n.fail("the shape " + listed(shape) + " has both 0 and -1, which allowzero=1 forbids");
  if (inferred) {
    if (known == 0 || *count % known != 0)
      n.fail("the input's " + std::to_string(*count) + " elements (dims " + listed(dims) + ") cannot take the shape " +
             listed(shape));
    out[*inferred] = *count / known;
  } else if (known != *count) {
    n.fail("the input's " + std::to_string(*count) + " elements (dims " + listed(dims) + ") do not fit the shape " +
           listed(shape) + " (" + std::to_string(known) + " elements)");
  }
  return out;
}

std::vector<std::int64_t> unsqueeze_dims(const node& n, std::span<const std::int64_t> dims,
                                         std::span<const std::int64_t> axes) {
  const auto rank = static_cast<std::int64_t>(dims.size() + axes.size());
  std::vector<bool> inserted(static_cast<std::size_t>(rank), false);
  for (const std::int64_t a : distinct_axes(n, axes, rank)) inserted[static_cast<std::size_t>(a)] = true;
  std::vector<std::int64_t> out;
  std::size_t next = 0;
  for (const bool one : inserted) out.push_back(one ? 1 : dims[next++]);
  return out;
}

std::vector<std::int64_t> squeeze_dims(const node& n, std::span<const std::int64_t> dims,
                                       const std::optional<std::vector<std::int64_t>>& axes) {
  std::vector<bool> removed(dims.size(), false);
  if (axes) {
    for (const std::int64_t a : distinct_axes(n, *axes, static_cast<std::int64_t>(dims.size()))) {
      const auto i = static_cast<std::size_t>(a);
      if (dims[i] != 1)
        n.fail("axis " + std::to_string(a) + " of dims " + listed(dims) + " is " + std::to_string(dims[i]) +
               ", not 1: it cannot be squeezed");
      removed[i] = true;
    }
  } else {
    for (std::size_t i = 0; i < dims.size(); ++i) removed[i] = dims[i] == 1;
  }
  std::vector<std::int64_t> out;
  for (std::size_t i = 0; i < dims.size(); ++i)
    if (!removed[i]) out.push_back(dims[i]);
  return out;
}

tensor shape_of(const node& n, std::span<const std::int64_t> dims, std::int64_t opset) {
  for (const std::int64_t d : dims)
    if (d < 0) n.fail("the input's dims " + listed(dims) + " are not all known");
  const auto rank = static_cast<std::int64_t>(dims.size());
  std::int64_t start = 0, end = rank;
  if (opset >= 15) {
    start = n.attr_int("start", 0);
    end = n.attr_int("end", rank);
  } else if (n.has("start") || n.has("end")) {
    n.fail("attributes 'start' and 'end' exist from opset 15 on, and the model's is " + std::to_string(opset));
  }
  // Negative ones count from the end; then both are clamped to [0, rank].
  start = std::clamp<std::int64_t>(start < 0 ? start + rank : start, 0, rank);
  end = std::clamp<std::int64_t>(end < 0 ? end + rank : end, 0, rank);
  if (end < start) end = start;
  return int_vector(std::vector<std::int64_t>(dims.begin() + start, dims.begin() + end));
}

namespace detail {

tensor eval_shape(const operands& in) { return shape_of(in.n, in.required(0, "'data'").dims, in.opset); }

tensor eval_gather(const operands& in) {
  const node& n = in.n;
  const tensor& data = in.required(0, "'data'");
  const tensor& indices = in.required(1, "'indices'");
  if (indices.type != data_type::int64 && indices.type != data_type::int32)
    n.fail("input 'indices' must be int32 or int64, got " + describe(indices));
  if (data.rank() == 0) n.fail("input 'data' must have rank 1 or more, got " + describe(data));
  const auto axis = static_cast<std::size_t>(normalized_axis(n, n.attr_int("axis", 0), data.rank()));
  const std::span<const std::int64_t> dims = data.dims;
  std::vector<std::int64_t> out_dims(dims.begin(), dims.begin() + static_cast<std::ptrdiff_t>(axis));
  out_dims.insert(out_dims.end(), indices.dims.begin(), indices.dims.end());
  out_dims.insert(out_dims.end(), dims.begin() + static_cast<std::ptrdiff_t>(axis) + 1, dims.end());
  checked_count(n, out_dims);

  const std::int64_t size = dims[axis];
  const std::int64_t outer = product(dims.first(axis)), inner = product(dims.subspan(axis + 1));
  std::vector<std::int64_t> positions;
  for (const std::int64_t index : indices.ints) {
    if (index < -size || index >= size)
      n.fail("index " + std::to_string(index) + " is out of range for axis " + std::to_string(axis) + " of size " +
             std::to_string(size) +
             (size > 0 ? " (" + std::to_string(-size) + " to " + std::to_string(size - 1) + ")" : std::string()));
    positions.push_back(index < 0 ? index + size : index);
  }
  std::vector<std::int64_t> picks;
  for (std::int64_t o = 0; o < outer; ++o)
    for (const std::int64_t p : positions)
      for (std::int64_t j = 0; j < inner; ++j) picks.push_back((o * size + p) * inner + j);
  return picked(data, std::move(out_dims), picks);
}

tensor eval_unsqueeze(const operands& in) {
  const tensor& data = in.required(0, "'data'");
  const std::optional<std::vector<std::int64_t>> axes = axes_of(in);
  if (!axes) in.n.fail("axes are required");
  tensor out = data;
  out.dims = unsqueeze_dims(in.n, data.dims, *axes);
  return out;
}

tensor eval_squeeze(const operands& in) {
  const tensor& data = in.required(0, "'data'");
  tensor out = data;
  out.dims = squeeze_dims(in.n, data.dims, axes_of(in));
  return out;
}

tensor eval_concat(const operands& in) {
  const node& n = in.n;
  if (in.count() == 0) n.fail("Concat needs at least one input");
  const tensor& first = in.required(0, "'inputs'");
  if (first.rank() == 0) n.fail("the inputs must have rank 1 or more, got " + describe(first));
  const auto axis = static_cast<std::size_t>(normalized_axis(n, n.attr_int("axis"), first.rank()));
  std::vector<const tensor*> parts;
  std::vector<std::int64_t> out_dims = first.dims;
  out_dims[axis] = 0;
  for (std::size_t i = 0; i < in.count(); ++i) {
    const tensor& t = in.required(i, "'inputs'");
    bool fits = t.type == first.type && t.rank() == first.rank();
    for (std::size_t d = 0; fits && d < t.dims.size(); ++d) fits = d == axis || t.dims[d] == first.dims[d];
    if (!fits)
      n.fail("input " + std::to_string(i) + ", " + describe(t) + ", does not match input 0, " + describe(first) +
             ", in type and in dims other than axis " + std::to_string(axis));
    if (__builtin_add_overflow(out_dims[axis], t.dims[axis], &out_dims[axis]))
      n.fail("the output's dim on axis " + std::to_string(axis) + " overflows int64");
    parts.push_back(&t);
  }
  checked_count(n, out_dims);
  // Each part contributes a block of dims[axis] * inner elements per outer index.
  const std::int64_t outer = product(std::span(first.dims).first(axis));
  const std::int64_t inner = product(std::span(first.dims).subspan(axis + 1));
  tensor out{first.type, out_dims, {}, {}};
  for (std::int64_t o = 0; o < outer; ++o)
    for (const tensor* t : parts) {
      const std::int64_t block = t->dims[axis] * inner;
      const auto from = static_cast<std::ptrdiff_t>(o * block), to = static_cast<std::ptrdiff_t>((o + 1) * block);
      if (is_real(t->type)) out.reals.insert(out.reals.end(), t->reals.begin() + from, t->reals.begin() + to);
      else out.ints.insert(out.ints.end(), t->ints.begin() + from, t->ints.begin() + to);
    }
  return out;
}

tensor eval_slice(const operands& in) {
  const node& n = in.n;
  const tensor& data = in.required(0, "'data'");
  slice_params p;
  p.starts = int_list(in, in.required(1, "'starts'"), "'starts'");
  p.ends = int_list(in, in.required(2, "'ends'"), "'ends'");
  if (const tensor* axes = in.optional(3, "'axes'")) p.axes = int_list(in, *axes, "'axes'");
  if (const tensor* steps = in.optional(4, "'steps'")) p.steps = int_list(in, *steps, "'steps'");
  const std::vector<slice_axis> plan = slice_plan(n, data.dims, p);
  std::vector<std::int64_t> out_dims;
  for (const slice_axis& s : plan) out_dims.push_back(s.count);
  const std::int64_t count = checked_count(n, out_dims);

  // Every output element's place in the data: walk the output's indices.
  const std::vector<std::int64_t> strides = strides_of(data.dims);
  std::vector<std::int64_t> index(plan.size(), 0), picks;
  picks.reserve(static_cast<std::size_t>(count));
  for (std::int64_t k = 0; k < count; ++k) {
    std::int64_t at = 0;
    for (std::size_t a = 0; a < plan.size(); ++a) at += (plan[a].start + index[a] * plan[a].step) * strides[a];
    picks.push_back(at);
    for (std::size_t a = plan.size(); a-- > 0;) {
      if (++index[a] < plan[a].count) break;
      index[a] = 0;
    }
  }
  return picked(data, std::move(out_dims), picks);
}

tensor eval_transpose(const operands& in) {
  const node& n = in.n;
  const tensor& data = in.required(0, "'data'");
  const auto rank = static_cast<std::size_t>(data.rank());
  std::vector<std::int64_t> perm;
  if (n.has("perm")) {
    perm = n.attr_ints("perm");
  } else {  // ONNX's default: the axes reversed
    for (std::size_t a = rank; a-- > 0;) perm.push_back(static_cast<std::int64_t>(a));
  }
  std::vector<bool> seen(rank, false);
  bool permutation = perm.size() == rank;
  for (std::size_t i = 0; permutation && i < rank; ++i) {
    permutation = perm[i] >= 0 && perm[i] < data.rank() && !seen[static_cast<std::size_t>(perm[i])];
    if (permutation) seen[static_cast<std::size_t>(perm[i])] = true;
  }
  if (!permutation)
    n.fail("attribute 'perm' " + listed(perm) + " is not a permutation of the " + std::to_string(rank) +
           " axes of the input, " + describe(data));
  std::vector<std::int64_t> out_dims;
  for (const std::int64_t p : perm) out_dims.push_back(data.dims[static_cast<std::size_t>(p)]);
  const std::int64_t count = checked_count(n, out_dims);
  // Output element (i_0, ..., i_r-1) is the input's element with i_k on axis perm[k].
  const std::vector<std::int64_t> strides = strides_of(data.dims);
  std::vector<std::int64_t> index(rank, 0), picks;
  picks.reserve(static_cast<std::size_t>(count));
  for (std::int64_t k = 0; k < count; ++k) {
    std::int64_t at = 0;
    for (std::size_t a = 0; a < rank; ++a) at += index[a] * strides[static_cast<std::size_t>(perm[a])];
    picks.push_back(at);
    for (std::size_t a = rank; a-- > 0;) {
      if (++index[a] < out_dims[a]) break;
      index[a] = 0;
    }
  }
  return picked(data, std::move(out_dims), picks);
}

tensor eval_reshape(const operands& in) {
  const node& n = in.n;
  const tensor& data = in.required(0, "'data'");
  const tensor& shape = in.required(1, "'shape'");
  if (shape.type != data_type::int64) n.fail("input 'shape' must be int64, got " + describe(shape));
  in.attribute_since("allowzero", 14);
  tensor out = data;
  out.dims = reshape_dims(n, data.dims, int_list(in, shape, "'shape'"), n.attr_int("allowzero", 0) != 0);
  return out;
}

}  // namespace detail

}  // namespace convshape::cli::onnx
