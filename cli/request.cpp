#include "request.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstddef>
#include <limits>
#include <optional>
#include <type_traits>
#include <utility>

namespace convshape::cli {

namespace {

using json = nlohmann::json;

std::string lower(std::string_view s) {
  std::string out(s);
  std::ranges::transform(out, out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

/// A value as the request wrote it, cut short: messages stay one line.
std::string shown(const json& v) {
  std::string text = v.dump(-1, ' ', false, json::error_handler_t::replace);
  return text.size() <= 40 ? text : text.substr(0, 37) + "...";
}

std::string quoted(std::string_view name) {
  return "'" + std::string(name.substr(0, 40)) + (name.size() > 40 ? "...'" : "'");
}

std::int64_t integer(const json& v, const std::string& key) {
  constexpr double two_to_63 = 9223372036854775808.0;
  // nlohmann/json keeps integers beyond int64 as uint64, or beyond uint64 as
  // double (-9223372036854775809 rounds to exactly -2^63 there).
  const bool too_big =
      (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) ||
      (v.is_number_float() && std::abs(v.get<double>()) >= two_to_63);
  if (too_big) throw bad_request("'" + key + "' is out of the int64 range: " + shown(v));
  if (!v.is_number_integer()) throw bad_request("'" + key + "' must be an integer, got " + shown(v));
  return v.get<std::int64_t>();
}

/// "1 entry", "4 entries".
std::string entries(std::size_t count) { return std::to_string(count) + (count == 1 ? " entry" : " entries"); }

std::vector<std::int64_t> integers(const json& v, const std::string& key, std::size_t count) {
  if (!v.is_array()) throw bad_request("'" + key + "' must be an array of integers, got " + shown(v));
  if (v.size() != count)
    throw bad_request("'" + key + "' must have " + entries(count) + ", got " + std::to_string(v.size()));
  std::vector<std::int64_t> out;
  for (const json& e : v) out.push_back(integer(e, key));
  return out;
}

/// A per-dimension parameter: one entry per spatial dimension, or one
/// integer for all of them, as the library's per_dim takes it.
std::vector<std::int64_t> per_dimension(const json& v, const std::string& key, std::size_t n) {
  if (v.is_number()) return std::vector<std::int64_t>(n, integer(v, key));
  if (!v.is_array()) throw bad_request("'" + key + "' must be an integer or an array of integers, got " + shown(v));
  return integers(v, key, n);
}

/// Explicit pads, in any of the three forms of the protocol: one integer for
/// every side, n entries (each dimension's pad on both of its sides, PyTorch
/// order) or 2n (every begin, then every end, ONNX order).
void read_pads(const json& v, std::size_t n, request& r) {
  r.padding = padding_mode::explicit_pads;
  if (v.is_number()) {
    r.pad_begin = r.pad_end = std::vector<std::int64_t>(n, integer(v, "padding"));
    return;
  }
  if (!v.is_array())
    throw bad_request("'padding' must be a mode name, an integer or an array of integers, got " + shown(v));
  if (v.size() != n && v.size() != 2 * n)
    throw bad_request("'padding' must have " + entries(n) + " (the pad on both sides of each dimension) or " +
                      std::to_string(2 * n) + " (every begin, then every end), got " + std::to_string(v.size()));
  const std::vector<std::int64_t> all = integers(v, "padding", v.size());
  const auto middle = all.begin() + static_cast<std::ptrdiff_t>(n);
  r.pad_begin.assign(all.begin(), middle);
  r.pad_end = v.size() == n ? r.pad_begin : std::vector<std::int64_t>(middle, all.end());
}

const json& required(const json& o, const char* key) {
  const auto it = o.find(key);
  if (it == o.end()) throw bad_request(std::string("missing key '") + key + "'");
  return *it;
}

std::string text(const json& v, const char* key) {
  if (!v.is_string()) throw bad_request(std::string("'") + key + "' must be a string, got " + shown(v));
  return v.get<std::string>();
}

template <layout L>
using layout_constant = std::integral_constant<layout, L>;

/// Calls f with the layout as a compile-time constant.
template <class F>
decltype(auto) with_layout(layout l, F&& f) {
  switch (l) {
    case layout::ncw: return f(layout_constant<layout::ncw>{});
    case layout::nwc: return f(layout_constant<layout::nwc>{});
    case layout::nchw: return f(layout_constant<layout::nchw>{});
    case layout::nhwc: return f(layout_constant<layout::nhwc>{});
    case layout::ncdhw: return f(layout_constant<layout::ncdhw>{});
    case layout::ndhwc: return f(layout_constant<layout::ndhwc>{});
  }
  throw bad_request("unknown layout");
}

template <class F>
decltype(auto) with_framework(framework fw, F&& f) {
  switch (fw) {
    case framework::generic: return f(std::integral_constant<framework, framework::generic>{});
    case framework::torch: return f(std::integral_constant<framework, framework::torch>{});
    case framework::keras: return f(std::integral_constant<framework, framework::keras>{});
    case framework::onnx: return f(std::integral_constant<framework, framework::onnx>{});
  }
  throw bad_request("unknown framework");
}

template <std::size_t N>
per_dim<N> dims(const std::vector<std::int64_t>& v) {
  per_dim<N> out;
  for (std::size_t i = 0; i < N; ++i) out[i] = v[i];
  return out;
}

answer rejected(const char* why) {
  answer a;
  a.error = why;
  return a;
}

template <framework F, layout L>
answer plan(const request& r) {
  constexpr std::size_t n = spatial_rank(L);
  // The input in memory order: batch first, channels second or last.
  const std::int64_t channels = is_channels_last(L) ? r.input[n + 1] : r.input[1];
  per_dim<n> spatial;
  for (std::size_t i = 0; i < n; ++i) spatial[i] = r.input[is_channels_last(L) ? i + 1 : i + 2];
  const auto x = try_make_shape<L>(r.input[0], channels, spatial);
  if (!x) return rejected(x.error().what());

  const padding<n> pads = r.padding == padding_mode::explicit_pads
                              ? convshape::pads(dims<n>(r.pad_begin), dims<n>(r.pad_end))
                              : padding<n>{r.padding};
  const auto strides = dims<n>(r.strides);
  result<layer_plan<n>> p = layer_plan<n>{};
  switch (r.kind) {
    case op::conv:
      p = try_plan<F>(*x, conv_params<n>{r.filters, dims<n>(r.kernel), strides, pads, dims<n>(r.dilation), r.groups});
      break;
    case op::conv_transpose:
      p = try_plan<F>(*x, conv_transpose_params<n>{r.filters, dims<n>(r.kernel), strides, pads,
                                                   dims<n>(r.output_padding), dims<n>(r.dilation), r.groups});
      break;
    case op::max_pool:
      p = try_plan<F>(*x, max_pool_params<n>{dims<n>(r.kernel), strides, pads, dims<n>(r.dilation), r.ceil_mode});
      break;
    case op::avg_pool:
      p = try_plan<F>(*x, avg_pool_params<n>{dims<n>(r.kernel), strides, pads, r.ceil_mode});
      break;
  }
  if (!p) return rejected(p.error().what());
  const shape<L> y{x->batch(), p->channels, p->output};
  answer a;
  a.ok = true;
  for (std::size_t i = 0; i < y.rank(); ++i) a.output.push_back(y[i]);
  for (std::size_t i = 0; i < n; ++i) {
    a.pad_begin.push_back(p->pads.begin[i]);
    a.pad_end.push_back(p->pads.end[i]);
  }
  return a;
}

}  // namespace

const char* op_name(op kind) noexcept {
  switch (kind) {
    case op::conv: return "conv";
    case op::conv_transpose: return "conv_transpose";
    case op::max_pool: return "max_pool";
    case op::avg_pool: return "avg_pool";
  }
  return "?";
}

op op_from(std::string_view name) {
  for (op candidate : {op::conv, op::conv_transpose, op::max_pool, op::avg_pool})
    if (name == op_name(candidate)) return candidate;
  throw bad_request("unknown op " + quoted(name) + " (conv, conv_transpose, max_pool, avg_pool)");
}

layout layout_from(std::string_view name) {
  const std::string l = lower(name);
  for (layout candidate : {layout::ncw, layout::nwc, layout::nchw, layout::nhwc, layout::ncdhw, layout::ndhwc})
    if (l == lower(convshape::name(candidate))) return candidate;
  throw bad_request("unknown layout " + quoted(name) + " (NCW, NWC, NCHW, NHWC, NCDHW, NDHWC)");
}

framework framework_from(std::string_view name) {
  for (framework candidate : {framework::generic, framework::torch, framework::keras, framework::onnx})
    if (name == convshape::name(candidate)) return candidate;
  throw bad_request("unknown framework " + quoted(name) + " (generic, torch, keras, onnx)");
}

padding_mode padding_from(std::string_view name) {
  const std::string l = lower(name);  // "SAME" as TF and ONNX write it
  for (padding_mode m : {padding_mode::valid, padding_mode::same, padding_mode::same_lower, padding_mode::causal})
    if (l == convshape::name(m)) return m;
  throw bad_request("unknown padding " + quoted(name) + " (valid, same, same_lower, causal, or pads)");
}

namespace {

/// Whether brackets nest deeper than any request needs. nlohmann/json parses
/// recursively, so a line of 100,000 '[' would overflow the stack.
bool too_deep(std::string_view text, int limit) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return true;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}

/// nlohmann/json's message without its tag ("[json.exception.parse_error.101]
/// parse error at line 1, "), cut short: it quotes what it last read.
std::string json_problem(std::string_view what) {
  if (const auto tag = what.find("] "); what.starts_with("[json.exception") && tag != std::string_view::npos)
    what.remove_prefix(tag + 2);
  if (what.starts_with("parse error at line 1, ")) what.remove_prefix(23);
  return what.size() <= 160 ? std::string(what) : std::string(what.substr(0, 157)) + "...";
}

/// Levenshtein distance: the fewest one-character insertions, deletions and
/// substitutions that turn `a` into `b`.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t substituted = diagonal + (a[i - 1] != b[j - 1]);
      diagonal = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, substituted});
    }
  }
  return row[b.size()];
}

