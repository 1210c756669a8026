// convshape command line: a layer request, as the query protocol and the
// subcommands give it, checked and answered by the constexpr core.
// (The protocol: ../shared/spec/shape-query.md, also in the README.)
#pragma once

#include <convshape/convshape.hpp>

#include <array>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace convshape::cli {

/// A request that cannot be answered because it is malformed: the message
/// names the key and the value.
class bad_request : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class op : unsigned char { conv, conv_transpose, max_pool, avg_pool };

constexpr bool is_pool(op kind) noexcept { return kind == op::max_pool || kind == op::avg_pool; }

/// One layer on one input. Vectors have one entry per spatial dimension
/// (input: the whole shape, in the layout's memory order).
struct request {
  op kind = op::conv;
  convshape::layout layout = convshape::layout::nchw;
  convshape::framework framework = convshape::framework::generic;
  std::vector<std::int64_t> input;
  std::int64_t filters = 0;
  std::vector<std::int64_t> kernel, strides, dilation, output_padding;
  padding_mode padding = padding_mode::valid;
  std::vector<std::int64_t> pad_begin, pad_end;  // explicit pads only
  std::int64_t groups = 1;
  bool ceil_mode = false;
};

/// The output shape (memory order) and the pads applied, or why there is none.
struct answer {
  bool ok = false;
  std::vector<std::int64_t> output, pad_begin, pad_end;
  std::string error;
};

/// The keys a request may have (the request table of the protocol).
inline constexpr std::array<std::string_view, 13> request_keys = {
    "op",      "layout",         "input",  "filters",   "kernel",            "strides",  "dilation",
    "padding", "output_padding", "groups", "ceil_mode", "count_include_pad", "framework"};

/// Parses one JSON request object; throws bad_request.
request parse_request(std::string_view json_text);

/// Answers a well-formed request: the library's output or its rejection.
answer evaluate(const request& r);

/// One line of the query protocol to one answer line (no newline): the
/// output, or {"error": ...} for any input, malformed or not. Never throws.
std::string answer_line(std::string_view line) noexcept;

/// Names as the protocol spells them.
op op_from(std::string_view name);                        // conv, conv_transpose, max_pool, avg_pool
const char* op_name(op kind) noexcept;
convshape::layout layout_from(std::string_view name);     // NCW, NHWC, ... (any case)
convshape::framework framework_from(std::string_view name);  // generic, torch, keras, onnx
padding_mode padding_from(std::string_view name);         // valid, same, same_lower, causal (any case)

}  // namespace convshape::cli
