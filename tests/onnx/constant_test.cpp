// The evaluator of shape arithmetic, op by op: ONNX's semantics (opsets 11 to
// 17) on the edges exporters and hostile files reach, and a message naming
// the node for everything it refuses.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <map>
#include <optional>

#include "onnx/constant.hpp"
#include "support.hpp"

namespace {

using namespace test;
using onnx::data_type;
using onnx::int_scalar;
using onnx::int_tensor;
using onnx::int_vector;
using onnx::real_tensor;
using ints = std::vector<std::int64_t>;

constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t int64_min = std::numeric_limits<std::int64_t>::min();

/// A node named "/<op type>" with these inputs and attributes.
onnx::node op(const std::string& type, std::vector<std::string> inputs = {},
              std::map<std::string, onnx::attribute_value> attributes = {}) {
  onnx::node n;
  n.name = "/" + type;
  n.op_type = type;
  n.inputs = std::move(inputs);
  n.outputs = {"out"};
  n.attributes.insert(attributes.begin(), attributes.end());
  return n;
}

/// evaluate() on values, std::nullopt where the mapping has none.
onnx::tensor eval(const onnx::node& n, const std::vector<std::optional<onnx::tensor>>& values = {},
                  std::int64_t opset = 17) {
  std::vector<const onnx::tensor*> inputs;
  for (const auto& v : values) inputs.push_back(v ? &*v : nullptr);
  return onnx::evaluate(n, inputs, opset);
}

onnx::stored_tensor stored(onnx::tensor value) {
  onnx::stored_tensor t;
  t.type = value.type;
  t.dims = value.dims;
  t.value = std::move(value);
  return t;
}

}  // namespace

TEST_CASE("evaluate: the op types it knows, and the inputs it needs", "[onnx][constant]") {
  for (const char* known : {"Constant", "Shape", "Gather", "Unsqueeze", "Squeeze", "Concat", "Slice", "Add", "Sub",
                            "Mul", "Div", "Cast", "Reshape", "Transpose", "ConstantOfShape", "Range", "Equal", "Where",
                            "Identity", "Floor", "Ceil", "Sqrt"})
    CHECK(onnx::can_evaluate(known));
  CHECK(!onnx::can_evaluate("Conv"));
  CHECK(!onnx::can_evaluate("add"));
  CHECK_THROWS_WITH(eval(op("Conv", {"x"})),
                    "node '/Conv' (Conv): op type 'Conv' is not one that shape arithmetic is evaluated with");
  CHECK_THROWS_WITH(eval(op("Add", {"a", "b"}), {int_scalar(1)}),
                    "node '/Add' (Add): input 1 ('B'), 'b', has no constant value");
  CHECK_THROWS_WITH(eval(op("Add", {"a", ""}), {int_scalar(1), int_scalar(1)}),
                    "node '/Add' (Add): input 1 ('B') is required, and the node omits it");
  onnx::node unnamed = op("Sub", {"a"});
  unnamed.name.clear();
  unnamed.position = 12;
  CHECK_THROWS_WITH(eval(unnamed, {int_scalar(1)}), "node #12 (Sub): input 1 ('B') is required, and the node omits it");
}

TEST_CASE("Constant: value, and from opset 12 value_int(s) and value_float(s)", "[onnx][constant]") {
  CHECK(eval(op("Constant", {}, {{"value", stored(int_vector({1, 2}))}})) == int_vector({1, 2}));
  CHECK(eval(op("Constant", {}, {{"value_ints", ints{3, 4}}})) == int_vector({3, 4}));
  CHECK(eval(op("Constant", {}, {{"value_int", std::int64_t{5}}})) == int_scalar(5));
  CHECK(eval(op("Constant", {}, {{"value_float", 0.5}})) == real_tensor({}, {0.5}));
  CHECK(eval(op("Constant", {}, {{"value_floats", std::vector<double>{1, 2}}})) == real_tensor({2}, {1, 2}));
  CHECK_THROWS_WITH(eval(op("Constant", {}, {{"value_ints", ints{3}}}), {}, 11),
                    "node '/Constant' (Constant): attribute 'value_ints' exists from opset 12 on, and the model's is 11");
  CHECK_THROWS_WITH(eval(op("Constant", {}, {{"value_int", std::int64_t{1}}, {"value_ints", ints{1}}})),
                    "node '/Constant' (Constant): exactly one of the attributes value, value_float(s), value_int(s), "
                    "value_string(s), sparse_value must be given, not 2");
  CHECK_THROWS_WITH(eval(op("Constant", {}, {{"value_string", std::string("a")}})),
                    "node '/Constant' (Constant): attribute 'value_string' is not supported: shape arithmetic is on numbers");
  onnx::stored_tensor weights;
  weights.type = data_type::float32;
  weights.dims = {64, 3};
  weights.external = true;
  CHECK_THROWS_WITH(eval(op("Constant", {}, {{"value", weights}})),
                    "node '/Constant' (Constant): attribute 'value' (float, dims [64, 3]) has no values to evaluate: its "
                    "data is in an external file");
}

