// The reader on small files: what it keeps of each kind of thing a file holds
// (files/good/), the message each hostile or broken file gets (files/bad/),
// and its limits.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>

#include "support.hpp"

namespace {

using namespace test;
using ints = std::vector<std::int64_t>;

const onnx::stored_tensor& initializer(const onnx::model& m, std::string_view name) {
  const onnx::stored_tensor* t = m.find_initializer(name);
  INFO(name);
  REQUIRE(t != nullptr);
  return *t;
}

const onnx::node& producer(const onnx::model& m, std::string_view output) {
  const onnx::node* n = m.find_producer(output);
  INFO(output);
  REQUIRE(n != nullptr);
  return *n;
}

}  // namespace

TEST_CASE("graph inputs: unknown dims, their names, no type, and initializers listed as inputs", "[onnx][reader]") {
  const onnx::model m = onnx::read_model(file_path("good/features_opset11.onnx"));
  CHECK(m.opset == 11);
  REQUIRE(m.inputs.size() == 3);  // w_listed is an initializer
  const onnx::value_info& x = m.inputs[0];
  CHECK(x.name == "x");
  CHECK(x.type == onnx::data_type::float32);
  REQUIRE(x.shape);
  const std::vector<onnx::dim> expected = {{std::nullopt, "N"}, {3, ""}, {std::nullopt, ""}, {std::nullopt, ""}};
  CHECK(*x.shape == expected);  // dim_param, a value, neither, and -1
  CHECK(m.inputs[1].shape == std::vector<onnx::dim>{});  // a scalar
  CHECK(m.inputs[2].type == onnx::data_type::undefined);
  CHECK(!m.inputs[2].shape);
  CHECK(m.find_input("w_listed") == nullptr);
  CHECK(initializer(m, "w_listed").value == onnx::real_tensor({4}, {1, 2, 3, 4}));
}

TEST_CASE("initializers keep their values when stored small, in every field ONNX has", "[onnx][reader]") {
  const onnx::model m = onnx::read_model(file_path("good/features_opset11.onnx"));
  using onnx::data_type;
  CHECK(initializer(m, "i64").value == onnx::int_vector({1, -2, 3}));
  CHECK(initializer(m, "i32_raw").value == onnx::int_tensor({2}, {-7, 2147483647}, data_type::int32));
  CHECK(initializer(m, "f32").value == onnx::real_tensor({2, 2}, {0.5, -1.25, 3.0, static_cast<double>(1e-5f)}));
  CHECK(initializer(m, "f64").value == onnx::real_tensor({1}, {2.5}, data_type::float64));
  CHECK(initializer(m, "f64_raw").value == onnx::real_tensor({2}, {0.5, -1e300}, data_type::float64));
  CHECK(initializer(m, "i8").value == onnx::int_tensor({2}, {-5, 7}, data_type::int8));
  CHECK(initializer(m, "u8_raw").value == onnx::int_tensor({3}, {0, 127, 255}, data_type::uint8));
  CHECK(initializer(m, "flags").value == onnx::int_tensor({3}, {1, 0, 1}, data_type::boolean));
  CHECK(initializer(m, "u64").value == onnx::int_tensor({1}, {5}, data_type::uint64));
  CHECK(initializer(m, "scalar").value == onnx::int_scalar(42));
  CHECK(initializer(m, "empty").value == onnx::real_tensor({0}, {}));
}

TEST_CASE("initializers keep only their dims when external, large, of another type or without data",
          "[onnx][reader]") {
  const onnx::model m = onnx::read_model(file_path("good/features_opset11.onnx"));
  const onnx::stored_tensor& ext = initializer(m, "ext");
  CHECK(ext.external);
  CHECK(ext.dims == ints{64, 3, 3, 3});
  CHECK(!ext.value);
  // 2^30 floats (4 GiB) behind a file that is not there: the dims are enough.
  CHECK(initializer(m, "huge").dims == ints{std::int64_t{1} << 30});
  CHECK(onnx::element_count(initializer(m, "huge").dims) == std::int64_t{1} << 30);
  for (const char* name : {"big", "f16", "no_data", "text"}) {
    INFO(name);
    CHECK(!initializer(m, name).external);
    CHECK(!initializer(m, name).value);
  }
  CHECK(initializer(m, "big").dims == ints{5000});
  CHECK(initializer(m, "text").type == onnx::data_type::string);
}

TEST_CASE("nodes come in a topological order, with their place in the file", "[onnx][reader]") {
  const onnx::model m = onnx::read_model(file_path("good/features_opset11.onnx"));
  // The file has the Concat first and its producers after it.
  std::vector<std::string> order;
  for (const onnx::node& n : m.nodes) order.push_back(n.name);
  CHECK(order == std::vector<std::string>{"constant", "every_kind", "max", "", "unsqueeze", "identity", "concat"});
  CHECK(m.nodes.back().position == 0);
  CHECK(m.nodes.front().position == 1);
}

