// The convshape executable, run as a user runs it: requests on standard
// input, answers on standard output, messages on standard error, and the exit
// status. Where an answer is a shape, the library itself gives the expected one.
#include <catch2/catch.hpp>
#include <convshape/convshape.hpp>
#include <nlohmann/json.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace {

namespace cs = convshape;
using json = nlohmann::json;

struct run_result {
  int status = -1;
  std::vector<std::string> lines;
  std::string errors;  // standard error
};

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) out.push_back(line);
  return out;
}

/// Runs `convshape ARGS < input` and collects its standard output and error.
run_result run(const std::string& args, const std::string& input = "") {
  // Files of their own per process: CTest runs the cases side by side.
  const std::string input_path = "cli_test_input_" + std::to_string(getpid()) + ".txt";
  const std::string errors_path = "cli_test_errors_" + std::to_string(getpid()) + ".txt";
  std::ofstream(input_path, std::ios::binary) << input;
  const std::string command =
      std::string("'") + CONVSHAPE_EXE + "' " + args + " < " + input_path + " 2>" + errors_path;
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string out;
  char buffer[1 << 16];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  const int raw = pclose(pipe);
  run_result r;
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  r.lines = lines_of(out);
  std::ostringstream errors;
  errors << std::ifstream(errors_path).rdbuf();
  r.errors = errors.str();
  std::remove(input_path.c_str());
  std::remove(errors_path.c_str());
  return r;
}

/// Whether `text` has `word` as a whole whitespace-separated word.
bool has_word(const std::string& text, const std::string& word) {
  std::istringstream words(text);
  for (std::string w; words >> w;)
    if (w == word) return true;
  return false;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

json parsed(const std::string& line) {
  const json j = json::parse(line, nullptr, false);
  REQUIRE_FALSE(j.is_discarded());
  return j;
}

/// A shape's extents in memory order, as the protocol writes an output.
template <cs::layout L>
json extents_of(const cs::shape<L>& s) {
  json out = json::array();
  for (std::size_t i = 0; i < s.rank(); ++i) out.push_back(s[i]);
  return out;
}

/// `request` with `key` set to `value`.
json with(json request, const char* key, json value) {
  request[key] = std::move(value);
  return request;
}

constexpr const char* readme_pointer = "README.md, section \"The `convshape` command\"";

constexpr const char* valid_request =
    R"({"op": "conv", "layout": "NHWC", "input": [4, 28, 28, 3], "filters": 16, "kernel": [5, 5], "strides": [2, 2], "padding": "same"})";

}  // namespace

TEST_CASE("query answers the sample requests as the frameworks do", "[cli]") {
  // The samples of ../shared/spec, whose ONNX answers tools/gen/ort_check.py
  // replaced with ONNX Runtime's where ONNX 1.12 shape inference differs.
  std::ifstream in(CONVSHAPE_SAMPLES);
  std::vector<json> cases;
  std::string input;
  for (std::string line; std::getline(in, line);) {
    cases.push_back(json::parse(line));
    input += cases.back().at("query").dump() + "\n";
  }
  REQUIRE(cases.size() == 32);
  const run_result r = run("query", input);
  CHECK(r.status == 0);
  REQUIRE(r.lines.size() == cases.size());
  std::size_t agree = 0;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const json& expect = cases[i].at("expect");
    const json got = parsed(r.lines[i]);
    INFO("sample " << i + 1 << ": " << cases[i].at("query").dump() << "\n  expect " << expect.dump() << "\n  got    "
                   << r.lines[i]);
    const bool same = expect.contains("error") ? got.contains("error") && !got.contains("output")
                                               : got.value("output", json()) == expect.at("output");
    agree += same;
    CHECK(same);  // a failure prints the sample, expected and got
  }
  std::printf("samples: %zu cases, %zu agree\n", cases.size(), agree);
}