TEST_CASE("Shape: the dims, and opset 15's start and end, clamped", "[onnx][constant]") {
  const onnx::tensor x = real_tensor({2, 3, 4}, std::vector<double>(24, 0.0));
  CHECK(eval(op("Shape", {"x"}), {x}) == int_vector({2, 3, 4}));
  CHECK(onnx::shape_of(op("Shape", {"x"}), ints{1, 3, 224, 224}, 13) == int_vector({1, 3, 224, 224}));
  CHECK(onnx::shape_of(op("Shape", {"x"}), ints{}, 17) == int_vector({}));
  const ints dims{1, 3, 224, 224};
  CHECK(onnx::shape_of(op("Shape", {"x"}, {{"start", std::int64_t{2}}}), dims, 15) == int_vector({224, 224}));
  CHECK(onnx::shape_of(op("Shape", {"x"}, {{"end", std::int64_t{-2}}}), dims, 15) == int_vector({1, 3}));
  CHECK(onnx::shape_of(op("Shape", {"x"}, {{"start", std::int64_t{-10}}, {"end", std::int64_t{10}}}), dims, 17) ==
        int_vector({1, 3, 224, 224}));
  CHECK(onnx::shape_of(op("Shape", {"x"}, {{"start", std::int64_t{3}}, {"end", std::int64_t{1}}}), dims, 17) ==
        int_vector({}));
  CHECK(onnx::shape_of(op("Shape", {"x"}, {{"start", int64_min}, {"end", int64_max}}), dims, 17) ==
        int_vector({1, 3, 224, 224}));
  CHECK_THROWS_WITH(onnx::shape_of(op("Shape", {"x"}, {{"start", std::int64_t{1}}}), dims, 14),
                    "node '/Shape' (Shape): attributes 'start' and 'end' exist from opset 15 on, and the model's is 14");
  CHECK_THROWS_WITH(onnx::shape_of(op("Shape", {"x"}), ints{-1, 3}, 17),
                    "node '/Shape' (Shape): the input's dims [-1, 3] are not all known");
}

TEST_CASE("Gather: axes, negative and out-of-range indices", "[onnx][constant]") {
  const onnx::tensor shape = int_vector({1, 116, 28, 28});
  CHECK(eval(op("Gather", {"d", "i"}, {{"axis", std::int64_t{0}}}), {shape, int_scalar(1)}) == int_scalar(116));
  CHECK(eval(op("Gather", {"d", "i"}), {shape, int_vector({1})}) == int_vector({116}));
  CHECK(eval(op("Gather", {"d", "i"}), {shape, int_vector({-1, 0})}) == int_vector({28, 1}));
  CHECK(eval(op("Gather", {"d", "i"}), {shape, int_tensor({1}, {-4}, data_type::int32)}) == int_vector({1}));
  const onnx::tensor matrix = int_tensor({2, 3}, {1, 2, 3, 4, 5, 6});
  CHECK(eval(op("Gather", {"d", "i"}, {{"axis", std::int64_t{1}}}), {matrix, int_vector({2, 0})}) ==
        int_tensor({2, 2}, {3, 1, 6, 4}));
  CHECK(eval(op("Gather", {"d", "i"}, {{"axis", std::int64_t{-2}}}), {matrix, int_tensor({1, 1}, {1})}) ==
        int_tensor({1, 1, 3}, {4, 5, 6}));
  CHECK(eval(op("Gather", {"d", "i"}), {real_tensor({2}, {0.5, 1.5}), int_scalar(-1)}) == real_tensor({}, {1.5}));
  CHECK_THROWS_WITH(eval(op("Gather", {"d", "i"}), {shape, int_scalar(4)}),
                    "node '/Gather' (Gather): index 4 is out of range for axis 0 of size 4 (-4 to 3)");
  CHECK_THROWS_WITH(eval(op("Gather", {"d", "i"}), {shape, int_scalar(-5)}),
                    "node '/Gather' (Gather): index -5 is out of range for axis 0 of size 4 (-4 to 3)");
  CHECK_THROWS_WITH(eval(op("Gather", {"d", "i"}, {{"axis", std::int64_t{1}}}), {shape, int_scalar(0)}),
                    "node '/Gather' (Gather): axis 1 is out of range for rank 1 (-1 to 0)");
  CHECK_THROWS_WITH(eval(op("Gather", {"d", "i"}), {int_scalar(3), int_scalar(0)}),
                    "node '/Gather' (Gather): input 'data' must have rank 1 or more, got int64[] 3");
  CHECK_THROWS_WITH(eval(op("Gather", {"d", "i"}), {shape, real_tensor({}, {0})}),
                    "node '/Gather' (Gather): input 'indices' must be int32 or int64, got float[] 0");
}