/// Names the key a typo most likely meant: the closest known key, if at most
/// half of the typo's characters differ ("stride", "kernel_size"); otherwise
/// lists the keys.
std::string unknown_key(std::string_view key) {
  std::string_view closest;
  std::size_t best = key.size() / 2 + 1;  // farther is not close
  if (key.size() <= 64)  // a longer key is farther from every known key than half its length
    for (std::string_view known : request_keys)
      if (const std::size_t d = edit_distance(key, known); d < best) best = d, closest = known;
  std::string message = "unknown key " + quoted(key);
  if (!closest.empty()) return message + "; did you mean " + quoted(closest) + "?";
  message += "; the keys are";
  for (std::string_view known : request_keys)
    message += (known == request_keys.front() ? " " : ", ") + std::string(known);
  return message;
}

/// Parses the line as JSON, and refuses an object whose keys are not the
/// protocol's, or repeat one: either would answer a question other than the
/// one asked (nlohmann/json keeps a repeated key's last value silently).
json parse_object(std::string_view text) {
  // Optional, not empty-means-none: "" is a key too, and an unknown one.
  std::optional<std::string> unknown;
  std::string repeated;
  std::array<bool, request_keys.size()> seen{};
  const json::parser_callback_t check_key = [&](int depth, json::parse_event_t event, json& key) {
    if (depth != 1 || event != json::parse_event_t::key || unknown) return true;
    const std::string& name = key.get_ref<const std::string&>();
    const auto known = std::ranges::find(request_keys, name);
    if (known == request_keys.end()) unknown = name;
    else if (std::exchange(seen[static_cast<std::size_t>(known - request_keys.begin())], true) && repeated.empty())
      repeated = name;
    return true;
  };
  json o;
  try {
    o = json::parse(text, check_key);
  } catch (const json::exception& e) {
    throw bad_request("not valid JSON: " + json_problem(e.what()));
  }
  if (!o.is_object()) throw bad_request("a request must be a JSON object, got " + shown(o));
  if (unknown) throw bad_request(unknown_key(*unknown));
  if (!repeated.empty()) throw bad_request("key " + quoted(std::string_view(repeated)) + " appears twice");
  return o;
}