TEST_CASE("query answers every malformed or hostile line with an error, and goes on", "[cli]") {
  const std::vector<std::string> hostile = {
      "{not json",
      "",
      "[1, 2, 3]",
      "42",
      R"({"layout": "NCHW", "input": [1, 3, 8, 8], "kernel": [3, 3], "filters": 4})",                  // no op
      R"({"op": "conv", "layout": "NCHW", "input": [1, 3, 8, 8], "kernel": [3, 3]})",                  // no filters
      R"({"op": "conv", "layout": "NCHW", "input": "1x3x8x8", "kernel": [3, 3], "filters": 4})",      // wrong type
      R"({"op": "conv", "layout": "NCHW", "input": [1, 3, 8], "kernel": [3, 3], "filters": 4})",      // wrong rank
      R"({"op": "conv", "layout": "NCHW", "input": [1, 3, 8, 8], "kernel": [3, 3.5], "filters": 4})", // not integer
      R"({"op": "conv", "layout": "NCHW", "input": [1, 3, 8, 8], "kernel": [3, 3], "filters": -4})",  // negative
      R"({"op": "conv", "layout": "NCHW", "input": [1, 3, 8, 8], "kernel": [1e30, 3], "filters": 4})",
      R"({"op": "conv", "layout": "NCHW", "input": [1, 3, 8, 9223372036854775808], "kernel": [3, 3], "filters": 4})",
      R"({"op": "conv", "layout": "NCHW", "input": [1, 3, 9223372036854775807, 8], "kernel": [3, 3], "filters": 4, "padding": [9223372036854775807, 0, 1, 0]})",
      R"({"op": "conv", "layout": "NCHW", "input": [1, 3, 8, 8], "kernel": [3, 3], "filters": 4, "padding": "full"})",
      R"({"op": "pool", "layout": "NCHW", "input": [1, 3, 8, 8], "kernel": [3, 3]})",
      R"({"op": "max_pool", "layout": "NCHW", "input": [1, 3, 8, 8], "kernel": [3, 3], "ceil_mode": 1})",
      R"({"op": "max_pool", "layout": "NCHW", "input": [1, 3, 8, 8], "kernel": [3, 3], "framework": "caffe"})",
      std::string(100000, '[') + std::string(100000, ']'),
      std::string("\x00\xff\xfe binary \x01", 12),  // all 12 bytes, NUL first
      "{\"op\": \"" + std::string(1 << 20, 'x') + "\"}",
      R"({"op": "conv", "layout": "NCHWX", "input": [1, 3, 8, 8], "kernel": [3, 3], "filters": 4})",  // 20
      R"({"op": "conv", "layout": "NCHW", "input": [1, 3, 8, -9223372036854775809], "kernel": [3, 3], "filters": 4})",
      R"({"op": "conv", "layout": "NCHW", "input": [1, 3, 8, 8], "kernel": [1e400, 3], "filters": 4})",
      R"({"op": "conv", "layout": "NCHW", "input": [1, 0, 8, 8], "kernel": [3, 3], "filters": 4})",   // zero
      R"({"op": "conv", "layout": "NCHW", "input": [1, 3, 8, 8], "kernel": [3, 3], "filters": 4, "output_padding": [1, 1]})",
      R"({"op": "avg_pool", "layout": "NCHW", "input": [1, 3, 8, 8], "kernel": [3, 3], "filters": 3})",  // 25
      R"({"op": "conv", "layout": "NCHW", "input": [1, 3, 8, 8], "kernel": [3, 3], "filters": 4} trailing)",
      "   \t",
      std::string("{\"op\": \"conv\xff\xfe\", \"layout\": \"NCHW\"}"),
      std::string(R"({"op": "conv", "layout": "NCHW", "input": [1, 3, 8, 8], "kernel": [3, 3], "filters": 4)") + '\0' + "}",
      R"({"op": "conv", "layout": "NCHW", "input": [1, 3, 8, 8], "kernel": [3, 3], "filters": 4, "groups": null})",  // 30
      R"({"op": "conv", "layout": "NCHW", "input": [1, 3, 8, 8], "kernel": [3, 3], "filters": 4, "padding": [1, 1, 1]})",
  };
  std::string input;
  for (const std::string& line : hostile) input += line + "\n" + valid_request + "\n";
  const run_result r = run("query", input);
  CHECK(r.status == 0);
  REQUIRE(r.lines.size() == 2 * hostile.size());
  for (std::size_t i = 0; i < hostile.size(); ++i) {
    INFO("line " << 2 * i << ": " << hostile[i].substr(0, 120));
    const json bad = parsed(r.lines[2 * i]);
    CHECK(bad.contains("error"));
    CHECK(bad.at("error").is_string());
    CHECK(r.lines[2 * i].size() < 400);  // messages quote values, cut short
    CHECK(parsed(r.lines[2 * i + 1]) == json::parse(R"({"output": [4, 14, 14, 16]})"));
  }
  // The message names the key and the value (the answer to hostile[i] is line 2i).
  CHECK_THAT(r.lines[2 * 7], Catch::Contains("'input' must have 4 entries, got 3"));
  CHECK_THAT(r.lines[2 * 8], Catch::Contains("'kernel' must be an integer, got 3.5"));
  CHECK_THAT(r.lines[2 * 9], Catch::Contains("filters must be at least 1, got -4"));
  CHECK_THAT(r.lines[2 * 11], Catch::Contains("'input' is out of the int64 range: 9223372036854775808"));
  CHECK_THAT(r.lines[2 * 12], Catch::Contains("padded input overflows int64"));
  CHECK_THAT(r.lines[2 * 17], Catch::Contains("nested deeper"));
  CHECK_THAT(r.lines[2 * 0], Catch::Contains("not valid JSON"));
  CHECK_THAT(r.lines[2 * 1], Catch::Contains("empty line"));
  CHECK_THAT(r.lines[2 * 20], Catch::Contains("unknown layout 'NCHWX'"));
  CHECK_THAT(r.lines[2 * 21], Catch::Contains("'input' is out of the int64 range"));
  CHECK_THAT(r.lines[2 * 22], Catch::Contains("number overflow"));
  CHECK_THAT(r.lines[2 * 23], Catch::Contains("channels must be at least 1, got 0"));
  CHECK_THAT(r.lines[2 * 24], Catch::Contains("'output_padding' is not a parameter of conv"));
  CHECK_THAT(r.lines[2 * 25], Catch::Contains("'filters' is not a parameter of avg_pool"));
  CHECK_THAT(r.lines[2 * 31], Catch::Contains("'padding' must have 2 entries (the pad on both sides of each dimension) "
                                              "or 4 (every begin, then every end), got 3"));
}

