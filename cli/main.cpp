// convshape: the shape calculator on the command line.
//
//   convshape query < requests.jsonl          one JSON answer line per request line
//   convshape conv2d --input 1x28x28x3 --layout nhwc --filters 32 --kernel 3 --stride 2 --padding same
//
// Exit status: 0 when answered (query: every line, errors included), 1 when a
// subcommand's layer is rejected, 2 on bad usage.
#include <CLI/CLI.hpp>

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "request.hpp"

namespace cli = convshape::cli;

namespace {

/// "3", "3x5" or "3,5": one value per dimension, a single one broadcast
/// (except for the input shape, which is given whole).
std::vector<std::int64_t> extents(const std::string& text, std::size_t count, const char* option,
                                  bool broadcast = true) {
  std::vector<std::int64_t> values;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find_first_of("x,", start);
    const std::string part = text.substr(start, end - start);
    std::size_t used = 0;
    std::int64_t v = 0;
    try {
      v = std::stoll(part, &used);
    } catch (const std::out_of_range&) {
      throw cli::bad_request(std::string("--") + option + ": '" + part + "' is out of the int64 range");
    } catch (const std::exception&) {
      used = 0;
    }
    if (part.empty() || used != part.size())
      throw cli::bad_request(std::string("--") + option + ": '" + text + "' is not a number or AxB...");
    values.push_back(v);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  if (broadcast && values.size() == 1) values.assign(count, values[0]);
  if (values.size() != count)
    throw cli::bad_request(std::string("--") + option + ": '" + text + "' needs " + (broadcast ? "1 or " : "") +
                           std::to_string(count) + " values");
  return values;
}

/// valid | same | same_lower | causal | 1 | 1x2 | begin:end with begin, end as 1x0 and 2x1 (or 1,0:2,1).
void parse_padding(cli::request& r, const std::string& text, std::size_t n) {
  const std::size_t colon = text.find(':');
  if (colon != std::string::npos) {
    r.padding = convshape::padding_mode::explicit_pads;
    r.pad_begin = extents(text.substr(0, colon), n, "padding");
    r.pad_end = extents(text.substr(colon + 1), n, "padding");
  } else if (!text.empty() && (std::isdigit(static_cast<unsigned char>(text[0])) || text[0] == '-')) {
    r.padding = convshape::padding_mode::explicit_pads;
    r.pad_begin = r.pad_end = extents(text, n, "padding");
  } else {
    r.padding = cli::padding_from(text);
  }
}

std::string joined(const std::vector<std::int64_t>& v, const char* separator) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? separator : "") + std::to_string(v[i]);
  return out;
}

/// Reads request lines until end of input, answering each.
int query() {
  std::ios::sync_with_stdio(false);
  std::string line;
  while (std::getline(std::cin, line)) std::cout << cli::answer_line(line) << '\n';
  std::cout.flush();
  return 0;
}

struct layer_options {
  std::string input, layout, kernel, stride, dilation = "1", padding = "valid", output_padding = "0",
                     framework = "generic";
  std::int64_t filters = 0, groups = 1;
  bool ceil_mode = false;
};