TEST_CASE("nodes: omitted inputs, no name, and the default domain spelled out", "[onnx][reader]") {
  const onnx::model m = onnx::read_model(file_path("good/features_opset11.onnx"));
  const onnx::node& clip = producer(m, "clipped");
  CHECK(clip.name.empty());
  CHECK(clip.describe() == "node #3 (Clip)");
  CHECK(clip.inputs == std::vector<std::string>{"x", "", "max"});
  CHECK(clip.has_input(0));
  CHECK(!clip.has_input(1));
  CHECK(clip.has_input(2));
  CHECK(!clip.has_input(3));
  CHECK(clip.input(7).empty());
  CHECK(producer(m, "max").op_type == "Constant");  // domain "ai.onnx"
}

TEST_CASE("attributes by kind, with messages naming node, attribute and kinds", "[onnx][reader]") {
  const onnx::model m = onnx::read_model(file_path("good/features_opset11.onnx"));
  const onnx::node& n = producer(m, "x_copy");
  CHECK(n.attr_int("a_int") == -3);
  CHECK(n.attr_ints("a_ints") == ints{1, 2});
  CHECK(n.attr_float("a_float") == 0.25);
  CHECK(n.attr_floats("a_floats") == std::vector<double>{1.5, -2.0});
  CHECK(n.attr_string("a_string") == "same_upper");
  CHECK(n.attr_strings("a_strings") == std::vector<std::string>{"a", "b"});
  CHECK(n.attr_tensor("a_tensor").value == onnx::int_vector({7, 8}));
  CHECK(n.attr_ints("untyped_ints") == ints{4, 5});  // no type in the file: the field set
  CHECK(n.has("a_int"));
  CHECK(!n.has("absent"));
  CHECK(n.find("absent") == nullptr);
  CHECK(n.attr_int("absent", 9) == 9);
  CHECK(n.attr_ints("absent", {1, 1}) == ints{1, 1});
  CHECK(n.attr_float("absent", 0.5) == 0.5);
  CHECK(n.attr_string("absent", "NOTSET") == "NOTSET");
  CHECK(n.attr_int("a_int", 9) == -3);

  CHECK_THROWS_WITH(n.attr_ints("a_float"), "node 'every_kind' (Identity): attribute 'a_float' must be ints, got float");
  CHECK_THROWS_WITH(n.attr_int("a_ints", 0), "node 'every_kind' (Identity): attribute 'a_ints' must be int, got ints");
  CHECK_THROWS_WITH(n.attr_string("a_tensor"),
                    "node 'every_kind' (Identity): attribute 'a_tensor' must be string, got tensor");
  CHECK_THROWS_WITH(n.attr_tensor("kernel_shape"),
                    "node 'every_kind' (Identity): attribute 'kernel_shape' is required, and absent");
  CHECK_THROWS_AS(n.attr_floats("a_strings"), onnx::bad_model);
}

TEST_CASE("each hostile or broken file gets its message, naming the file first", "[onnx][reader][hostile]") {
  const std::map<std::string, std::string> messages = {
      {"custom_domain", "node 'fused' (FusedConv): domain 'com.microsoft' is not supported: only the default ONNX "
                        "domain ('' or 'ai.onnx') is"},
      {"cycle", "the nodes cannot be put in an order: they form a cycle: node 'b' (Relu) -> node 'a' (Add) -> "
                "node 'b' (Relu)"},
      {"deep_nesting", "the file nests messages more than 100 deep (subgraphs in subgraphs?): not a model convshape "
                       "reads"},
      {"duplicate_attribute", "node 'relu' (Relu): attribute 'alpha' is given twice"},
      {"duplicate_output", "node 'second' (Relu): output 'y' is already the output of node 'first' (Relu)"},
      {"empty", "the file is empty: not an ONNX model"},
      {"empty_graph", "the graph has no nodes"},
      {"missing_input", "node 'relu' (Relu): input 'ghost' is not a graph input, an initializer or any node's output"},
      {"negative_dims", "initializer 'w': dimension 0 is -5 in dims [-5, 3]: dims must not be negative"},
      {"negative_input_dim", "graph input 'x': dimension 1 is -7: dims must not be negative"},
      {"no_default_opset", "the model imports no opset of the default ONNX domain ('' or 'ai.onnx')"},
      {"no_graph", "the model has no graph"},
      {"opset_10", "opset 10 of the default domain is not supported: convshape reads opsets 11 to 17"},
      {"opset_18", "opset 18 of the default domain is not supported: convshape reads opsets 11 to 17"},
      {"output_is_input", "node 'relu' (Relu): output 'x' is already a graph input"},
      {"overflowing_dims", "initializer 'w': dims [4294967296, 4294967296] have more elements than int64 can count"},
      {"overflowing_input_dims", "graph input 'x': its dims have more elements than int64 can count"},
      {"png", "not an ONNX model: its bytes are not a protobuf ModelProto (truncated, damaged, or another format)"},
      {"raw_data_size", "initializer 'shape' (int64, dims [3]): raw_data has 20 bytes, 24 expected"},
      {"sequence_input", "graph input 'seq' is a sequence, not a tensor: not supported"},
      {"sparse_initializer", "initializer 'sp' is sparse: sparse initializers are not supported"},
      {"subgraph_if", "node 'branch' (If): attribute 'else_branch' holds a graph: subgraphs are not supported"},
      {"subgraph_loop", "node 'loop' (Loop): attribute 'body' holds a graph: subgraphs are not supported"},
      {"tensors_attribute", "node 'relu' (Relu): attribute 'list' is a list of tensors: not supported"},
      {"text", "not an ONNX model: its bytes are not a protobuf ModelProto (truncated, damaged, or another format)"},
      {"truncated", "not an ONNX model: its bytes are not a protobuf ModelProto (truncated, damaged, or another format)"},
      {"undefined_graph_output", "graph output 'nowhere' is not a graph input, an initializer or any node's output"},
      {"unknown_fields", "not an ONNX model: it has neither an ir_version nor a graph"},
      {"value_count", "initializer 'shape' (int64, dims [3]): 2 values in int64_data, 3 expected"},
      {"value_range", "initializer 'small' (int8, dims [1]): value 300 is out of the int8 range"},
  };
  for (const auto& [name, message] : messages) {
    const std::string path = file_path("bad/" + name + ".onnx");
    INFO(path);
    CHECK_THROWS_WITH(onnx::read_model(path), path + ": " + message);
  }
}

