// 100% agreement with the frameworks. tests/golden/*.jsonl hold thousands of
// layer configurations with the answer the real framework gave (tools/gen:
// PyTorch 1.13, ONNX Runtime 1.30 over ONNX 1.12 models, TensorFlow.js 4.22
// layers for Keras); each line is {"query": REQUEST, "expect": ANSWER} in the
// query protocol. Every query is answered as `convshape query` answers it and
// must give the same output shape, or an error where the framework refused.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "request.hpp"

namespace {

using json = nlohmann::json;

void check_file(const std::string& name, std::size_t at_least) {
  std::ifstream in(std::string(CONVSHAPE_GOLDEN_DIR) + "/" + name);
  REQUIRE(in.good());
  std::size_t cases = 0, agree = 0, rejected = 0;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const json c = json::parse(line);
    const json& expect = c.at("expect");
    const json got = json::parse(convshape::cli::answer_line(c.at("query").dump()));
    ++cases;
    const bool same = expect.contains("error") ? got.contains("error") : got.value("output", json()) == expect.at("output");
    if (same) {
      ++agree;
      rejected += expect.contains("error");
    } else if (cases - agree <= 20) {
      FAIL_CHECK(c.at("query").dump() << "\n  expect " << expect.dump() << "\n  got    " << got.dump());
    }
  }
  std::printf("golden %s: %zu cases, %zu agree (%zu of them rejections)\n", name.c_str(), cases, agree, rejected);
  CHECK(agree == cases);
  CHECK(cases >= at_least);
}

}  // namespace

TEST_CASE("golden: PyTorch 1.13", "[golden][torch]") { check_file("torch.jsonl", 1000); }
TEST_CASE("golden: ONNX (ONNX Runtime 1.30)", "[golden][onnx]") { check_file("onnx.jsonl", 1000); }
TEST_CASE("golden: Keras (TensorFlow.js 4.22 layers)", "[golden][keras]") { check_file("keras.jsonl", 1000); }

// A file the generators add later is held too, until it gets its own case above.
TEST_CASE("golden: any other file", "[golden]") {
  const std::vector<std::string> named = {"torch.jsonl", "onnx.jsonl", "keras.jsonl"};
  for (const auto& entry : std::filesystem::directory_iterator(CONVSHAPE_GOLDEN_DIR)) {
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() != ".jsonl" || std::ranges::find(named, name) != named.end()) continue;
    SECTION(name) { check_file(name, 1); }
  }
}