/// A parameter the op does not have may appear only with its neutral value,
/// as a script writing every key for every op would send it; anything else
/// would be ignored silently, and answer a different question than was asked.
void check_applicable(const json& o, op kind, std::size_t n) {
  const bool pool = is_pool(kind);
  const auto refuse = [&](const char* key) {
    throw bad_request(std::string("'") + key + "' is not a parameter of " + op_name(kind) + ", got " + shown(o[key]));
  };
  const std::vector<std::int64_t> zeros(n, 0), ones(n, 1);
  if (kind != op::conv_transpose && o.contains("output_padding") &&
      per_dimension(o["output_padding"], "output_padding", n) != zeros)
    refuse("output_padding");
  if (kind == op::avg_pool && o.contains("dilation") && per_dimension(o["dilation"], "dilation", n) != ones)
    refuse("dilation");
  if (pool && o.contains("filters")) refuse("filters");
  if (pool && o.contains("groups") && integer(o["groups"], "groups") != 1) refuse("groups");
  if (!pool && o.contains("ceil_mode") && o["ceil_mode"] != json(false)) refuse("ceil_mode");
  if (kind != op::avg_pool && o.contains("count_include_pad")) refuse("count_include_pad");
}

/// A flag: true or false, nothing else.
bool boolean(const json& o, const char* key) {
  if (!o.contains(key)) return false;
  if (!o[key].is_boolean()) throw bad_request(std::string("'") + key + "' must be true or false, got " + shown(o[key]));
  return o[key].get<bool>();
}

}  // namespace