TEST_CASE("query reads lines ending in CRLF, and a last line without a newline", "[cli]") {
  const run_result r = run("query", std::string(valid_request) + "\r\n" + valid_request);
  CHECK(r.status == 0);
  REQUIRE(r.lines.size() == 2);
  CHECK(r.lines[0] == R"({"output":[4,14,14,16]})");
  CHECK(r.lines[1] == R"({"output":[4,14,14,16]})");
}

TEST_CASE("query answers 100,000 lines in order", "[cli]") {
  std::string input;
  for (int i = 1; i <= 100000; ++i)
    input += R"({"op": "max_pool", "layout": "NCW", "input": [1, 1, )" + std::to_string(i) +
             R"(], "kernel": [1], "strides": [1]})" + "\n";
  const run_result r = run("query", input);
  CHECK(r.status == 0);
  REQUIRE(r.lines.size() == 100000);
  int out_of_order = 0;
  for (int i = 1; i <= 100000; ++i)
    out_of_order += r.lines[static_cast<std::size_t>(i - 1)] != R"({"output":[1,1,)" + std::to_string(i) + "]}";
  CHECK(out_of_order == 0);
}

TEST_CASE("subcommands print the shape and pads, and say why a layer is rejected", "[cli]") {
  const run_result keras =
      run("conv2d --input 1x28x28x3 --layout nhwc --filters 32 --kernel 3 --strides 2 --padding same "
          "--framework keras");
  CHECK(keras.status == 0);
  REQUIRE(keras.lines.size() == 3);
  CHECK(keras.lines[0] == "output  NHWC(1, 14, 14, 32)");
  CHECK(keras.lines[1] == "pads    spatial dim 0: 0 before, 1 after");

  const run_result torch =
      run("conv2d --input 1x28x28x3 --layout nhwc --filters 32 --kernel 3 --strides 2 --padding same "
          "--framework torch");
  CHECK(torch.status == 1);
  REQUIRE(torch.lines.size() == 1);
  CHECK(torch.lines[0] == "rejected: conv2d (torch): padding='same' is not supported for strided convolutions");

  const run_result asymmetric =
      run("max_pool1d --input 1x1x7 --layout ncw --window 3 --strides 2 --padding 1:0 --ceil-mode");
  CHECK(asymmetric.status == 0);
  REQUIRE_FALSE(asymmetric.lines.empty());
  CHECK(asymmetric.lines[0] == "output  NCW(1, 1, 4)");

  // begin:end with commas.
  const run_result commas =
      run("max_pool2d --input 1x1x7x7 --layout nchw --window 3 --strides 2 --padding 1,0:0,1 --ceil-mode");
  CHECK(commas.status == 0);
  REQUIRE(commas.lines.size() == 3);
  CHECK(commas.lines[0] == "output  NCHW(1, 1, 4, 4)");
  CHECK(commas.lines[1] == "pads    spatial dim 0: 1 before, 0 after");
  CHECK(commas.lines[2] == "pads    spatial dim 1: 0 before, 1 after");

  const run_result transposed =
      run("conv1d_transpose --input 1x4x5 --layout ncw --filters 2 --kernel 3 --strides 2 --output-padding 1");
  CHECK(transposed.status == 0);
  REQUIRE_FALSE(transposed.lines.empty());
  CHECK(transposed.lines[0] == "output  NCW(1, 2, 12)");

  const run_result too_small = run("conv3d --input 1x1x2x8x8 --layout ncdhw --filters 1 --kernel 3");
  CHECK(too_small.status == 1);
  REQUIRE(too_small.lines.size() == 1);
  CHECK_THAT(too_small.lines[0], Catch::StartsWith("rejected: conv3d: effective kernel 3"));
}

