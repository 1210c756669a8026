// The evaluator on the corpus's own shape arithmetic: every node whose
// inputs become known (Shape reading ONNX Runtime's dims of its input, then
// Constant, Gather, Add, Div, Mul, Slice, Concat on what was folded) gives
// ONNX Runtime's dims (NAME.dims.json); and the folded values drive the data
// ops as ONNX Runtime ran them: Slice's starts and ends (shufflenet's
// channel split), Reshape's shape, Resize's sizes (fcn) and scales (unet),
// Pad's pads. The same on the opset sweep (tests/corpus/onnx/opsetN/), where
// export_forms's F.pad computes its pads with ConstantOfShape, Reshape,
// Transpose and Cast too.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>

#include "onnx/constant.hpp"
#include "support.hpp"

namespace {

using namespace test;
using ints = std::vector<std::int64_t>;

struct folding {
  std::map<std::string, onnx::tensor, std::less<>> values;  // folded node outputs
  std::map<std::string, int> folded;                         // by op type
  std::map<std::string, int> checked;                        // data ops checked with folded inputs, by op type
};

/// The folded value of a node's input i, or nullptr.
const onnx::tensor* value(const folding& f, const onnx::node& n, std::size_t i) {
  const auto it = f.values.find(n.input(i));
  return it == f.values.end() ? nullptr : &it->second;
}

/// A data op whose parameters were folded: its output dims from the rules,
/// against ONNX Runtime's.
void check_data_op(folding& f, const onnx::node& n, const nlohmann::ordered_json& dims) {
  const auto in = [&](std::size_t i) { return dims_in(dims, std::string(n.input(i))); };
  const ints out = dims_in(dims, n.outputs[0]);
  if (n.op_type == "Slice" && value(f, n, 1) && value(f, n, 2)) {
    onnx::slice_params p{value(f, n, 1)->ints, value(f, n, 2)->ints, std::nullopt, std::nullopt};
    if (n.has_input(3)) p.axes = value(f, n, 3)->ints;
    if (n.has_input(4)) p.steps = value(f, n, 4)->ints;
    CHECK(onnx::slice_dims(n, in(0), p) == out);
  } else if (n.op_type == "Reshape" && value(f, n, 1)) {
    CHECK(onnx::reshape_dims(n, in(0), value(f, n, 1)->ints, n.attr_int("allowzero", 0) != 0) == out);
  } else if (n.op_type == "Resize" && value(f, n, 3)) {
    CHECK(value(f, n, 3)->ints == out);  // sizes
  } else if (n.op_type == "Resize" && value(f, n, 2)) {
    const ints input = in(0);
    const std::vector<double>& scales = value(f, n, 2)->reals;
    REQUIRE(scales.size() == input.size());
    for (std::size_t i = 0; i < input.size(); ++i)
      CHECK(static_cast<std::int64_t>(std::floor(static_cast<double>(input[i]) * scales[i])) == out[i]);
  } else if (n.op_type == "Pad" && value(f, n, 1)) {
    const ints input = in(0), pads = value(f, n, 1)->ints;
    REQUIRE(pads.size() == 2 * input.size());
    for (std::size_t i = 0; i < input.size(); ++i) CHECK(input[i] + pads[i] + pads[i + input.size()] == out[i]);
  } else {
    return;
  }
  ++f.checked[n.op_type];
}

folding fold(const std::string& name) {
  INFO(name);
  const onnx::model m = onnx::read_model(corpus_path(name));
  const nlohmann::ordered_json dims = corpus_dims(name);
  folding f;
  for (const onnx::node& n : m.nodes) {
    INFO(n.describe());
    bool known = onnx::can_evaluate(n.op_type);
    std::vector<const onnx::tensor*> inputs;
    for (std::size_t i = 0; i < n.inputs.size(); ++i) {
      inputs.push_back(value(f, n, i));
      if (n.has_input(i) && inputs.back() == nullptr) known = false;
    }
    if (n.op_type == "Shape") {
      f.values.emplace(n.outputs[0], onnx::shape_of(n, dims_in(dims, n.inputs[0]), m.opset));
    } else if (known) {
      f.values.emplace(n.outputs[0], onnx::evaluate(n, inputs, m.opset));
    } else {
      check_data_op(f, n, dims);
      continue;
    }
    ++f.folded[n.op_type];
    CHECK(f.values.at(n.outputs[0]).dims == dims_in(dims, n.outputs[0]));
  }
  return f;
}

}  // namespace