int layer(cli::op kind, std::size_t rank, const layer_options& o) {
  cli::request r;
  r.kind = kind;
  constexpr convshape::layout channels_first[] = {convshape::layout::ncw, convshape::layout::nchw,
                                                  convshape::layout::ncdhw};
  r.layout = o.layout.empty() ? channels_first[rank - 1] : cli::layout_from(o.layout);
  if (convshape::spatial_rank(r.layout) != rank)
    throw cli::bad_request("--layout " + o.layout + " is not a " + std::to_string(rank) + "-D layout");
  r.framework = cli::framework_from(o.framework);
  r.input = extents(o.input, rank + 2, "input", /*broadcast=*/false);
  r.kernel = extents(o.kernel, rank, "kernel");
  const bool pool = kind == cli::op::max_pool || kind == cli::op::avg_pool;
  r.strides = o.stride.empty() ? (pool ? r.kernel : std::vector<std::int64_t>(rank, 1)) : extents(o.stride, rank, "stride");
  r.dilation = extents(o.dilation, rank, "dilation");
  r.output_padding = extents(o.output_padding, rank, "output-padding");
  r.filters = o.filters;
  r.groups = o.groups;
  r.ceil_mode = o.ceil_mode;
  parse_padding(r, o.padding, rank);

  const cli::answer a = cli::evaluate(r);
  if (!a.ok) {
    std::cout << "rejected: " << a.error << '\n';
    return 1;
  }
  std::cout << "output  " << convshape::name(r.layout) << "(" << joined(a.output, ", ") << ")\n";
  for (std::size_t i = 0; i < rank; ++i)
    std::cout << "pads    spatial dim " << i << ": " << a.pad_begin[i] << " before, " << a.pad_end[i] << " after\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"convshape: output shapes of convolution-family layers, generic or as PyTorch, Keras or ONNX compute them"};
  app.require_subcommand(1);
  app.add_subcommand("query", "Answer JSON-lines shape requests from standard input (see the README)");

  layer_options options;
  struct named {
    const char* name;
    cli::op kind;
    std::size_t rank;
  };
  const named layers[] = {
      {"conv1d", cli::op::conv, 1},           {"conv2d", cli::op::conv, 2},
      {"conv3d", cli::op::conv, 3},           {"conv1d_transpose", cli::op::conv_transpose, 1},
      {"conv2d_transpose", cli::op::conv_transpose, 2}, {"conv3d_transpose", cli::op::conv_transpose, 3},
      {"max_pool1d", cli::op::max_pool, 1},   {"max_pool2d", cli::op::max_pool, 2},
      {"max_pool3d", cli::op::max_pool, 3},   {"avg_pool1d", cli::op::avg_pool, 1},
      {"avg_pool2d", cli::op::avg_pool, 2},   {"avg_pool3d", cli::op::avg_pool, 3},
  };
  for (const named& l : layers) {
    const bool pool = l.kind == cli::op::max_pool || l.kind == cli::op::avg_pool;
    CLI::App* sub = app.add_subcommand(l.name, std::string("The output shape and pads of ") + l.name);
    sub->add_option("--input", options.input, "input shape in the layout's order, e.g. 1x28x28x3")->required();
    sub->add_option("--layout", options.layout,
                    l.rank == 1   ? "ncw (default) or nwc"
                    : l.rank == 2 ? "nchw (default) or nhwc"
                                  : "ncdhw (default) or ndhwc");
    sub->add_option("--kernel", options.kernel, pool ? "window: 3 or 3x5" : "kernel: 3 or 3x5")->required();
    sub->add_option("--stride", options.stride, pool ? "strides (default: the window)" : "strides (default 1)");
    sub->add_option("--padding", options.padding, "valid, same, same_lower, causal, 1, 1x2, or begin:end as 1x0:2x1 (or 1,0:2,1)")
        ->capture_default_str();
    sub->add_option("--framework", options.framework, "generic, torch, keras or onnx")->capture_default_str();
    if (l.kind != cli::op::avg_pool) sub->add_option("--dilation", options.dilation, "dilation")->capture_default_str();
    if (!pool) {
      sub->add_option("--filters", options.filters, "output channels")->required();
      sub->add_option("--groups", options.groups, "groups")->capture_default_str();
    }
    if (l.kind == cli::op::conv_transpose)
      sub->add_option("--output-padding", options.output_padding, "output padding")->capture_default_str();
    if (pool) sub->add_flag("--ceil-mode", options.ceil_mode, "let a partial last window count");
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  try {
    if (app.got_subcommand("query")) return query();
    for (const named& l : layers)
      if (app.got_subcommand(l.name)) return layer(l.kind, l.rank, options);
  } catch (const cli::bad_request& e) {
    std::cerr << "convshape: " << e.what() << '\n';
    return 2;
  }
  return 2;
}
