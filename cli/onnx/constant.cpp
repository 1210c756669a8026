// evaluate(): the dispatch by op type and what every op shares; the ops that
// make values rather than move them (Constant, Identity, Cast,
// ConstantOfShape, Range).
#include "constant.hpp"

#include <algorithm>
#include <array>
#include <cfloat>
#include <cmath>
#include <limits>
#include <string>
#include <utility>

#include "detail/operands.hpp"

namespace convshape::cli::onnx {

namespace detail {

namespace {

std::string input_label(std::size_t i, std::string_view role) {
  return "input " + std::to_string(i) + " (" + std::string(role) + ")";
}

}  // namespace

const tensor* operands::optional(std::size_t i, std::string_view role) const {
  if (!n.has_input(i)) return nullptr;
  const tensor* value = i < values_.size() ? values_[i] : nullptr;
  if (value == nullptr) n.fail(input_label(i, role) + ", " + quote_name(n.input(i)) + ", has no constant value");
  return value;
}

const tensor& operands::required(std::size_t i, std::string_view role) const {
  if (!n.has_input(i)) n.fail(input_label(i, role) + " is required, and the node omits it");
  return *optional(i, role);
}

void operands::attribute_since(std::string_view attribute, std::int64_t since) const {
  if (opset < since && n.has(attribute))
    n.fail("attribute " + quote_name(attribute) + " exists from opset " + std::to_string(since) + " on, and the model's is " +
           std::to_string(opset));
}

std::vector<std::int64_t> int_list(const operands& in, const tensor& t, std::string_view role) {
  if (!is_integer(t.type) || t.type == data_type::boolean)
    in.n.fail("input " + std::string(role) + " must be of an integer type, got " + describe(t));
  if (t.rank() > 1) in.n.fail("input " + std::string(role) + " must be 1-D, got " + describe(t));
  return t.ints;
}

std::int64_t normalized_axis(const node& n, std::int64_t axis, std::int64_t rank) {
  if (axis < -rank || axis >= rank)
    n.fail("axis " + std::to_string(axis) + " is out of range for rank " + std::to_string(rank) +
           (rank > 0 ? " (" + std::to_string(-rank) + " to " + std::to_string(rank - 1) + ")" : std::string()));
  return axis < 0 ? axis + rank : axis;
}

std::int64_t checked_count(const node& n, std::span<const std::int64_t> dims) {
  const std::optional<std::int64_t> count = element_count(dims);
  if (!count) n.fail("the output dims " + listed(dims) + " have more elements than int64 can count");
  if (*count > max_folded_elements)
    n.fail("the output would have " + std::to_string(*count) + " elements (dims " + listed(dims) +
           "), more than the limit of " + std::to_string(max_folded_elements) + " for shape arithmetic");
  return *count;
}

std::vector<std::int64_t> strides_of(std::span<const std::int64_t> dims) {
  std::vector<std::int64_t> strides(dims.size(), 1);
  for (std::size_t i = dims.size(); i-- > 1;) strides[i - 1] = strides[i] * dims[i];
  return strides;
}

tensor picked(const tensor& src, std::vector<std::int64_t> dims, std::span<const std::int64_t> picks) {
  tensor out{src.type, std::move(dims), {}, {}};
  const auto at = [](std::int64_t i) { return static_cast<std::size_t>(i); };
  if (is_real(src.type)) {
    out.reals.reserve(picks.size());
    for (const std::int64_t i : picks) out.reals.push_back(src.reals[at(i)]);
  } else {
    out.ints.reserve(picks.size());
    for (const std::int64_t i : picks) out.ints.push_back(src.ints[at(i)]);
  }
  return out;
}

std::int64_t in_type_range(const node& n, std::int64_t v, data_type type, const std::string& what) {
  const int_range r = range_of(type);
  if (v < r.min || v > r.max) n.fail(what + " is out of the " + type_name(type) + " range");
  return v;
}

double to_float32(const node& n, double v) {
  if (std::isfinite(v) && std::fabs(v) > FLT_MAX) n.fail("the value " + real_text(v) + " is out of the float range");
  return static_cast<float>(v);
}

namespace {

/// A stored tensor's values, or why there are none.
tensor values_of(const node& n, const stored_tensor& t, std::string_view attribute) {
  if (t.value) return *t.value;
  const std::string why = t.external                                      ? "its data is in an external file"
                          : !(is_integer(t.type) || is_real(t.type))      ? type_name(t.type) + " values are not read"
                                                                          : "it is too large, or stores no values";
  n.fail("attribute " + quote_name(attribute) + " (" + type_name(t.type) + ", dims " + listed(t.dims) +
         ") has no values to evaluate: " + why);
}

/// An integer value cast to `type`: bool is whether it is not 0; another
/// type must hold the value.
std::int64_t as_integer_type(const node& n, std::int64_t v, data_type type) {
  if (type == data_type::boolean) return v != 0;
  return in_type_range(n, v, type, "the value " + std::to_string(v));
}

/// A real value cast to an integer type: truncated toward zero, refused
/// when not finite or out of range.
std::int64_t real_to_integer(const node& n, double v, data_type type) {
  if (type == data_type::boolean) return v != 0.0;
  const double t = std::trunc(v);
  constexpr double two_to_63 = 9223372036854775808.0;
  if (!std::isfinite(t) || t < -two_to_63 || t >= two_to_63)
    n.fail("the value " + real_text(v) + " is out of the " + type_name(type) + " range");
  return as_integer_type(n, static_cast<std::int64_t>(t), type);
}

/// The single value of a scalar input of Range (rank 0, or one element).
const tensor& scalar(const operands& in, std::size_t i, std::string_view role) {
  const tensor& t = in.required(i, role);
  if (t.size() != 1 || t.rank() > 1) in.n.fail("input " + std::string(role) + " must be a scalar, got " + describe(t));
  return t;
}

}  // namespace

tensor eval_constant(const operands& in) {
  const node& n = in.n;
  static constexpr std::array<std::string_view, 8> forms = {"value",        "value_float", "value_floats",
                                                            "value_int",    "value_ints",  "value_string",
                                                            "value_strings", "sparse_value"};
  std::string_view given;
  int count = 0;
  for (const std::string_view form : forms)
    if (n.has(form)) {
      given = form;
      ++count;
    }
  if (count != 1)
    n.fail("exactly one of the attributes value, value_float(s), value_int(s), value_string(s), sparse_value must "
           "be given, not " + std::to_string(count));
  for (const std::string_view form : std::span(forms).subspan(1, 6)) in.attribute_since(form, 12);
  if (given == "value") return values_of(n, n.attr_tensor(given), given);
  if (given == "value_int") return int_scalar(n.attr_int(given));
  if (given == "value_ints") return int_vector(n.attr_ints(given));
  if (given == "value_float") return real_tensor({}, {n.attr_float(given)});
  if (given == "value_floats") {
    std::vector<double> values = n.attr_floats(given);
    const auto size = static_cast<std::int64_t>(values.size());
    return real_tensor({size}, std::move(values));
  }
  n.fail("attribute " + quote_name(given) + " is not supported: shape arithmetic is on numbers");
}

tensor eval_identity(const operands& in) { return in.required(0, "input"); }

tensor eval_cast(const operands& in) {
  const node& n = in.n;
  const tensor& x = in.required(0, "input");
  const auto to = static_cast<data_type>(n.attr_int("to"));
  if (!is_integer(to) && !is_real(to)) n.fail("Cast to " + type_name(to) + " is not supported");
  tensor out{to, x.dims, {}, {}};
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (is_integer(x.type) && is_integer(to)) {
      out.ints.push_back(as_integer_type(n, x.ints[i], to));
    } else if (is_integer(x.type)) {  // to a real type: rounded once, to the target's precision
      const std::int64_t v = x.ints[i];
      out.reals.push_back(to == data_type::float32 ? static_cast<double>(static_cast<float>(v)) : static_cast<double>(v));
    } else if (is_integer(to)) {
      out.ints.push_back(real_to_integer(n, x.reals[i], to));
    } else {
      out.reals.push_back(to == data_type::float32 ? to_float32(n, x.reals[i]) : x.reals[i]);
    }
  }
  return out;
}

tensor eval_constant_of_shape(const operands& in) {
  const node& n = in.n;
  const tensor& shape_input = in.required(0, "input");
  if (shape_input.type != data_type::int64) n.fail("input 'input' must be int64, got " + describe(shape_input));
  std::vector<std::int64_t> dims = int_list(in, shape_input, "'input'");
  for (const std::int64_t d : dims)
    if (d < 0) n.fail("the shape " + listed(dims) + " has a negative dim");
  const auto count = static_cast<std::size_t>(checked_count(n, dims));
  tensor fill = real_tensor({}, {0.0});  // ONNX's default: a float 0
  if (n.has("value")) {
    fill = values_of(n, n.attr_tensor("value"), "value");
    if (fill.size() != 1) n.fail("attribute 'value' must hold one value, got " + describe(fill));
  }
  tensor out{fill.type, std::move(dims), {}, {}};
  if (is_real(fill.type)) out.reals.assign(count, fill.reals[0]);
  else out.ints.assign(count, fill.ints[0]);
  return out;
}

tensor eval_range(const operands& in) {
  const node& n = in.n;
  const tensor& start = scalar(in, 0, "'start'");
  const tensor& limit = scalar(in, 1, "'limit'");
  const tensor& delta = scalar(in, 2, "'delta'");
  if (start.type != limit.type || start.type != delta.type || start.type == data_type::boolean)
    n.fail("start, limit and delta must be of one numeric type, got " + describe(start) + ", " + describe(limit) +
           ", " + describe(delta));
  if (is_integer(start.type)) {
    const std::int64_t first = start.ints[0], step = delta.ints[0];
    if (step == 0) n.fail("delta is 0");
    std::int64_t span = 0;
    if (__builtin_sub_overflow(limit.ints[0], first, &span))
      n.fail("limit - start overflows int64: " + std::to_string(limit.ints[0]) + " - " + std::to_string(first));
    // ceil(span / step), and no element when it is not positive.
    std::int64_t count = span / step;
    if (span % step != 0 && (span > 0) == (step > 0)) ++count;
    const std::vector<std::int64_t> dims{std::max<std::int64_t>(count, 0)};
    tensor out = int_tensor(dims, {}, start.type);
    for (std::int64_t i = 0, size = checked_count(n, dims); i < size; ++i) out.ints.push_back(first + i * step);
    return out;
  }
  const double first = start.reals[0], step = delta.reals[0];
  if (step == 0.0) n.fail("delta is 0");
  const double count = std::ceil((limit.reals[0] - first) / step);
  if (!(count <= static_cast<double>(max_folded_elements)))  // also NaN
    n.fail("the range from " + describe(start) + " to " + describe(limit) + " by " + describe(delta) +
           " has more than " + std::to_string(max_folded_elements) + " elements, the limit for shape arithmetic");
  const std::vector<std::int64_t> dims{count > 0 ? static_cast<std::int64_t>(count) : 0};
  tensor out = real_tensor(dims, {}, start.type);
  // As ONNX Runtime: each element is the previous plus delta, in the type.
  double value = first;
  for (std::int64_t i = 0; i < dims[0]; ++i) {
    out.reals.push_back(value);
    value = start.type == data_type::float32 ? to_float32(n, value + step) : value + step;
  }
  return out;
}

}  // namespace detail

