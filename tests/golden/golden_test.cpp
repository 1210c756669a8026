// 100% agreement with the frameworks. tests/golden/*.jsonl hold thousands of
// layer configurations with the answer the real framework gave (tools/gen:
// PyTorch 1.13, ONNX Runtime 1.30 over ONNX 1.12 models, TensorFlow.js 4.22
// layers for Keras); each line is {"query": REQUEST, "expect": ANSWER} in the
// query protocol. Every query is answered as `convshape query` answers it and
// must give the same output shape, or an error where the framework refused.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <convshape/convshape.hpp>

#include <algorithm>
#include <cstdint>
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
  const std::vector<std::string> named = {"torch.jsonl", "onnx.jsonl", "keras.jsonl", "pad.jsonl"};
  for (const auto& entry : std::filesystem::directory_iterator(CONVSHAPE_GOLDEN_DIR)) {
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() != ".jsonl" || std::ranges::find(named, name) != named.end()) continue;
    SECTION(name) { check_file(name, 1); }
  }
}

// tests/golden/pad.jsonl: explicit padding as a layer, in the library's own
// terms ({"framework", "layout", "input", "pads": [begin..., end...], "expect"}),
// since the query protocol has no pad op. Where a framework returns an empty
// tensor, convshape, whose shapes have extents of at least 1, must report
// errc::empty_output; where TensorFlow.js returns a shape for a negative pad,
// convshape's Keras must refuse it, as Keras and TensorFlow do.
namespace {

template <convshape::layout L, convshape::framework F>
json pad_answer(const json& c) {
  constexpr std::size_t n = convshape::spatial_rank(L);
  const auto dims = c.at("input").get<std::vector<std::int64_t>>();
  const auto pads = c.at("pads").get<std::vector<std::int64_t>>();
  REQUIRE(dims.size() == n + 2);
  REQUIRE(pads.size() == 2 * n);
  const bool last = convshape::is_channels_last(L);
  convshape::shape<L> x{dims[0], dims[last ? n + 1 : 1], {}};
  convshape::pad_params<n> p;
  for (std::size_t i = 0; i < n; ++i) {
    x.spatial_[i] = dims[last ? i + 1 : i + 2];
    p.begin[i] = pads[i];
    p.end[i] = pads[n + i];
  }
  const auto y = convshape::try_pad<F>(x, p);
  if (!y) return {{"error", y.error().what()}, {"code", static_cast<int>(y.error().code)}};
  json out = json::array();
  for (std::size_t i = 0; i < y->rank(); ++i) out.push_back((*y)[i]);
  return {{"output", out}};
}

template <convshape::framework F>
json pad_answer(const json& c) {
  const std::string layout = c.at("layout");
  if (layout == "NCW") return pad_answer<convshape::layout::ncw, F>(c);
  if (layout == "NCHW") return pad_answer<convshape::layout::nchw, F>(c);
  if (layout == "NCDHW") return pad_answer<convshape::layout::ncdhw, F>(c);
  if (layout == "NHWC") return pad_answer<convshape::layout::nhwc, F>(c);
  FAIL("layout " << layout);
  return {};
}

json pad_answer(const json& c) {
  const std::string framework = c.at("framework");
  if (framework == "torch") return pad_answer<convshape::framework::torch>(c);
  if (framework == "onnx") return pad_answer<convshape::framework::onnx>(c);
  if (framework == "keras") return pad_answer<convshape::framework::keras>(c);
  FAIL("framework " << framework);
  return {};
}

}  // namespace

TEST_CASE("golden: explicit padding (PyTorch, ONNX Runtime, TensorFlow.js)", "[golden][pad]") {
  std::ifstream in(std::string(CONVSHAPE_GOLDEN_DIR) + "/pad.jsonl");
  REQUIRE(in.good());
  std::size_t cases = 0, agree = 0, empty = 0, keras_negative = 0, empty_input = 0;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const json c = json::parse(line);
    const json& expect = c.at("expect");
    const json got = pad_answer(c);
    ++cases;
    const auto below_one = [](const json& dims) {
      return std::ranges::any_of(dims.get<std::vector<std::int64_t>>(), [](std::int64_t v) { return v < 1; });
    };
    const auto pads = c.at("pads").get<std::vector<std::int64_t>>();
    const bool negative_pad = std::ranges::any_of(pads, [](std::int64_t v) { return v < 0; });
    bool same = false;
    if (below_one(c.at("input"))) {
      same = got.value("code", -1) == static_cast<int>(convshape::errc::extent_below_one);
      empty_input += same;
    } else if (expect.contains("error")) {
      same = got.contains("error");
    } else if (c.at("framework") == "keras" && negative_pad) {
      same = got.contains("error");
      keras_negative += same;
    } else {
      if (below_one(expect.at("output"))) {
        same = got.value("code", -1) == static_cast<int>(convshape::errc::empty_output);
        empty += same;
      } else {
        same = got.value("output", json()) == expect.at("output");
      }
    }
    agree += same;
    if (!same && cases - agree <= 20) FAIL_CHECK(line << "\n  got " << got.dump());
  }
  std::printf("golden pad.jsonl: %zu cases, %zu agree (%zu empty outputs reported as empty_output, %zu empty "
              "inputs as extent_below_one, %zu negative Keras pads refused)\n",
              cases, agree, empty, empty_input, keras_negative);
  CHECK(agree == cases);
  CHECK(cases >= 800);
}
