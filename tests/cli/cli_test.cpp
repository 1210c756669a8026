// The convshape executable, run as a user runs it: requests on standard
// input, answers on standard output, and the exit status.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

using json = nlohmann::json;

struct run_result {
  int status = -1;
  std::vector<std::string> lines;
};

/// Runs `convshape ARGS < input` and collects its standard output.
run_result run(const std::string& args, const std::string& input = "") {
  // One file per process: CTest runs the cases side by side.
  const std::string input_path = "cli_test_input_" + std::to_string(getpid()) + ".txt";
  std::ofstream(input_path, std::ios::binary) << input;
  const std::string command = std::string("'") + CONVSHAPE_EXE + "' " + args + " < " + input_path + " 2>/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string out;
  char buffer[1 << 16];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  const int raw = pclose(pipe);
  std::remove(input_path.c_str());
  run_result r;
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) r.lines.push_back(line);
  return r;
}

json parsed(const std::string& line) {
  const json j = json::parse(line, nullptr, false);
  REQUIRE_FALSE(j.is_discarded());
  return j;
}

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
  CHECK_THAT(r.lines[2 * 31], Catch::Contains("'padding' must have 4 entries, got 3"));
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
      run("conv2d --input 1x28x28x3 --layout nhwc --filters 32 --kernel 3 --stride 2 --padding same --framework keras");
  CHECK(keras.status == 0);
  REQUIRE(keras.lines.size() == 3);
  CHECK(keras.lines[0] == "output  NHWC(1, 14, 14, 32)");
  CHECK(keras.lines[1] == "pads    spatial dim 0: 0 before, 1 after");

  const run_result torch =
      run("conv2d --input 1x28x28x3 --layout nhwc --filters 32 --kernel 3 --stride 2 --padding same --framework torch");
  CHECK(torch.status == 1);
  REQUIRE(torch.lines.size() == 1);
  CHECK(torch.lines[0] == "rejected: conv2d (torch): padding='same' is not supported for strided convolutions");

  const run_result asymmetric = run("max_pool1d --input 1x1x7 --layout ncw --kernel 3 --stride 2 --padding 1:0 --ceil-mode");
  CHECK(asymmetric.status == 0);
  REQUIRE_FALSE(asymmetric.lines.empty());
  CHECK(asymmetric.lines[0] == "output  NCW(1, 1, 4)");

  // begin:end with commas; the layout defaults to channels first.
  const run_result commas = run("max_pool2d --input 1x1x7x7 --kernel 3 --stride 2 --padding 1,0:0,1 --ceil-mode");
  CHECK(commas.status == 0);
  REQUIRE(commas.lines.size() == 3);
  CHECK(commas.lines[0] == "output  NCHW(1, 1, 4, 4)");
  CHECK(commas.lines[1] == "pads    spatial dim 0: 1 before, 0 after");
  CHECK(commas.lines[2] == "pads    spatial dim 1: 0 before, 1 after");

  const run_result transposed = run("conv1d_transpose --input 1x4x5 --filters 2 --kernel 3 --stride 2 --output-padding 1");
  CHECK(transposed.status == 0);
  REQUIRE_FALSE(transposed.lines.empty());
  CHECK(transposed.lines[0] == "output  NCW(1, 2, 12)");

  const run_result too_small = run("conv3d --input 1x1x2x8x8 --filters 1 --kernel 3");
  CHECK(too_small.status == 1);
  REQUIRE(too_small.lines.size() == 1);
  CHECK_THAT(too_small.lines[0], Catch::StartsWith("rejected: conv3d: effective kernel 3"));
}

TEST_CASE("usage errors exit with 2, --help with 0", "[cli]") {
  CHECK(run("").status == 2);
  CHECK(run("conv2d --input 1x28x28x3").status == 2);                                   // --filters, --kernel missing
  CHECK(run("conv2d --input 1x28x3 --layout nhwc --filters 1 --kernel 3").status == 2);  // wrong rank
  CHECK(run("conv2d --input 1x8x8x3 --layout ncw --filters 1 --kernel 3").status == 2);  // 1-D layout
  CHECK(run("conv1d --input 5 --filters 1 --kernel 3").status == 2);                      // the input is never broadcast
  CHECK(run("conv1d --input 1x1x99999999999999999999 --filters 1 --kernel 3").status == 2);
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