namespace {

using evaluator = tensor (*)(const detail::operands&);

constexpr std::array<std::pair<std::string_view, evaluator>, 22> evaluators = {{
    {"Add", detail::eval_add},
    {"Cast", detail::eval_cast},
    {"Ceil", detail::eval_ceil},
    {"Concat", detail::eval_concat},
    {"Constant", detail::eval_constant},
    {"ConstantOfShape", detail::eval_constant_of_shape},
    {"Div", detail::eval_div},
    {"Equal", detail::eval_equal},
    {"Floor", detail::eval_floor},
    {"Gather", detail::eval_gather},
    {"Identity", detail::eval_identity},
    {"Mul", detail::eval_mul},
    {"Range", detail::eval_range},
    {"Reshape", detail::eval_reshape},
    {"Shape", detail::eval_shape},
    {"Slice", detail::eval_slice},
    {"Sqrt", detail::eval_sqrt},
    {"Squeeze", detail::eval_squeeze},
    {"Sub", detail::eval_sub},
    {"Transpose", detail::eval_transpose},
    {"Unsqueeze", detail::eval_unsqueeze},
    {"Where", detail::eval_where},
}};

evaluator find_evaluator(std::string_view op_type) noexcept {
  for (const auto& [name, f] : evaluators)
    if (name == op_type) return f;
  return nullptr;
}

}  // namespace

bool can_evaluate(std::string_view op_type) noexcept { return find_evaluator(op_type) != nullptr; }

tensor evaluate(const node& n, std::span<const tensor* const> inputs, std::int64_t opset) {
  const evaluator f = find_evaluator(n.op_type);
  if (f == nullptr) n.fail("op type " + quote_name(n.op_type) + " is not one that shape arithmetic is evaluated with");
  return f(detail::operands(n, inputs, opset));
}

}  // namespace convshape::cli::onnx