TEST_CASE("a file that is not there, or not a file", "[onnx][reader][hostile]") {
  const std::string missing = file_path("bad/no such file.onnx");
  CHECK_THROWS_WITH(onnx::read_model(missing), missing + ": cannot read the file: No such file or directory");
  const std::string folder = file_path("bad");
  CHECK_THROWS_WITH(onnx::read_model(folder), folder + ": cannot read the file: not a regular file");
}

TEST_CASE("the limits: file size, protobuf fields, nodes, names, rank, kept values", "[onnx][reader][hostile]") {
  const std::string path = corpus_path("resnet18");
  const std::string bytes = read_text(path);
  onnx::limits limit;
  limit.max_file_bytes = 1000;
  CHECK_THROWS_WITH(onnx::read_model(path, limit),
                    path + ": the file has " + std::to_string(bytes.size()) + " bytes, more than the limit of 1000");
  CHECK_THROWS_WITH(onnx::parse_model(bytes, limit),
                    "the file has " + std::to_string(bytes.size()) + " bytes, more than the limit of 1000");

  limit = {};
  limit.max_fields = 100;
  CHECK_THROWS_WITH(onnx::parse_model(bytes, limit),
                    "the file has more than 100 protobuf fields (nested ones counted), the limit");
  limit = {};
  limit.max_nodes = 48;
  CHECK_THROWS_WITH(onnx::parse_model(bytes, limit), "the graph has 49 nodes, more than the limit of 48");
  limit = {};
  limit.max_names = 100;
  CHECK_THROWS_WITH(onnx::parse_model(bytes, limit),
                    Catch::StartsWith("the model has 1") && Catch::EndsWith(
                        "names (node inputs and outputs, graph inputs, outputs and initializers), more than the limit of 100"));
  limit = {};
  limit.max_rank = 3;
  CHECK_THROWS_WITH(onnx::parse_model(bytes, limit), "initializer 'onnx::Conv_193' has rank 4, more than the limit of 3");
  limit = {};
  limit.max_attribute_entries = 10;
  CHECK_THROWS_WITH(onnx::parse_model(bytes, limit), Catch::StartsWith("the model has 1") &&
                                                         Catch::EndsWith("entries in attribute lists, more than the limit of 10"));

  const std::string features = read_text(file_path("good/features_opset11.onnx"));
  limit = {};
  limit.max_kept_values = 2;  // tensors of more than 2 elements keep only their dims
  const onnx::model m = onnx::parse_model(features, limit);
  CHECK(!m.find_initializer("i64")->value);
  CHECK(m.find_initializer("i32_raw")->value);
  limit = {};
  limit.max_kept_total = 10;
  CHECK_THROWS_WITH(onnx::parse_model(features, limit),
                    "the model has 12 values in small stored tensors, more than the limit of 10");
}

TEST_CASE("names are shown safely: bytes outside printable ASCII escaped, long ones cut", "[onnx][reader]") {
  CHECK(onnx::quote_name("conv") == "'conv'");
  CHECK(onnx::quote_name(std::string("a\nb\x01\\\xff", 6)) == "'a\\x0ab\\x01\\x5c\\xff'");
  CHECK(onnx::quote_name(std::string(150, 'x')) == "'" + std::string(100, 'x') + "...'");
  onnx::node n;
  n.name = "a\tb";
  n.op_type = std::string("Op\x7f") + std::string(120, 'y');
  CHECK(n.describe() == "node 'a\\x09b' (Op\\x7f" + std::string(97, 'y') + "...)");
  CHECK(onnx::listed(std::vector<std::int64_t>(20, 1)) ==
        "[1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, ... (20 entries)]");
}
