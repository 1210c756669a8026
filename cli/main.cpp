// convshape: the shape calculator on the command line.
//
//   convshape query < requests.jsonl          one JSON answer line per request line
//   convshape conv2d --input 1x28x28x3 --layout nhwc --filters 32 --kernel 3 --strides 2 --padding same
//   convshape summary model.json [--json]     a model's every layer, as the library computes it
//   convshape import model.json -o model.hpp  the model as a network that the compiler checks
//
// Exit status: 0 when answered (query: every line, errors included), 1 when a
// subcommand's layer or model is rejected, 2 on bad usage.
#include <CLI/CLI.hpp>
#include <convshape/version.hpp>

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "import/readers.hpp"
#include "import/report.hpp"
#include "import/write.hpp"
#include "request.hpp"

namespace cli = convshape::cli;

namespace {

constexpr const char* readme_section = "Documentation: README.md, section \"The `convshape` command\".";

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

/// A layer subcommand: conv2d, conv2d_transpose, max_pool2d, ..., named as
/// the library's functions.
struct subcommand {
  const char* name;
  cli::op kind;
  std::size_t rank;

  bool pool() const { return cli::is_pool(kind); }
  /// The pool's window is the kernel's counterpart, under the library's name.
  const char* kernel_option() const { return pool() ? "window" : "kernel"; }
};

/// The channels-first layout of a spatial rank (convshape::channels_last
/// gives the other one).
convshape::layout channels_first_layout(std::size_t rank) {
  constexpr convshape::layout first[] = {convshape::layout::ncw, convshape::layout::nchw, convshape::layout::ncdhw};
  return first[rank - 1];
}

struct layer_options {
  std::string input, layout, kernel, strides, dilation = "1", padding = "valid", output_padding = "0",
                     framework = "generic";
  std::int64_t filters = 0, groups = 1;
  bool ceil_mode = false;
};

/// The input's layout: --layout, or channels first where the framework fixes
/// it (PyTorch's and ONNX's tensors are channels first by definition).
/// Elsewhere a default would be a guess that answers for another tensor than
/// the user's (1x28x28x3 read as NCHW has 28 channels and width 3); Keras's
/// data_format, for one, is whatever the user's keras.json says.
convshape::layout input_layout(const layer_options& o, convshape::framework fw, std::size_t rank) {
  if (o.layout.empty()) {
    const convshape::layout channels_first = channels_first_layout(rank);
    if (fw == convshape::framework::torch || fw == convshape::framework::onnx) return channels_first;
    const std::string first = convshape::name(channels_first);
    const std::string last = convshape::name(convshape::channels_last(channels_first));
    throw cli::bad_request("--layout is required with --framework " + o.framework + ": is --input " + o.input + " " +
                           first + " or " + last + "? Add --layout " + first + " or --layout " + last +
                           " (only --framework torch and onnx fix it: channels first)");
  }
  const convshape::layout l = cli::layout_from(o.layout);
  if (convshape::spatial_rank(l) != rank)
    throw cli::bad_request("--layout " + o.layout + " is not a " + std::to_string(rank) + "-D layout");
  return l;
}

/// The library names a layer in its messages after its op and rank
/// ("conv_transpose2d: ..."); the subcommand is named after the library's
/// function (conv2d_transpose), and a rejection says the name the user typed.
std::string as_called(const std::string& message, const subcommand& s) {
  const std::string library_name = cli::op_name(s.kind) + std::to_string(s.rank) + "d";
  const bool named = message.starts_with(library_name) && message.size() > library_name.size() &&
                     (message[library_name.size()] == ':' || message[library_name.size()] == ' ');
  return named ? s.name + message.substr(library_name.size()) : message;
}

int layer(const subcommand& s, const layer_options& o) {
  if (o.kernel.empty()) throw cli::bad_request(std::string("--") + s.kernel_option() + " is required");
  cli::request r;
  r.kind = s.kind;
  r.framework = cli::framework_from(o.framework);
  r.layout = input_layout(o, r.framework, s.rank);
  r.input = extents(o.input, s.rank + 2, "input", /*broadcast=*/false);
  r.kernel = extents(o.kernel, s.rank, s.kernel_option());
  r.strides = o.strides.empty() ? (s.pool() ? r.kernel : std::vector<std::int64_t>(s.rank, 1))
                                : extents(o.strides, s.rank, "strides");
  r.dilation = extents(o.dilation, s.rank, "dilation");
  r.output_padding = extents(o.output_padding, s.rank, "output-padding");
  r.filters = o.filters;
  r.groups = o.groups;
  r.ceil_mode = o.ceil_mode;
  parse_padding(r, o.padding, s.rank);

  const cli::answer a = cli::evaluate(r);
  if (!a.ok) {
    std::cout << "rejected: " << as_called(a.error, s) << '\n';
    return 1;
  }
  std::cout << "output  " << convshape::name(r.layout) << "(" << joined(a.output, ", ") << ")\n";
  for (std::size_t i = 0; i < s.rank; ++i)
    std::cout << "pads    spatial dim " << i << ": " << a.pad_begin[i] << " before, " << a.pad_end[i] << " after\n";
  return 0;
}

/// An option's old spelling, still accepted but not in the help.
struct alias {
  CLI::Option *current, *old;
};

/// How the help shows a per-dimension value: "3" in 1-D, "3 or 3x5" in 2-D.
std::string per_dim_example(std::size_t rank, const char* one, const char* other) {
  if (rank == 1) return one;
  std::string each = one;
  for (std::size_t i = 1; i < rank; ++i) each += std::string("x") + other;
  return std::string(one) + " or " + each;
}

/// Adds a layer subcommand's options, bound to `o`.
void add_layer_options(CLI::App* sub, const subcommand& s, layer_options& o, std::vector<alias>& aliases) {
  const convshape::layout first = channels_first_layout(s.rank);
  const std::string example = s.rank == 1 ? "1x3x100 (NCW), 1x100x3 (NWC)"
                              : s.rank == 2 ? "1x3x28x28 (NCHW), 1x28x28x3 (NHWC)"
                                            : "1x3x8x28x28 (NCDHW), 1x8x28x28x3 (NDHWC)";
  sub->add_option("--input", o.input, "input shape in the layout's order, e.g. " + example)->required();
  sub->add_option("--layout", o.layout,
                  std::string(convshape::name(first)) + " or " + convshape::name(convshape::channels_last(first)) +
                      " (any case); required unless --framework is torch or onnx (channels first)");
  CLI::Option* kernel = sub->add_option("--" + std::string(s.kernel_option()), o.kernel,
                                        std::string(s.pool() ? "pooling window (required): " : "kernel: ") +
                                            per_dim_example(s.rank, "3", "5"));
  CLI::Option* strides = sub->add_option(
      "--strides", o.strides,
      "strides: " + per_dim_example(s.rank, "2", "1") + (s.pool() ? " (default: the window)" : " (default 1)"));
  aliases.push_back({strides, sub->add_option("--stride", o.strides)->group("")});
  if (s.pool()) aliases.push_back({kernel, sub->add_option("--kernel", o.kernel)->group("")});
  else kernel->required();
  const bool causal = s.kind == cli::op::conv && s.rank == 1;  // the library allows it nowhere else
  sub->add_option("--padding", o.padding,
                  std::string("valid, same, same_lower, ") + (causal ? "causal, " : "") + "pads on both sides as " +
                      per_dim_example(s.rank, "1", "2") + ", or begin:end as " +
                      (s.rank == 1 ? "1:0" : s.rank == 2 ? "1x0:2x1 (or 1,0:2,1)" : "1x0x0:2x1x1"))
      ->capture_default_str();
  sub->add_option("--framework", o.framework, "generic, torch, keras or onnx: answer as that framework would")
      ->capture_default_str();
  if (s.kind != cli::op::avg_pool)
    sub->add_option("--dilation", o.dilation, "dilation: " + per_dim_example(s.rank, "1", "2"))->capture_default_str();
  if (!s.pool()) {
    sub->add_option("--filters", o.filters, "output channels")->required();
    sub->add_option("--groups", o.groups, "groups")->capture_default_str();
  }
  if (s.kind == cli::op::conv_transpose)
    sub->add_option("--output-padding", o.output_padding, "output padding: " + per_dim_example(s.rank, "1", "0"))
        ->capture_default_str();
  if (s.pool()) sub->add_flag("--ceil-mode", o.ceil_mode, "let a partial last window count");
}

struct model_options {
  std::string model, output = "-", space;
  std::int64_t batch = 0;
  bool json = false;
};

convshape::cli::model_report checked_model(const model_options& o) {
  convshape::cli::import_options options;
  if (o.batch != 0) options.batch = o.batch;
  const bool onnx = o.model.ends_with(".onnx");
  return convshape::cli::check(onnx ? convshape::cli::read_onnx(o.model, options)
                                    : convshape::cli::read_keras(o.model, options));
}

int summarize(const model_options& o) {
  const auto report = checked_model(o);
  if (o.json) {
    std::cout << convshape::cli::summary_json(report);
    return 0;
  }
  std::cout << report.name << " (" << report.source << "), " << report.conventions << " conventions\n"
            << report.summary;
  return 0;
}

int import_model(const model_options& o) {
  const auto report = checked_model(o);
  const std::string space = o.space.empty() ? convshape::cli::identifier_from(report.name) : o.space;
  if (convshape::cli::identifier_from(space) != space)
    throw cli::bad_request("--namespace '" + space + "' is not a C++ identifier");
  const std::string text = convshape::cli::header_text(report, space);
  if (o.output == "-") {
    std::cout << text;
    return 0;
  }
  std::ofstream out(o.output, std::ios::binary);
  if (!(out << text) || !out.flush()) throw convshape::cli::import_error(o.output + ": cannot be written");
  return 0;
}

void add_model_options(CLI::App* sub, model_options& o) {
  sub->add_option("model", o.model, "the model: Keras topology JSON (model.to_json(), TensorFlow.js model.json)")
      ->required();
  sub->add_option("--batch", o.batch, "the batch size, where the model leaves it open")->check(CLI::PositiveNumber);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"convshape: output shapes of convolution-family layers, generic or as PyTorch, Keras or ONNX compute them"};
  app.set_version_flag("--version", std::string("convshape ") + CONVSHAPE_VERSION_STRING);
  app.require_subcommand(1);
  app.footer(readme_section);
  app.add_subcommand("query", "Answer JSON-lines shape requests from standard input")->footer(readme_section);

