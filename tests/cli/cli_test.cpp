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
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const json& expect = cases[i].at("expect");
    const json got = parsed(r.lines[i]);
    INFO(cases[i].at("query").dump() << " -> " << r.lines[i]);
    if (expect.contains("error")) {
      CHECK(got.contains("error"));
      CHECK_FALSE(got.contains("output"));
    } else {
      CHECK(got.value("output", json()) == expect.at("output"));
    }
  }
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
      std::string("\x00\xff\xfe binary \x01", 14),
      "{\"op\": \"" + std::string(1 << 20, 'x') + "\"}",
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
}

TEST_CASE("usage errors exit with 2, --help with 0", "[cli]") {
  CHECK(run("").status == 2);
  CHECK(run("conv2d --input 1x28x28x3").status == 2);                                   // --filters, --kernel missing
  CHECK(run("conv2d --input 1x28x3 --layout nhwc --filters 1 --kernel 3").status == 2);  // wrong rank
  CHECK(run("conv2d --input 1x8x8x3 --layout ncw --filters 1 --kernel 3").status == 2);  // 1-D layout
  const run_result help = run("--help");
  CHECK(help.status == 0);
  REQUIRE_FALSE(help.lines.empty());
  const run_result sub_help = run("conv2d_transpose --help");
  CHECK(sub_help.status == 0);
  bool mentions_output_padding = false;
  for (const auto& line : sub_help.lines) mentions_output_padding |= line.find("--output-padding") != std::string::npos;
  CHECK(mentions_output_padding);
}