TEST_CASE("Unsqueeze and Squeeze: axes an attribute before opset 13, an input from it on", "[onnx][constant]") {
  const onnx::tensor v = int_vector({7, 8, 9});
  CHECK(eval(op("Unsqueeze", {"x"}, {{"axes", ints{0}}}), {v}, 11).dims == ints{1, 3});
  CHECK(eval(op("Unsqueeze", {"x", "axes"}), {v, int_vector({-1})}, 13).dims == ints{3, 1});
  CHECK(eval(op("Unsqueeze", {"x", "axes"}), {int_scalar(5), int_vector({0, 2, -2})}, 17) ==
        int_tensor({1, 1, 1}, {5}));
  CHECK_THROWS_WITH(eval(op("Unsqueeze", {"x"}, {{"axes", ints{0}}}), {v}, 13),
                    "node '/Unsqueeze' (Unsqueeze): attribute 'axes' is an input from opset 13 on, and the model's is 13");
  CHECK_THROWS_WITH(eval(op("Unsqueeze", {"x", "axes"}), {v, int_vector({0})}, 12),
                    "node '/Unsqueeze' (Unsqueeze): axes are an attribute before opset 13, and the model's is 12: the "
                    "node has a second input");
  CHECK_THROWS_WITH(eval(op("Unsqueeze", {"x", "axes"}), {v, int_vector({0, -3})}, 13),
                    "node '/Unsqueeze' (Unsqueeze): axis -3 is repeated in axes [0, -3]");
  CHECK_THROWS_WITH(eval(op("Unsqueeze", {"x", "axes"}), {v, int_vector({2})}, 13),
                    "node '/Unsqueeze' (Unsqueeze): axis 2 is out of range for rank 2 (-2 to 1)");
  CHECK_THROWS_WITH(eval(op("Unsqueeze", {"x"}), {v}, 13), "node '/Unsqueeze' (Unsqueeze): axes are required");

  const onnx::tensor column = int_tensor({1, 3, 1}, {7, 8, 9});
  CHECK(eval(op("Squeeze", {"x"}), {column}, 11) == v);
  CHECK(eval(op("Squeeze", {"x"}, {{"axes", ints{0}}}), {column}, 11).dims == ints{3, 1});
  CHECK(eval(op("Squeeze", {"x", "axes"}), {column, int_vector({-1})}, 13).dims == ints{1, 3});
  CHECK(eval(op("Squeeze", {"x", ""}), {column, std::nullopt}, 13) == v);
  CHECK_THROWS_WITH(eval(op("Squeeze", {"x", "axes"}), {column, int_vector({1})}, 13),
                    "node '/Squeeze' (Squeeze): axis 1 of dims [1, 3, 1] is 3, not 1: it cannot be squeezed");
  CHECK(onnx::squeeze_dims(op("Squeeze"), ints{1, 1}, std::nullopt) == ints{});
  CHECK(onnx::unsqueeze_dims(op("Unsqueeze"), ints{2, 3}, ints{1, 3}) == ints{2, 1, 3, 1});
}

TEST_CASE("Concat: along an axis, negative too, in one type, other dims matching", "[onnx][constant]") {
  CHECK(eval(op("Concat", {"a", "b"}, {{"axis", std::int64_t{0}}}), {int_vector({1, 21}), int_vector({224, 224})}) ==
        int_vector({1, 21, 224, 224}));
  CHECK(eval(op("Concat", {"a"}, {{"axis", std::int64_t{0}}}), {int_vector({})}) == int_vector({}));
  const onnx::tensor a = int_tensor({2, 1}, {1, 2}), b = int_tensor({2, 2}, {3, 4, 5, 6});
  CHECK(eval(op("Concat", {"a", "b"}, {{"axis", std::int64_t{-1}}}), {a, b}) == int_tensor({2, 3}, {1, 3, 4, 2, 5, 6}));
  CHECK_THROWS_WITH(eval(op("Concat", {"a", "b"}, {{"axis", std::int64_t{0}}}), {a, b}),
                    "node '/Concat' (Concat): input 1, int64[2,2] [3, 4, 5, 6], does not match input 0, int64[2,1] [1, "
                    "2], in type and in dims other than axis 0");
  CHECK_THROWS_WITH(eval(op("Concat", {"a", "b"}, {{"axis", std::int64_t{0}}}), {int_vector({1}), real_tensor({1}, {1})}),
                    Catch::Contains("does not match input 0"));
  CHECK_THROWS_WITH(eval(op("Concat", {"a"}, {{"axis", std::int64_t{0}}}), {int_scalar(1)}),
                    "node '/Concat' (Concat): the inputs must have rank 1 or more, got int64[] 1");
  CHECK_THROWS_WITH(eval(op("Concat", {"a"}), {int_vector({1})}),
                    "node '/Concat' (Concat): attribute 'axis' is required, and absent");
}