TEST_CASE("shufflenet's channel split folds to ONNX Runtime's slices", "[onnx][constant][corpus]") {
  const folding f = fold("shufflenet_v2_x1_0");
  CHECK(f.folded == std::map<std::string, int>{
                        {"Add", 13}, {"Constant", 110}, {"Div", 13}, {"Gather", 13}, {"Mul", 26}, {"Shape", 13}});
  CHECK(f.checked == std::map<std::string, int>{{"Reshape", 32}, {"Slice", 26}});
  // Shape [1, 116, 28, 28] -> Gather [1] -> 116, + 1 -> 117, / 2 -> 58
  // (truncated), * 1 and * 2: the two halves [0, 58) and [58, 116).
  CHECK(f.values.at("/stage2/stage2.1/Gather_output_0") == onnx::int_vector({116}));
  CHECK(f.values.at("/stage2/stage2.1/Div_output_0") == onnx::int_vector({58}));
  CHECK(f.values.at("/stage2/stage2.1/Mul_output_0") == onnx::int_vector({58}));
  CHECK(f.values.at("/stage2/stage2.1/Mul_1_output_0") == onnx::int_vector({116}));
  CHECK(f.values.at("/stage4/stage4.1/Mul_1_output_0") == onnx::int_vector({464}));
}

TEST_CASE("fcn's Resize sizes fold to ONNX Runtime's output dims", "[onnx][constant][corpus]") {
  const folding f = fold("fcn_resnet50");
  CHECK(f.folded == std::map<std::string, int>{{"Concat", 1}, {"Constant", 4}, {"Shape", 1}, {"Slice", 1}});
  CHECK(f.checked == std::map<std::string, int>{{"Resize", 1}});
  CHECK(f.values.at("/inner/Shape_output_0") == onnx::int_vector({1, 21, 28, 28}));
  CHECK(f.values.at("/inner/Slice_output_0") == onnx::int_vector({1, 21}));
  CHECK(f.values.at("/inner/Concat_output_0") == onnx::int_vector({1, 21, 224, 224}));
}

TEST_CASE("every corpus model's constants fold to ONNX Runtime's dims", "[onnx][constant][corpus]") {
  std::map<std::string, int> folded, checked;
  for (const std::string& name : corpus_models()) {
    const folding f = fold(name);
    for (const auto& [op, count] : f.folded) folded[op] += count;
    for (const auto& [op, count] : f.checked) checked[op] += count;
  }
  // ops.md: 251 Constant nodes; the shape computations of shufflenet and fcn.
  CHECK(folded == std::map<std::string, int>{{"Add", 13},
                                              {"Concat", 1},
                                              {"Constant", 251},
                                              {"Div", 13},
                                              {"Gather", 13},
                                              {"Mul", 26},
                                              {"Shape", 14},
                                              {"Slice", 1}});
  // Every Pad, Reshape and Resize of the corpus, and shufflenet's 26 Slices.
  CHECK(checked == std::map<std::string, int>{{"Pad", 12}, {"Reshape", 32}, {"Resize", 2}, {"Slice", 26}});
}

TEST_CASE("every opset sweep model's constants fold to ONNX Runtime's dims", "[onnx][constant][corpus]") {
  std::map<std::string, int> folded, checked;
  for (const std::string& name : sweep_models()) {
    const folding f = fold(name);
    for (const auto& [op, count] : f.folded) folded[op] += count;
    for (const auto& [op, count] : f.checked) checked[op] += count;
  }
  // export_forms's reflect padding: F.pad's pads computed from a constant
  // (ConstantOfShape, Concat, Reshape, a reversing Slice, Transpose, Reshape,
  // Cast) at each of the three opsets.
  CHECK(folded["Transpose"] == 3);
  CHECK(folded["ConstantOfShape"] == 3);
  CHECK(folded["Cast"] == 3);
  // Every Pad and Resize of the sweep, shufflenet's and export_forms' chunk
  // Slices: 9 + 1 Pads, 2 + 2 Resizes (fcn, unet, export_forms' two) and 26 + 2
  // Slices at each opset.
  CHECK(checked["Pad"] == 3 * 10);
  CHECK(checked["Resize"] == 3 * 4);
  CHECK(checked["Slice"] == 3 * 28);
}
