// The ops that compute values element by element with numpy's broadcasting:
// Add, Sub, Mul, Div (overflow and division by zero refused), Equal, Where,
// and Floor, Ceil, Sqrt on reals.
#include <cmath>
#include <limits>
#include <string>
#include <utility>

#include "constant.hpp"
#include "detail/operands.hpp"

namespace convshape::cli::onnx::detail {

namespace {

/// For each element of a tensor of dims `out`, the index of the element of a
/// tensor of dims `in` that broadcasting reads.
std::vector<std::int64_t> broadcast_picks(std::span<const std::int64_t> out, std::span<const std::int64_t> in,
                                          std::int64_t count) {
  // The input's strides, aligned to the output's last dims; 0 where it is broadcast.
  std::vector<std::int64_t> strides(out.size(), 0);
  const std::vector<std::int64_t> own = strides_of(in);
  const std::size_t offset = out.size() - in.size();
  for (std::size_t i = 0; i < in.size(); ++i) strides[offset + i] = in[i] == 1 ? 0 : own[i];
  std::vector<std::int64_t> index(out.size(), 0), picks;
  picks.reserve(static_cast<std::size_t>(count));
  std::int64_t at = 0;
  for (std::int64_t k = 0; k < count; ++k) {
    picks.push_back(at);
    for (std::size_t a = out.size(); a-- > 0;) {
      at += strides[a];
      if (++index[a] < out[a]) break;
      at -= strides[a] * index[a];
      index[a] = 0;
    }
  }
  return picks;
}

/// Two inputs of one numeric type (bool excluded), broadcast to each other.
struct pair_of {
  const tensor &a, &b;
  std::vector<std::int64_t> dims, picks_a, picks_b;
};

pair_of broadcast_pair(const operands& in, bool allow_bool) {
  const node& n = in.n;
  const tensor& a = in.required(0, "'A'");
  const tensor& b = in.required(1, "'B'");
  if (a.type != b.type) n.fail("inputs A and B must be of one type, got " + describe(a) + " and " + describe(b));
  if ((!is_integer(a.type) && !is_real(a.type)) || (a.type == data_type::boolean && !allow_bool))
    n.fail("inputs of type " + type_name(a.type) + " are not supported");
  std::vector<std::int64_t> dims = broadcast_dims(n, a.dims, b.dims);
  const std::int64_t count = checked_count(n, dims);
  std::vector<std::int64_t> picks_a = broadcast_picks(dims, a.dims, count), picks_b = broadcast_picks(dims, b.dims, count);
  return {a, b, std::move(dims), std::move(picks_a), std::move(picks_b)};
}

/// An arithmetic op: `int_op` on integers (false on int64 overflow),
/// `real_op` on reals; both see the operands' text for messages.
template <class IntOp, class RealOp>
tensor arithmetic(const operands& in, const char* symbol, IntOp int_op, RealOp real_op) {
  const node& n = in.n;
  const pair_of p = broadcast_pair(in, false);
  tensor out{p.a.type, p.dims, {}, {}};
  const int_range range = range_of(out.type);
  for (std::size_t i = 0; i < p.picks_a.size(); ++i) {
    const auto ia = static_cast<std::size_t>(p.picks_a[i]), ib = static_cast<std::size_t>(p.picks_b[i]);
    if (is_integer(out.type)) {
      const std::int64_t x = p.a.ints[ia], y = p.b.ints[ib];
      const auto expression = [&] { return std::to_string(x) + " " + symbol + " " + std::to_string(y); };
      std::int64_t r = 0;
      if (!int_op(n, x, y, r)) n.fail("int64 overflow: " + expression());
      if (r < range.min || r > range.max)
        n.fail(expression() + " = " + std::to_string(r) + " is out of the " + type_name(out.type) + " range");
      out.ints.push_back(r);
    } else {
      const double x = p.a.reals[ia], y = p.b.reals[ib];
      const double r = real_op(n, x, y);
      if (std::isfinite(x) && std::isfinite(y) && std::isinf(r))
        n.fail("the result of " + real_text(x) + " " + symbol + " " + real_text(y) + " is out of the " +
               type_name(out.type) + " range");
      out.reals.push_back(out.type == data_type::float32 ? to_float32(n, r) : r);
    }
  }
  return out;
}

[[noreturn]] void division_by_zero(const node& n, const std::string& dividend) {
  n.fail("division by zero: " + dividend + " / 0");
}

/// Floor, Ceil, Sqrt: on reals only.
template <class Op>
tensor real_function(const operands& in, Op op) {
  const tensor& x = in.required(0, "'X'");
  if (!is_real(x.type)) in.n.fail("input X must be float or double, got " + describe(x));
  tensor out = x;
  for (double& v : out.reals) v = out.type == data_type::float32 ? to_float32(in.n, op(v)) : op(v);
  return out;
}

}  // namespace

tensor eval_add(const operands& in) {
  return arithmetic(
      in, "+", [](const node&, std::int64_t x, std::int64_t y, std::int64_t& r) { return !__builtin_add_overflow(x, y, &r); },
      [](const node&, double x, double y) { return x + y; });
}

tensor eval_sub(const operands& in) {
  return arithmetic(
      in, "-", [](const node&, std::int64_t x, std::int64_t y, std::int64_t& r) { return !__builtin_sub_overflow(x, y, &r); },
      [](const node&, double x, double y) { return x - y; });
}

tensor eval_mul(const operands& in) {
  return arithmetic(
      in, "*", [](const node&, std::int64_t x, std::int64_t y, std::int64_t& r) { return !__builtin_mul_overflow(x, y, &r); },
      [](const node&, double x, double y) { return x * y; });
}

tensor eval_div(const operands& in) {
  return arithmetic(
      in, "/",
      [](const node& n, std::int64_t x, std::int64_t y, std::int64_t& r) {
        if (y == 0) division_by_zero(n, std::to_string(x));
        if (x == std::numeric_limits<std::int64_t>::min() && y == -1) return false;
        r = x / y;  // truncated toward zero, as ONNX Runtime's Div (C++ `/`)
        return true;
      },
      [](const node& n, double x, double y) {
        if (y == 0.0) division_by_zero(n, real_text(x));
        return x / y;
      });
}

tensor eval_equal(const operands& in) {
  const pair_of p = broadcast_pair(in, true);
  tensor out{data_type::boolean, p.dims, {}, {}};
  for (std::size_t i = 0; i < p.picks_a.size(); ++i) {
    const auto ia = static_cast<std::size_t>(p.picks_a[i]), ib = static_cast<std::size_t>(p.picks_b[i]);
    out.ints.push_back(is_real(p.a.type) ? p.a.reals[ia] == p.b.reals[ib] : p.a.ints[ia] == p.b.ints[ib]);
  }
  return out;
}

tensor eval_where(const operands& in) {
  const node& n = in.n;
  const tensor& condition = in.required(0, "'condition'");
  const tensor& x = in.required(1, "'X'");
  const tensor& y = in.required(2, "'Y'");
  if (condition.type != data_type::boolean) n.fail("input condition must be bool, got " + describe(condition));
  if (x.type != y.type) n.fail("inputs X and Y must be of one type, got " + describe(x) + " and " + describe(y));
  if (!is_integer(x.type) && !is_real(x.type)) n.fail("inputs of type " + type_name(x.type) + " are not supported");
  const std::vector<std::int64_t> dims = broadcast_dims(n, broadcast_dims(n, condition.dims, x.dims), y.dims);
  const std::int64_t count = checked_count(n, dims);
  const std::vector<std::int64_t> pc = broadcast_picks(dims, condition.dims, count),
                                  px = broadcast_picks(dims, x.dims, count), py = broadcast_picks(dims, y.dims, count);
  tensor out{x.type, dims, {}, {}};
  for (std::int64_t k = 0; k < count; ++k) {
    const auto i = static_cast<std::size_t>(k);
    const bool take_x = condition.ints[static_cast<std::size_t>(pc[i])] != 0;
    const auto from = static_cast<std::size_t>(take_x ? px[i] : py[i]);
    const tensor& source = take_x ? x : y;
    if (is_real(x.type)) out.reals.push_back(source.reals[from]);
    else out.ints.push_back(source.ints[from]);
  }
  return out;
}

tensor eval_floor(const operands& in) {
  return real_function(in, [](double v) { return std::floor(v); });
}

tensor eval_ceil(const operands& in) {
  return real_function(in, [](double v) { return std::ceil(v); });
}

tensor eval_sqrt(const operands& in) {
  return real_function(in, [&in](double v) {
    if (v < 0.0) in.n.fail("Sqrt of the negative value " + real_text(v));
    return std::sqrt(v);
  });
}

}  // namespace convshape::cli::onnx::detail
