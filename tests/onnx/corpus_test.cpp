// The reader on real models: the 15 torchvision exports of tests/corpus/onnx/
// (opset 17, every float weight external and absent) and the small models of
// files/good/, against python onnx's reading of the same files
// (expected/NAME.txt, make_expected.py) and ONNX Runtime's dims (dims.json);
// the opset sweep (tests/corpus/onnx/opsetN/, opsets 11, 13, 15) against
// ONNX Runtime's dims.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <sstream>
#include <variant>

#include "support.hpp"

namespace {

using namespace test;

std::string real(double v) { return onnx::real_text(v); }

template <class T, class Show>
std::string joined(const std::vector<T>& values, Show show) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) out.append(i ? "," : "").append(show(values[i]));
  return out;
}

std::string integer(std::int64_t v) { return std::to_string(v); }
std::string text(const std::string& s) { return s; }

std::string values_of(const onnx::tensor& t) {
  return onnx::is_real(t.type) ? joined(t.reals, real) : joined(t.ints, integer);
}

std::string shape_of(const onnx::value_info& v) {
  if (!v.shape) return "-";
  if (v.shape->empty()) return "[]";
  return joined(*v.shape, [](const onnx::dim& d) { return d.value ? integer(*d.value) : std::string("?").append(d.param); });
}

std::string attribute(const onnx::attribute_value& a) {
  const std::string kind = onnx::kind_name(onnx::kind_of(a));
  const std::string value = std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::int64_t>) return integer(v);
        else if constexpr (std::is_same_v<T, double>) return real(v);
        else if constexpr (std::is_same_v<T, std::string>) return v;
        else if constexpr (std::is_same_v<T, std::vector<std::int64_t>>) return joined(v, integer);
        else if constexpr (std::is_same_v<T, std::vector<double>>) return joined(v, real);
        else if constexpr (std::is_same_v<T, std::vector<std::string>>) return joined(v, text);
        else {
          std::string out = onnx::type_name(v.type) + "[" + joined(v.dims, integer) + "]";
          return v.value ? out.append("=").append(values_of(*v.value)) : out;
        }
      },
      a);
  return kind + ":" + value;
}

/// The reading as make_expected.py writes python onnx's (its docstring has
/// the format); nodes in the file's order.
std::vector<std::string> dump(const onnx::model& m) {
  const auto row = [](std::vector<std::string> fields) {
    std::string out;
    for (std::size_t i = 0; i < fields.size(); ++i) out.append(i ? "\t" : "").append(fields[i]);
    return out;
  };
  std::vector<std::string> out;
  out.push_back(row({"model", integer(m.ir_version), integer(m.opset), m.producer_name, m.producer_version, m.graph_name}));
  for (const auto& v : m.inputs) out.push_back(row({"input", v.name, onnx::type_name(v.type), shape_of(v)}));
  for (const auto& v : m.outputs) out.push_back(row({"output", v.name, onnx::type_name(v.type), shape_of(v)}));
  for (const auto& t : m.initializers) {
    std::vector<std::string> fields = {"initializer", t.name, onnx::type_name(t.type), joined(t.dims, integer),
                                       t.external ? "external" : "inline"};
    if (t.value) fields.push_back(values_of(*t.value));
    out.push_back(row(fields));
  }
  std::vector<const onnx::node*> in_file_order;
  for (const auto& n : m.nodes) in_file_order.push_back(&n);
  std::ranges::sort(in_file_order, {}, &onnx::node::position);
  for (const onnx::node* n : in_file_order) {
    std::vector<std::string> fields = {"node", n->name, n->op_type, joined(n->inputs, text), joined(n->outputs, text)};
    for (const auto& [name, value] : n->attributes) fields.push_back(name + "=" + attribute(value));
    out.push_back(row(fields));
  }
  return out;
}