  model_options model;
  CLI::App* summary = app.add_subcommand("summary", "Every layer of a model: output shape, parameters, MACs, receptive field");
  add_model_options(summary, model);
  summary->add_flag("--json", model.json, "one JSON object: tensors, layers, params, macs");
  summary->footer(readme_section);
  CLI::App* import = app.add_subcommand("import", "Write a model as a C++ header whose network the compiler checks");
  add_model_options(import, model);
  import->add_option("-o,--output", model.output, "the header to write; - for standard output")->capture_default_str();
  import->add_option("--namespace", model.space, "the header's namespace (default: the model's name)");
  import->footer(readme_section);

  layer_options options;
  std::vector<alias> aliases;
  constexpr subcommand layers[] = {
      {"conv1d", cli::op::conv, 1},           {"conv2d", cli::op::conv, 2},
      {"conv3d", cli::op::conv, 3},           {"conv1d_transpose", cli::op::conv_transpose, 1},
      {"conv2d_transpose", cli::op::conv_transpose, 2}, {"conv3d_transpose", cli::op::conv_transpose, 3},
      {"max_pool1d", cli::op::max_pool, 1},   {"max_pool2d", cli::op::max_pool, 2},
      {"max_pool3d", cli::op::max_pool, 3},   {"avg_pool1d", cli::op::avg_pool, 1},
      {"avg_pool2d", cli::op::avg_pool, 2},   {"avg_pool3d", cli::op::avg_pool, 3},
  };
  for (const subcommand& s : layers) {
    CLI::App* sub = app.add_subcommand(s.name, std::string("The output shape and pads of ") + s.name);
    sub->footer(readme_section);
    add_layer_options(sub, s, options, aliases);
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  try {
    for (const alias& a : aliases)
      if (a.current->count() && a.old->count())
        throw cli::bad_request("--" + a.old->get_lnames().front() + " is the old spelling of " + a.current->get_name() +
                               ": give one");
    if (app.got_subcommand("query")) return query();
    if (summary->parsed()) return summarize(model);
    if (import->parsed()) return import_model(model);
    for (const subcommand& s : layers)
      if (app.got_subcommand(s.name)) return layer(s, options);
  } catch (const cli::bad_request& e) {
    std::cerr << "convshape: " << e.what() << '\n';
    return 2;
  } catch (const convshape::cli::import_error& e) {
    std::cerr << "convshape: " << e.what() << '\n';
    return 1;
  }
  return 2;
}