TEST_CASE("Slice: clamping, negative starts, ends and steps, axes", "[onnx][constant]") {
  const onnx::tensor v = int_vector({0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
  const auto slice = [&](ints starts, ints ends, std::optional<ints> axes = {}, std::optional<ints> steps = {}) {
    return eval(op("Slice", {"data", "starts", "ends", axes ? "axes" : "", steps ? "steps" : ""}),
                {v, int_vector(starts), int_vector(ends), axes ? std::optional(int_vector(*axes)) : std::nullopt,
                 steps ? std::optional(int_vector(*steps)) : std::nullopt});
  };
  CHECK(slice({2}, {5}) == int_vector({2, 3, 4}));
  CHECK(slice({-3}, {int64_max}) == int_vector({7, 8, 9}));
  CHECK(slice({8}, {100}) == int_vector({8, 9}));
  CHECK(slice({-100}, {2}) == int_vector({0, 1}));
  CHECK(slice({5}, {2}) == int_vector({}));
  CHECK(slice({0}, {10}, ints{0}, ints{3}) == int_vector({0, 3, 6, 9}));
  CHECK(slice({-1}, {int64_min}, ints{0}, ints{-1}) == int_vector({9, 8, 7, 6, 5, 4, 3, 2, 1, 0}));
  CHECK(slice({100}, {-100}, ints{-1}, ints{-4}) == int_vector({9, 5, 1}));  // start clamped to 9, end to -1
  CHECK(slice({7}, {2}, ints{0}, ints{-2}) == int_vector({7, 5, 3}));
  CHECK(slice({3}, {3}, ints{0}, ints{-1}) == int_vector({}));
  CHECK(slice({int64_max}, {int64_min}, ints{0}, ints{int64_min}) == int_vector({9}));
  CHECK(slice({0}, {int64_max}, ints{0}, ints{int64_max}) == int_vector({0}));
  const onnx::tensor matrix = int_tensor({2, 3}, {1, 2, 3, 4, 5, 6});
  CHECK(eval(op("Slice", {"d", "s", "e", "a"}), {matrix, int_vector({1}), int_vector({3}), int_vector({-1})}) ==
        int_tensor({2, 2}, {2, 3, 5, 6}));
  CHECK(eval(op("Slice", {"d", "s", "e"}), {matrix, int_tensor({2}, {1, 0}, data_type::int32),
                                            int_tensor({2}, {2, 1}, data_type::int32)}) == int_tensor({1, 1}, {4}));
  CHECK_THROWS_WITH(slice({0}, {5}, ints{0}, ints{0}),
                    "node '/Slice' (Slice): step 0 on axis 0: steps must not be 0");
  CHECK_THROWS_WITH(slice({0, 0}, {5, 5}, ints{0, -1}),
                    "node '/Slice' (Slice): axis -1 is repeated in axes [0, -1]");
  CHECK_THROWS_WITH(slice({0}, {5, 5}),
                    "node '/Slice' (Slice): starts, ends, axes and steps must have one entry per sliced axis, got 1, 2, "
                    "1, 1");
  CHECK_THROWS_WITH(slice({0}, {5}, ints{1}), "node '/Slice' (Slice): axis 1 is out of range for rank 1 (-1 to 0)");
  // On dims alone, as the mapping slices a data tensor: zero-sized dims too.
  const onnx::slice_params half{{0}, {58}, ints{1}, std::nullopt};
  CHECK(onnx::slice_dims(op("Slice"), ints{1, 116, 28, 28}, half) == ints{1, 58, 28, 28});
  CHECK(onnx::slice_dims(op("Slice"), ints{0, 4}, {{-1}, {int64_min}, ints{0}, ints{-1}}) == ints{0, 4});
}

TEST_CASE("Add, Sub, Mul: broadcasting, int64 overflow and narrower types", "[onnx][constant]") {
  CHECK(eval(op("Add", {"a", "b"}), {int_vector({116}), int_vector({1})}) == int_vector({117}));
  CHECK(eval(op("Sub", {"a", "b"}), {int_tensor({2, 1}, {10, 20}), int_vector({1, 2, 3})}) ==
        int_tensor({2, 3}, {9, 8, 7, 19, 18, 17}));
  CHECK(eval(op("Mul", {"a", "b"}), {int_scalar(3), int_tensor({1, 2}, {4, 5})}) == int_tensor({1, 2}, {12, 15}));
  CHECK(eval(op("Add", {"a", "b"}), {int_vector({}), int_vector({1})}) == int_vector({}));
  CHECK(eval(op("Mul", {"a", "b"}), {real_tensor({}, {double{0.1f}}), real_tensor({}, {3})}) ==
        real_tensor({}, {static_cast<double>(0.1f * 3.0f)}));  // rounded to float, as float32 computes
  CHECK(eval(op("Add", {"a", "b"}), {real_tensor({}, {0.1}, data_type::float64), real_tensor({}, {0.2}, data_type::float64)}) ==
        real_tensor({}, {0.1 + 0.2}, data_type::float64));
  CHECK_THROWS_WITH(eval(op("Add", {"a", "b"}), {int_scalar(int64_max), int_scalar(1)}),
                    "node '/Add' (Add): int64 overflow: 9223372036854775807 + 1");
  CHECK_THROWS_WITH(eval(op("Sub", {"a", "b"}), {int_scalar(int64_min), int_scalar(1)}),
                    "node '/Sub' (Sub): int64 overflow: -9223372036854775808 - 1");
  CHECK_THROWS_WITH(eval(op("Mul", {"a", "b"}), {int_scalar(std::int64_t{1} << 32), int_scalar(std::int64_t{1} << 31)}),
                    "node '/Mul' (Mul): int64 overflow: 4294967296 * 2147483648");
  CHECK_THROWS_WITH(eval(op("Add", {"a", "b"}), {int_tensor({}, {2147483647}, data_type::int32),
                                                 int_tensor({}, {1}, data_type::int32)}),
                    "node '/Add' (Add): 2147483647 + 1 = 2147483648 is out of the int32 range");
  const double two_to_100 = std::ldexp(1.0, 100);
  CHECK_THROWS_WITH(eval(op("Mul", {"a", "b"}), {real_tensor({}, {two_to_100}), real_tensor({}, {two_to_100})}),
                    "node '/Mul' (Mul): the value 1.60693804e+60 is out of the float range");
  CHECK_THROWS_WITH(eval(op("Mul", {"a", "b"}), {real_tensor({}, {1e300}, data_type::float64),
                                                 real_tensor({}, {1e300}, data_type::float64)}),
                    "node '/Mul' (Mul): the result of 1e+300 * 1e+300 is out of the double range");
  CHECK_THROWS_WITH(eval(op("Add", {"a", "b"}), {int_vector({1, 2}), int_vector({1, 2, 3})}),
                    "node '/Add' (Add): dims [2] and [3] do not broadcast: 2 against 3");
  CHECK_THROWS_WITH(eval(op("Add", {"a", "b"}), {int_vector({1}), real_tensor({1}, {1})}),
                    "node '/Add' (Add): inputs A and B must be of one type, got int64[1] [1] and float[1] [1]");
  CHECK_THROWS_WITH(eval(op("Add", {"a", "b"}), {int_tensor({}, {1}, data_type::boolean), int_tensor({}, {1}, data_type::boolean)}),
                    "node '/Add' (Add): inputs of type bool are not supported");
  CHECK(onnx::broadcast_dims(op("Add"), ints{8, 1, 6, 1}, ints{7, 1, 5}) == ints{8, 7, 6, 5});
  CHECK(onnx::broadcast_dims(op("Add"), ints{1}, ints{0}) == ints{0});
}

TEST_CASE("Div: integers truncate toward zero, as ONNX Runtime, and division by zero is refused", "[onnx][constant]") {
  const auto div = [](std::int64_t a, std::int64_t b) {
    return eval(op("Div", {"a", "b"}), {int_scalar(a), int_scalar(b)}).ints.at(0);
  };
  CHECK(div(117, 2) == 58);
  CHECK(div(-7, 2) == -3);  // numpy's // gives -4
  CHECK(div(7, -2) == -3);
  CHECK(div(-7, -2) == 3);
  CHECK(div(int64_min, 1) == int64_min);
  CHECK(eval(op("Div", {"a", "b"}), {real_tensor({}, {1}), real_tensor({}, {3})}) ==
        real_tensor({}, {static_cast<double>(1.0f / 3.0f)}));
  CHECK_THROWS_WITH(div(5, 0), "node '/Div' (Div): division by zero: 5 / 0");
  CHECK_THROWS_WITH(eval(op("Div", {"a", "b"}), {real_tensor({}, {1.5}), real_tensor({}, {0})}),
                    "node '/Div' (Div): division by zero: 1.5 / 0");
  CHECK_THROWS_WITH(div(int64_min, -1), "node '/Div' (Div): int64 overflow: -9223372036854775808 / -1");
}

TEST_CASE("Cast: between integer and real types, refusing what does not fit", "[onnx][constant]") {
  const auto cast = [](const onnx::tensor& x, data_type to) {
    return eval(op("Cast", {"x"}, {{"to", static_cast<std::int64_t>(to)}}), {x});
  };
  CHECK(cast(int_vector({1, -2}), data_type::float32) == real_tensor({2}, {1, -2}));
  CHECK(cast(int_scalar((std::int64_t{1} << 24) + 1), data_type::float32) == real_tensor({}, {16777216.0}));
  CHECK(cast(int_scalar((std::int64_t{1} << 24) + 1), data_type::float64) ==
        real_tensor({}, {16777217.0}, data_type::float64));
  CHECK(cast(real_tensor({3}, {-2.7, 2.7, 0.0}), data_type::int64) == int_vector({-2, 2, 0}));
  CHECK(cast(real_tensor({}, {0.1}, data_type::float64), data_type::float32) == real_tensor({}, {static_cast<double>(0.1f)}));
  CHECK(cast(int_vector({0, 3}), data_type::boolean) == int_tensor({2}, {0, 1}, data_type::boolean));
  CHECK(cast(int_vector({70000}), data_type::int32) == int_tensor({1}, {70000}, data_type::int32));
  CHECK(cast(int_tensor({}, {5}, data_type::int32), data_type::int64) == int_scalar(5));
  CHECK_THROWS_WITH(cast(int_vector({int64_max}), data_type::int32),
                    "node '/Cast' (Cast): the value 9223372036854775807 is out of the int32 range");
  CHECK_THROWS_WITH(cast(real_tensor({}, {NAN}), data_type::int64),
                    "node '/Cast' (Cast): the value nan is out of the int64 range");
  CHECK_THROWS_WITH(cast(real_tensor({}, {1e19}, data_type::float64), data_type::int64),
                    "node '/Cast' (Cast): the value 1e+19 is out of the int64 range");
  CHECK_THROWS_WITH(cast(real_tensor({}, {1e300}, data_type::float64), data_type::float32),
                    "node '/Cast' (Cast): the value 1e+300 is out of the float range");
  CHECK_THROWS_WITH(cast(int_scalar(1), data_type::float16), "node '/Cast' (Cast): Cast to float16 is not supported");
}

TEST_CASE("Reshape: 0 copies a dim (unless allowzero, opset 14), one -1 takes the rest", "[onnx][constant]") {
  const onnx::tensor six = int_vector({1, 2, 3, 4, 5, 6});
  CHECK(eval(op("Reshape", {"x", "s"}), {six, int_vector({2, -1})}) == int_tensor({2, 3}, {1, 2, 3, 4, 5, 6}));
  const auto dims = [](ints input, ints shape, bool allowzero = false) {
    return onnx::reshape_dims(op("Reshape"), input, shape, allowzero);
  };
  CHECK(dims({1, 116, 28, 28}, {1, 2, 58, 28, 28}) == ints{1, 2, 58, 28, 28});
  CHECK(dims({1, 58, 2, 28, 28}, {1, -1, 28, 28}) == ints{1, 116, 28, 28});
  CHECK(dims({2, 3, 4}, {0, -1}) == ints{2, 12});
  CHECK(dims({0, 3}, {0, 3}, true) == ints{0, 3});
  CHECK(dims({0, 3}, {3, 0}, true) == ints{3, 0});
  CHECK_THROWS_WITH(dims({2, 3}, {-1, -1}), "node '/Reshape' (Reshape): the shape [-1, -1] has more than one -1");
  CHECK_THROWS_WITH(dims({2, 3}, {4, -1}),
                    "node '/Reshape' (Reshape): the input's 6 elements (dims [2, 3]) cannot take the shape [4, -1]");
  CHECK_THROWS_WITH(dims({2, 3}, {5}),
                    "node '/Reshape' (Reshape): the input's 6 elements (dims [2, 3]) do not fit the shape [5] (5 elements)");
  CHECK_THROWS_WITH(dims({2}, {2, 0}),
                    "node '/Reshape' (Reshape): the shape [2, 0] has a 0 at index 1, and the input, of rank 1, has no dim "
                    "there to copy");
  CHECK_THROWS_WITH(dims({0, 3}, {0, -1}, true),
                    "node '/Reshape' (Reshape): the shape [0, -1] has both 0 and -1, which allowzero=1 forbids");
  CHECK_THROWS_WITH(dims({2, 3}, {-2, 3}), "node '/Reshape' (Reshape): the shape [-2, 3] has the negative entry -2");
  CHECK_THROWS_WITH(eval(op("Reshape", {"x", "s"}, {{"allowzero", std::int64_t{1}}}), {six, int_vector({6})}, 13),
                    "node '/Reshape' (Reshape): attribute 'allowzero' exists from opset 14 on, and the model's is 13");
  CHECK_THROWS_WITH(eval(op("Reshape", {"x", "s"}), {six, int_tensor({1}, {6}, data_type::int32)}),
                    "node '/Reshape' (Reshape): input 'shape' must be int64, got int32[1] [6]");
}

TEST_CASE("Transpose: perm, by default the axes reversed, and what is not a permutation", "[onnx][constant]") {
  const onnx::tensor m = int_tensor({2, 3}, {1, 2, 3, 4, 5, 6});
  CHECK(eval(op("Transpose", {"x"}, {{"perm", ints{1, 0}}}), {m}) == int_tensor({3, 2}, {1, 4, 2, 5, 3, 6}));
  CHECK(eval(op("Transpose", {"x"}), {m}) == int_tensor({3, 2}, {1, 4, 2, 5, 3, 6}));
  CHECK(eval(op("Transpose", {"x"}, {{"perm", ints{0, 1}}}), {m}) == m);
  // F.pad's pads at opset 11 on: [[1, 1], [1, 1], [0, 0], [0, 0]] reversed, then transposed.
  CHECK(eval(op("Transpose", {"x"}, {{"perm", ints{1, 0}}}), {int_tensor({4, 2}, {0, 0, 0, 0, 1, 1, 1, 1})}) ==
        int_tensor({2, 4}, {0, 0, 1, 1, 0, 0, 1, 1}));
  const onnx::tensor cube = real_tensor({2, 1, 3}, {1, 2, 3, 4, 5, 6});
  CHECK(eval(op("Transpose", {"x"}, {{"perm", ints{2, 0, 1}}}), {cube}) == real_tensor({3, 2, 1}, {1, 4, 2, 5, 3, 6}));
  CHECK(eval(op("Transpose", {"x"}), {int_scalar(7)}) == int_scalar(7));
  CHECK(eval(op("Transpose", {"x"}, {{"perm", ints{1, 0}}}), {int_tensor({0, 2}, {})}) == int_tensor({2, 0}, {}));
  CHECK_THROWS_WITH(eval(op("Transpose", {"x"}, {{"perm", ints{0, 0}}}), {m}),
                    "node '/Transpose' (Transpose): attribute 'perm' [0, 0] is not a permutation of the 2 axes of the "
                    "input, int64[2,3] [1, 2, 3, 4, 5, 6]");
  CHECK_THROWS_WITH(eval(op("Transpose", {"x"}, {{"perm", ints{0, 2}}}), {m}),
                    "node '/Transpose' (Transpose): attribute 'perm' [0, 2] is not a permutation of the 2 axes of the "
                    "input, int64[2,3] [1, 2, 3, 4, 5, 6]");
  CHECK_THROWS_WITH(eval(op("Transpose", {"x"}, {{"perm", ints{0}}}), {m}),
                    "node '/Transpose' (Transpose): attribute 'perm' [0] is not a permutation of the 2 axes of the "
                    "input, int64[2,3] [1, 2, 3, 4, 5, 6]");
}

TEST_CASE("ConstantOfShape: a float 0 by default, a size limit", "[onnx][constant]") {
  CHECK(eval(op("ConstantOfShape", {"s"}), {int_vector({2, 1})}) == real_tensor({2, 1}, {0, 0}));
  CHECK(eval(op("ConstantOfShape", {"s"}, {{"value", stored(int_vector({7}))}}), {int_vector({3})}) ==
        int_vector({7, 7, 7}));
  CHECK(eval(op("ConstantOfShape", {"s"}), {int_vector({})}) == real_tensor({}, {0}));
  CHECK(eval(op("ConstantOfShape", {"s"}), {int_vector({0, 5})}) == real_tensor({0, 5}, {}));
  CHECK_THROWS_WITH(eval(op("ConstantOfShape", {"s"}), {int_vector({1000000, 1000000})}),
                    "node '/ConstantOfShape' (ConstantOfShape): the output would have 1000000000000 elements (dims "
                    "[1000000, 1000000]), more than the limit of 1048576 for shape arithmetic");
  CHECK_THROWS_WITH(eval(op("ConstantOfShape", {"s"}), {int_vector({int64_max, 2})}),
                    "node '/ConstantOfShape' (ConstantOfShape): the output dims [9223372036854775807, 2] have more "
                    "elements than int64 can count");
  CHECK_THROWS_WITH(eval(op("ConstantOfShape", {"s"}), {int_vector({2, -1})}),
                    "node '/ConstantOfShape' (ConstantOfShape): the shape [2, -1] has a negative dim");
  CHECK_THROWS_WITH(eval(op("ConstantOfShape", {"s"}, {{"value", stored(int_vector({1, 2}))}}), {int_vector({1})}),
                    "node '/ConstantOfShape' (ConstantOfShape): attribute 'value' must hold one value, got int64[2] [1, 2]");
}

TEST_CASE("Range: integer and real, empty, a size limit", "[onnx][constant]") {
  const auto range = [](onnx::tensor start, onnx::tensor limit, onnx::tensor delta) {
    return eval(op("Range", {"start", "limit", "delta"}), {start, limit, delta});
  };
  CHECK(range(int_scalar(0), int_scalar(10), int_scalar(3)) == int_vector({0, 3, 6, 9}));
  CHECK(range(int_scalar(10), int_scalar(0), int_scalar(-3)) == int_vector({10, 7, 4, 1}));
  CHECK(range(int_scalar(5), int_scalar(0), int_scalar(1)) == int_vector({}));
  CHECK(range(int_scalar(int64_min), int_scalar(int64_min + 2), int_scalar(int64_max)) == int_vector({int64_min}));
  CHECK(range(real_tensor({}, {0}), real_tensor({}, {1}), real_tensor({}, {0.25})) ==
        real_tensor({4}, {0, 0.25, 0.5, 0.75}));
  CHECK_THROWS_WITH(range(int_scalar(0), int_scalar(10), int_scalar(0)), "node '/Range' (Range): delta is 0");
  CHECK_THROWS_WITH(range(int_scalar(0), int_scalar(int64_max), int_scalar(1)),
                    "node '/Range' (Range): the output would have 9223372036854775807 elements (dims "
                    "[9223372036854775807]), more than the limit of 1048576 for shape arithmetic");
  CHECK_THROWS_WITH(range(int_scalar(int64_min), int_scalar(int64_max), int_scalar(1)),
                    "node '/Range' (Range): limit - start overflows int64: 9223372036854775807 - -9223372036854775808");
  CHECK_THROWS_WITH(range(real_tensor({}, {0}), real_tensor({}, {1e9}), real_tensor({}, {1})),
                    "node '/Range' (Range): the range from float[] 0 to float[] 1e+09 by float[] 1 has more than "
                    "1048576 elements, the limit for shape arithmetic");
  CHECK_THROWS_WITH(range(int_scalar(0), real_tensor({}, {1}), int_scalar(1)),
                    "node '/Range' (Range): start, limit and delta must be of one numeric type, got int64[] 0, float[] "
                    "1, int64[] 1");
  CHECK_THROWS_WITH(range(int_vector({0, 1}), int_scalar(1), int_scalar(1)),
                    "node '/Range' (Range): input 'start' must be a scalar, got int64[2] [0, 1]");
}

TEST_CASE("Equal, Where, Identity, Floor, Ceil, Sqrt", "[onnx][constant]") {
  const onnx::tensor mask = eval(op("Equal", {"a", "b"}), {int_vector({1, 2, 3}), int_scalar(2)});
  CHECK(mask == int_tensor({3}, {0, 1, 0}, data_type::boolean));
  CHECK(eval(op("Where", {"c", "x", "y"}), {mask, int_vector({1, 2, 3}), int_scalar(-1)}) == int_vector({-1, 2, -1}));
  CHECK(eval(op("Where", {"c", "x", "y"}), {int_tensor({2, 1}, {1, 0}, data_type::boolean), real_tensor({1, 2}, {1, 2}),
                                            real_tensor({}, {0})}) == real_tensor({2, 2}, {1, 2, 0, 0}));
  CHECK_THROWS_WITH(eval(op("Where", {"c", "x", "y"}), {int_vector({1}), int_vector({1}), int_vector({1})}),
                    "node '/Where' (Where): input condition must be bool, got int64[1] [1]");
  CHECK(eval(op("Identity", {"x"}), {int_vector({4})}) == int_vector({4}));
  CHECK(eval(op("Floor", {"x"}), {real_tensor({2}, {-1.5, 2.5})}) == real_tensor({2}, {-2, 2}));
  CHECK(eval(op("Ceil", {"x"}), {real_tensor({2}, {-1.5, 2.5})}) == real_tensor({2}, {-1, 3}));
  CHECK(eval(op("Sqrt", {"x"}), {real_tensor({1}, {2}, data_type::float64)}) ==
        real_tensor({1}, {std::sqrt(2.0)}, data_type::float64));
  CHECK(eval(op("Sqrt", {"x"}), {real_tensor({1}, {2})}) == real_tensor({1}, {static_cast<double>(std::sqrt(2.0f))}));
  CHECK_THROWS_WITH(eval(op("Sqrt", {"x"}), {real_tensor({1}, {-4})}), "node '/Sqrt' (Sqrt): Sqrt of the negative value -4");
  CHECK_THROWS_WITH(eval(op("Floor", {"x"}), {int_vector({1})}),
                    "node '/Floor' (Floor): input X must be float or double, got int64[1] [1]");
}