std::vector<std::string> lines_of(const std::string& content) {
  std::vector<std::string> out;
  std::istringstream in(content);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

/// The reading of `path` matches expected/NAME.txt line by line.
void check_against_python(const std::string& path, const std::string& name) {
  const std::vector<std::string> expected = lines_of(read_text(std::string(CONVSHAPE_ONNX_EXPECTED) + "/" + name + ".txt"));
  const std::vector<std::string> actual = dump(onnx::read_model(path));
  for (std::size_t i = 0; i < std::min(expected.size(), actual.size()); ++i) {
    INFO(name << " line " << i + 1);
    REQUIRE(actual[i] == expected[i]);
  }
  CHECK(actual.size() == expected.size());
}

/// Nodes in order: each input defined before it is read.
bool in_topological_order(const onnx::model& m) {
  std::vector<std::string> defined;
  for (const auto& v : m.inputs) defined.push_back(v.name);
  for (const auto& t : m.initializers) defined.push_back(t.name);
  for (const auto& n : m.nodes) {
    for (const auto& input : n.inputs)
      if (!input.empty() && std::ranges::find(defined, input) == defined.end()) return false;
    defined.insert(defined.end(), n.outputs.begin(), n.outputs.end());
  }
  return true;
}

}  // namespace

TEST_CASE("every corpus model reads as python onnx reads it", "[onnx][reader][corpus]") {
  for (const std::string& name : corpus_models()) check_against_python(corpus_path(name), name);
}

TEST_CASE("the small models of files/good read as python onnx reads them", "[onnx][reader]") {
  for (const char* name : {"features_opset11", "opset13"})
    check_against_python(file_path(std::string("good/") + name + ".onnx"), name);
}

namespace {

/// The reading of each model agrees with its dims.json: opset, nodes, graph
/// inputs and outputs, every node output in order, the parameters.
void check_against_dims(const std::vector<std::string>& models) {
  for (const std::string& name : models) {
    INFO(name);
    const onnx::model m = onnx::read_model(corpus_path(name));
    const nlohmann::ordered_json dims = corpus_dims(name);
    CHECK(m.opset == dims["opset"].get<std::int64_t>());
    CHECK(m.nodes.size() == dims["nodes"].get<std::size_t>());

    // The graph's inputs and outputs, with their dims, all known.
    REQUIRE(m.inputs.size() == dims["inputs"].size());
    for (const auto& input : m.inputs) {
      std::vector<std::int64_t> known;
      for (const onnx::dim& d : *input.shape) known.push_back(d.value.value_or(-1));
      CHECK(known == dims_in(dims, input.name));
    }
    REQUIRE(m.outputs.size() == dims["outputs"].size());
    for (const auto& output : m.outputs) CHECK(dims["outputs"].contains(output.name));

    // Every node output, in the order ONNX Runtime listed them: the file's,
    // which the reader keeps.
    std::vector<std::string> outputs, listed;
    for (const auto& n : m.nodes) outputs.insert(outputs.end(), n.outputs.begin(), n.outputs.end());
    for (const auto& [tensor, _] : dims["tensors"].items()) listed.push_back(tensor);
    CHECK(outputs == listed);
    CHECK(in_topological_order(m));
    for (std::size_t i = 0; i < m.nodes.size(); ++i) CHECK(m.nodes[i].position == i);

    // The parameters are the initializers' elements: their dims are right.
    std::int64_t params = 0;
    for (const auto& t : m.initializers) {
      CHECK(t.external);
      CHECK(!t.value);
      params += onnx::element_count(t.dims).value();
    }
    CHECK(params == dims["params"].get<std::int64_t>());
  }
}

}  // namespace

TEST_CASE("every corpus model agrees with ONNX Runtime's dims.json", "[onnx][reader][corpus]") {
  check_against_dims(corpus_models());
}

TEST_CASE("every model of the opset sweep agrees with ONNX Runtime's dims.json", "[onnx][reader][corpus]") {
  check_against_dims(sweep_models());
}

TEST_CASE("the lookups find inputs, initializers and producers by name", "[onnx][reader][corpus]") {
  const onnx::model m = onnx::read_model(corpus_path("resnet18"));
  REQUIRE(m.find_input("input") != nullptr);
  CHECK(m.find_input("input")->type == onnx::data_type::float32);
  CHECK(m.find_input("fc.weight") == nullptr);
  REQUIRE(m.find_initializer("fc.weight") != nullptr);
  CHECK(m.find_initializer("fc.weight")->dims == std::vector<std::int64_t>{1000, 512});
  const onnx::node* conv = m.find_producer("/conv1/Conv_output_0");
  REQUIRE(conv != nullptr);
  CHECK(conv->op_type == "Conv");
  CHECK(conv->attr_ints("kernel_shape") == std::vector<std::int64_t>{7, 7});
  CHECK(m.find_producer("input") == nullptr);
  CHECK(m.find_producer("") == nullptr);
}