TEST_CASE("usage errors exit with 2, --help with 0", "[cli]") {
  CHECK(run("").status == 2);
  CHECK(run("conv2d --input 1x28x28x3").status == 2);                                   // --filters, --kernel missing
  CHECK(run("conv2d --input 1x28x3 --layout nhwc --filters 1 --kernel 3").status == 2);  // wrong rank
  CHECK(run("conv2d --input 1x8x8x3 --layout ncw --filters 1 --kernel 3").status == 2);  // 1-D layout
  CHECK(run("conv1d --input 5 --layout ncw --filters 1 --kernel 3").status == 2);  // the input is never broadcast
  CHECK(run("conv1d --input 1x1x99999999999999999999 --layout ncw --filters 1 --kernel 3").status == 2);
  CHECK(run("query extra").status == 2);
  const run_result help = run("--help");
  CHECK(help.status == 0);
  REQUIRE_FALSE(help.lines.empty());
  const run_result sub_help = run("conv2d_transpose --help");
  CHECK(sub_help.status == 0);
  bool mentions_output_padding = false;
  for (const auto& line : sub_help.lines) mentions_output_padding |= line.find("--output-padding") != std::string::npos;
  CHECK(mentions_output_padding);
}

TEST_CASE("query names an unknown key, and the key it most likely means", "[cli]") {
  json request = json::parse(valid_request);
  request.erase("strides");
  const std::vector<json> lines = {
      with(request, "stride", {2, 2}),  // a typo, once answered for stride 1
      with(request, "kernel_size", {5, 5}),
      with(request, "Dilation", 1),
      with(request, "xyzzy", 1),  // close to no key
      with(request, "", "same"),  // the empty key, which the fuzzer found answered
  };
  std::string input;
  for (const json& line : lines) input += line.dump() + "\n" + valid_request + "\n";
  input += R"({"op": "conv", "layout": "NHWC", "input": [4, 28, 28, 3], "filters": 16, "kernel": [5, 5], )"
           R"("strides": [1, 1], "strides": [2, 2]})" "\n";
  const run_result r = run("query", input);
  CHECK(r.status == 0);
  REQUIRE(r.lines.size() == 2 * lines.size() + 1);
  for (std::size_t i = 0; i < lines.size(); ++i) CHECK(parsed(r.lines[2 * i + 1]).contains("output"));
  CHECK(parsed(r.lines[0]) == json{{"error", "unknown key 'stride'; did you mean 'strides'?"}});
  CHECK(parsed(r.lines[2]) == json{{"error", "unknown key 'kernel_size'; did you mean 'kernel'?"}});
  CHECK(parsed(r.lines[4]) == json{{"error", "unknown key 'Dilation'; did you mean 'dilation'?"}});
  CHECK(parsed(r.lines[6]) == json{{"error", "unknown key 'xyzzy'; the keys are op, layout, input, filters, kernel, "
                                             "strides, dilation, padding, output_padding, groups, ceil_mode, "
                                             "count_include_pad, framework"}});
  CHECK(parsed(r.lines[8]).at("error").get<std::string>().starts_with("unknown key ''"));
  // JSON parsers keep one of a repeated key's values; the answer would be for that one.
  CHECK(parsed(r.lines[10]) == json{{"error", "key 'strides' appears twice"}});
}