request parse_request(std::string_view json_text) {
  if (json_text.find_first_not_of(" \t\r") == std::string_view::npos)
    throw bad_request("empty line: a request is one JSON object per line");
  if (too_deep(json_text, 16)) throw bad_request("JSON nested deeper than a request can be");
  const json o = parse_object(json_text);

  request r;
  r.kind = op_from(text(required(o, "op"), "op"));
  r.layout = layout_from(text(required(o, "layout"), "layout"));
  if (o.contains("framework")) r.framework = framework_from(text(o["framework"], "framework"));
  const std::size_t n = spatial_rank(r.layout);
  const bool pool = is_pool(r.kind);
  const auto optional = [&](const char* key, std::vector<std::int64_t> fallback) {
    return o.contains(key) ? per_dimension(o[key], key, n) : fallback;
  };

  r.input = integers(required(o, "input"), "input", n + 2);
  r.kernel = per_dimension(required(o, "kernel"), "kernel", n);
  r.strides = optional("strides", pool ? r.kernel : std::vector<std::int64_t>(n, 1));
  r.dilation = optional("dilation", std::vector<std::int64_t>(n, 1));
  r.output_padding = optional("output_padding", std::vector<std::int64_t>(n, 0));
  if (!pool) r.filters = integer(required(o, "filters"), "filters");
  if (o.contains("groups")) r.groups = integer(o["groups"], "groups");
  r.ceil_mode = boolean(o, "ceil_mode");
  boolean(o, "count_include_pad");  // checked, but whether the pads count in the average changes no shape
  check_applicable(o, r.kind, n);
  if (o.contains("padding")) {
    const json& p = o["padding"];
    if (p.is_string()) r.padding = padding_from(p.get<std::string>());
    else read_pads(p, n, r);
  }
  return r;
}

answer evaluate(const request& r) {
  return with_framework(r.framework, [&](auto fw) {
    return with_layout(r.layout, [&](auto l) { return plan<decltype(fw)::value, decltype(l)::value>(r); });
  });
}

std::string answer_line(std::string_view line) noexcept {
  try {
    const answer a = evaluate(parse_request(line));
    return a.ok ? json{{"output", a.output}}.dump()
                : json{{"error", a.error}}.dump(-1, ' ', false, json::error_handler_t::replace);
  } catch (const std::exception& e) {
    try {
      return json{{"error", e.what()}}.dump(-1, ' ', false, json::error_handler_t::replace);
    } catch (...) {
    }
  } catch (...) {
  }
  return R"({"error":"internal error"})";
}

}  // namespace convshape::cli