TEST_CASE("query accepts every value form the library accepts, each answering as its long form", "[cli]") {
  struct value_form {
    json short_form, long_form;
    json library;  // the library's output for the same layer
  };
  const auto x = cs::nchw(1, 3, 32, 32);
  const json conv =
      json::parse(R"({"op": "conv", "layout": "NCHW", "input": [1, 3, 32, 32], "filters": 8, "kernel": [3, 3]})");
  const json strided = with(conv, "strides", {2, 2});
  const json transposed = with(strided, "op", "conv_transpose");
  const json pool = json::parse(R"({"op": "avg_pool", "layout": "NCHW", "input": [1, 3, 32, 32], "kernel": [2, 2]})");
  const auto x1 = cs::ncw(1, 3, 32);
  const json conv1 =
      json::parse(R"({"op": "conv", "layout": "NCW", "input": [1, 3, 32], "filters": 8, "kernel": [3]})");
  const auto x3 = cs::ncdhw(1, 3, 8, 9, 10);
  const json conv3 =
      json::parse(R"({"op": "conv", "layout": "NCDHW", "input": [1, 3, 8, 9, 10], "filters": 8, "kernel": [3, 3, 3]})");

  const std::vector<value_form> forms = {
      {with(conv, "kernel", 7), with(conv, "kernel", {7, 7}), extents_of(cs::conv(x, {.filters = 8, .kernel = 7}))},
      {with(conv, "strides", 2), strided, extents_of(cs::conv(x, {.filters = 8, .kernel = 3, .strides = 2}))},
      {with(conv, "dilation", 2), with(conv, "dilation", {2, 2}),
       extents_of(cs::conv(x, {.filters = 8, .kernel = 3, .dilation = 2}))},
      {with(transposed, "output_padding", 1), with(transposed, "output_padding", {1, 1}),
       extents_of(cs::conv_transpose(x, {.filters = 8, .kernel = 3, .strides = 2, .output_padding = 1}))},
      {with(conv, "padding", 1), with(conv, "padding", {1, 1, 1, 1}),
       extents_of(cs::conv(x, {.filters = 8, .kernel = 3, .padding = 1}))},
      // One pad per dimension, on both of its sides: PyTorch's order, and the library's.
      {with(conv, "padding", {1, 2}), with(conv, "padding", {1, 2, 1, 2}),
       extents_of(cs::conv(x, {.filters = 8, .kernel = 3, .padding = {1, 2}}))},
      {with(conv1, "padding", {3}), with(conv1, "padding", {3, 3}),
       extents_of(cs::conv(x1, {.filters = 8, .kernel = 3, .padding = 3}))},
      {with(conv3, "padding", {1, 2, 3}), with(conv3, "padding", {1, 2, 3, 1, 2, 3}),
       extents_of(cs::conv(x3, {.filters = 8, .kernel = 3, .padding = {1, 2, 3}}))},
      {with(strided, "padding", "SAME"), with(strided, "padding", "same"),
       extents_of(cs::conv(x, {.filters = 8, .kernel = 3, .strides = 2, .padding = cs::same}))},
      {with(with(strided, "kernel", {4, 4}), "padding", "Same_Lower"),
       with(with(strided, "kernel", {4, 4}), "padding", "same_lower"),
       extents_of(cs::conv(x, {.filters = 8, .kernel = 4, .strides = 2, .padding = cs::same_lower}))},
      {with(conv, "padding", "VALID"), with(conv, "padding", "valid"),
       extents_of(cs::conv(x, {.filters = 8, .kernel = 3}))},
      // Whether the pads count in an average changes no shape.
      {with(pool, "count_include_pad", true), pool, extents_of(cs::avg_pool(x, {.window = 2}))},
      {with(pool, "count_include_pad", false), pool, extents_of(cs::avg_pool(x, {.window = 2}))},
  };
  std::string input;
  for (const value_form& f : forms) input += f.short_form.dump() + "\n" + f.long_form.dump() + "\n";
  const run_result r = run("query", input);
  CHECK(r.status == 0);
  REQUIRE(r.lines.size() == 2 * forms.size());
  for (std::size_t i = 0; i < forms.size(); ++i) {
    INFO(forms[i].short_form.dump() << "\n  " << r.lines[2 * i] << "\nas\n  " << forms[i].long_form.dump() << "\n  "
                                    << r.lines[2 * i + 1]);
    CHECK(parsed(r.lines[2 * i]) == json{{"output", forms[i].library}});
    CHECK(parsed(r.lines[2 * i + 1]) == json{{"output", forms[i].library}});
  }
}

TEST_CASE("query refuses pads of any other length, naming the lengths it takes", "[cli]") {
  const json conv1 = json::parse(R"({"op": "conv", "layout": "NCW", "input": [1, 3, 32], "filters": 8, "kernel": 3})");
  const json conv2 = with(with(conv1, "layout", "NCHW"), "input", {1, 3, 32, 32});
  const json conv3 = with(with(conv1, "layout", "NCDHW"), "input", {1, 3, 8, 9, 10});
  const std::vector<std::pair<json, std::string>> cases = {
      {with(conv1, "padding", {1, 2, 3}), "'padding' must have 1 entry (the pad on both sides of each dimension) "
                                          "or 2 (every begin, then every end), got 3"},
      {with(conv2, "padding", json::array()), "'padding' must have 2 entries (the pad on both sides of each "
                                              "dimension) or 4 (every begin, then every end), got 0"},
      {with(conv2, "padding", {1, 1, 1, 1, 1}), "'padding' must have 2 entries (the pad on both sides of each "
                                                "dimension) or 4 (every begin, then every end), got 5"},
      {with(conv3, "padding", {1, 1, 1, 1}), "'padding' must have 3 entries (the pad on both sides of each "
                                             "dimension) or 6 (every begin, then every end), got 4"},
  };
  std::string input;
  for (const auto& c : cases) input += c.first.dump() + "\n";
  const run_result r = run("query", input);
  CHECK(r.status == 0);
  REQUIRE(r.lines.size() == cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) CHECK(parsed(r.lines[i]) == json{{"error", cases[i].second}});
}

TEST_CASE("subcommands take --layout, unless the framework fixes it", "[cli]") {
  // The example of the help, without --layout: NCHW would be 28 channels, width 3.
  const run_result generic = run("conv2d --input 1x28x28x3 --filters 32 --kernel 3");
  CHECK(generic.status == 2);
  CHECK(generic.lines.empty());
  CHECK(generic.errors == "convshape: --layout is required with --framework generic: is --input 1x28x28x3 NCHW or "
                          "NHWC? Add --layout NCHW or --layout NHWC (only --framework torch and onnx fix it: channels "
                          "first)\n");
  // Keras's data_format is whatever the user's keras.json says.
  const run_result keras = run("conv1d --input 1x28x3 --filters 32 --kernel 3 --framework keras");
  CHECK(keras.status == 2);
  CHECK_THAT(keras.errors, Catch::Contains("--layout is required with --framework keras: is --input 1x28x3 NCW or "
                                           "NWC? Add --layout NCW or --layout NWC"));

  const run_result nhwc = run("conv2d --input 1x28x28x3 --layout nhwc --filters 32 --kernel 3");
  CHECK(nhwc.status == 0);
  REQUIRE_FALSE(nhwc.lines.empty());
  const json output = extents_of(cs::conv(cs::nhwc(1, 28, 28, 3), {.filters = 32, .kernel = 3}));
  std::string expected = "output  NHWC(";
  for (std::size_t i = 0; i < output.size(); ++i) expected += (i ? ", " : "") + output[i].dump();
  CHECK(nhwc.lines[0] == expected + ")");

  // PyTorch's and ONNX's tensors are channels first.
  for (const char* framework : {"torch", "onnx"}) {
    const std::string layer =
        std::string("conv3d_transpose --input 1x3x4x5x6 --filters 2 --kernel 3 --framework ") + framework;
    const run_result implied = run(layer);
    const run_result given = run(layer + " --layout ncdhw");
    CHECK(implied.status == 0);
    CHECK(given.status == 0);
    REQUIRE_FALSE(implied.lines.empty());
    CHECK_THAT(implied.lines[0], Catch::StartsWith("output  NCDHW("));
    CHECK(implied.lines == given.lines);
  }
}

TEST_CASE("subcommands and their options have the library's names", "[cli]") {
  // The library's message names conv_transpose2d; the subcommand, its own name.
  const auto x = cs::nchw(1, 3, 8, 8);
  const std::string library = cs::try_plan<cs::torch>(x, cs::conv_transpose_params<2>{.filters = 2, .kernel = 3,
                                                                                        .padding = cs::same})
                                  .error()
                                  .what();
  const std::string reason = library.substr(library.find("): ") + 3);
  const run_result transposed =
      run("conv2d_transpose --input 1x3x8x8 --layout nchw --filters 2 --kernel 3 --padding same --framework torch");
  CHECK(transposed.status == 1);
  REQUIRE(transposed.lines.size() == 1);
  CHECK(transposed.lines[0] == "rejected: conv2d_transpose (torch): " + reason);
  const run_result generic = run("conv1d_transpose --input 1x4x8 --layout ncw --filters 3 --groups 2 --kernel 3");
  CHECK(generic.status == 1);
  REQUIRE(generic.lines.size() == 1);
  CHECK_THAT(generic.lines[0], Catch::StartsWith("rejected: conv1d_transpose: "));

  // Pools take --window and --strides, convolutions --kernel and --strides;
  // the old --kernel and --stride of pools are still accepted, unlisted.
  const std::string pool_help = joined(run("max_pool2d --help").lines);
  CHECK(has_word(pool_help, "--window"));
  CHECK(has_word(pool_help, "--strides"));
  CHECK_FALSE(has_word(pool_help, "--kernel"));
  CHECK_FALSE(has_word(pool_help, "--stride"));
  const std::string conv_help = joined(run("conv2d --help").lines);
  CHECK(has_word(conv_help, "--kernel"));
  CHECK(has_word(conv_help, "--strides"));
  CHECK_FALSE(has_word(conv_help, "--stride"));

  const run_result pool = run("max_pool2d --input 1x1x9x9 --layout nchw --window 3 --strides 2");
  CHECK(pool.status == 0);
  CHECK(pool.lines.size() == 3);
  CHECK(run("max_pool2d --input 1x1x9x9 --layout nchw --kernel 3 --stride 2").lines == pool.lines);
  const run_result conv = run("conv2d --input 1x1x9x9 --layout nchw --filters 1 --kernel 3 --strides 2");
  CHECK(conv.status == 0);
  CHECK(conv.lines.size() == 3);
  CHECK(run("conv2d --input 1x1x9x9 --layout nchw --filters 1 --kernel 3 --stride 2").lines == conv.lines);
  const run_result both = run("max_pool2d --input 1x1x9x9 --layout nchw --window 3 --kernel 3");
  CHECK(both.status == 2);
  CHECK(both.errors == "convshape: --kernel is the old spelling of --window: give one\n");
  const run_result none = run("max_pool2d --input 1x1x9x9 --layout nchw");
  CHECK(none.status == 2);
  CHECK(none.errors == "convshape: --window is required\n");
}

TEST_CASE("causal padding is offered only by 1-D convolution", "[cli]") {
  CHECK_THAT(joined(run("conv1d --help").lines), Catch::Contains("causal"));
  for (const char* layer : {"conv2d", "conv3d", "conv1d_transpose", "max_pool1d", "avg_pool1d"}) {
    INFO(layer);
    CHECK_THAT(joined(run(std::string(layer) + " --help").lines), !Catch::Contains("causal"));
  }
}

TEST_CASE("convshape --version prints the version of version.hpp, the one CMake has", "[cli]") {
  CHECK(std::string(CONVSHAPE_VERSION_STRING) == CONVSHAPE_PROJECT_VERSION);
  const run_result version = run("--version");
  CHECK(version.status == 0);
  CHECK(version.lines == std::vector<std::string>{std::string("convshape ") + CONVSHAPE_VERSION_STRING});
}

TEST_CASE("every --help names the README section, which exists", "[cli]") {
  for (const char* args : {"--help", "query --help", "conv2d --help", "conv3d_transpose --help", "avg_pool1d --help"}) {
    INFO(args);
    const run_result help = run(args);
    CHECK(help.status == 0);
    CHECK_THAT(joined(help.lines), Catch::Contains(readme_pointer));
  }
  std::ifstream readme(CONVSHAPE_README);
  REQUIRE(readme);
  bool has_section = false;
  for (std::string line; std::getline(readme, line);) has_section |= line == "## The `convshape` command";
  CHECK(has_section);
}
