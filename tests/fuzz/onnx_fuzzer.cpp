// libFuzzer target: arbitrary bytes as an ONNX model file, through the
// reader and then the evaluator of shape arithmetic (cli/onnx/, compiled
// into this target so that it is instrumented too).
//
// parse_model must refuse the bytes with bad_model, or give a model that
// keeps graph.hpp's promises: nodes in a topological order (each non-empty
// input a graph input, an initializer or an earlier node's output), no name
// defined twice, positions a permutation of the file's, dims never negative,
// each kept value vector as long as its dims say, and lookups that find what
// the vectors hold. Then every node whose inputs are known is evaluated, as
// the mapping will (Shape on a graph input's dims, unknown ones taken as 1;
// the rest on values folded so far): each must refuse with bad_model or give
// a tensor whose values match its dims, within max_folded_elements. Any other
// exception, a crash or a sanitizer report is a finding. Last, the bytes go
// through the whole import (mapping, and the network the library builds).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "import/readers.hpp"
#include "import/report.hpp"
#include "onnx/constant.hpp"
#include "onnx/graph.hpp"

namespace {

namespace onnx = convshape::cli::onnx;

[[noreturn]] void fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "\nconvshape_fuzz_onnx: FINDING: %s: %s\n", what, detail.c_str());
  std::fflush(stderr);
  __builtin_trap();
}

bool consistent(const onnx::tensor& t) {
  const std::optional<std::int64_t> count = onnx::element_count(t.dims);
  const std::size_t other = onnx::is_real(t.type) ? t.ints.size() : t.reals.size();
  return count && static_cast<std::size_t>(*count) == t.size() && other == 0;
}

void check_model(const onnx::model& m) {
  std::set<std::string, std::less<>> defined;
  for (const auto& v : m.inputs) {
    if (!defined.insert(v.name).second) fail("graph input defined twice", v.name);
    if (m.find_input(v.name) != &v) fail("find_input", v.name);
    if (v.shape)
      for (const onnx::dim& d : *v.shape)
        if (d.value && *d.value < 0) fail("negative input dim", v.name);
  }
  for (const auto& t : m.initializers) {
    defined.insert(t.name);
    if (m.find_initializer(t.name) != &t) fail("find_initializer", t.name);
    if (!onnx::element_count(t.dims)) fail("initializer dims", t.name);
    if (t.value && (!consistent(*t.value) || t.value->dims != t.dims || t.value->type != t.type))
      fail("initializer values", t.name);
  }
  if (m.nodes.empty()) fail("a model without nodes", "");
  std::vector<bool> seen(m.nodes.size(), false);
  for (const onnx::node& n : m.nodes) {
    if (n.position >= seen.size() || seen[n.position]) fail("positions", n.describe());
    seen[n.position] = true;
    for (const std::string& input : n.inputs)
      if (!input.empty() && !defined.contains(input)) fail("input not defined before its node", n.describe());
    for (const std::string& output : n.outputs) {
      if (output.empty()) continue;
      if (!defined.insert(output).second) fail("name defined twice", output);
      if (m.find_producer(output) != &n) fail("find_producer", output);
    }
    for (const auto& [name, value] : n.attributes)
      if (const auto* t = std::get_if<onnx::stored_tensor>(&value); t && t->value && !consistent(*t->value))
        fail("attribute tensor values", n.describe());
  }
  for (const auto& v : m.outputs)
    if (!defined.contains(v.name)) fail("graph output not defined", v.name);
}

void fold(const onnx::model& m) {
  std::map<std::string, onnx::tensor, std::less<>> values;
  for (const auto& t : m.initializers)
    if (t.value) values.emplace(t.name, *t.value);
  for (const onnx::node& n : m.nodes) {
    if (!onnx::can_evaluate(n.op_type) || n.outputs.empty() || n.outputs[0].empty()) continue;
    try {
      onnx::tensor out;
      if (const onnx::value_info* input = m.find_input(n.input(0)); n.op_type == "Shape" && input != nullptr) {
        if (!input->shape) continue;
        std::vector<std::int64_t> dims;
        for (const onnx::dim& d : *input->shape) dims.push_back(d.value.value_or(1));
        out = onnx::shape_of(n, dims, m.opset);
      } else {
        std::vector<const onnx::tensor*> inputs;
        bool known = true;
        for (std::size_t i = 0; i < n.inputs.size(); ++i) {
          const auto it = values.find(n.input(i));
          inputs.push_back(it == values.end() ? nullptr : &it->second);
          known = known && (!n.has_input(i) || inputs.back() != nullptr);
        }
        if (!known) continue;
        out = onnx::evaluate(n, inputs, m.opset);
      }
      if (!consistent(out)) fail("a folded tensor's values do not match its dims", n.describe());
      if (static_cast<std::int64_t>(out.size()) > onnx::max_folded_elements) fail("a folded tensor too large", n.describe());
      values.insert_or_assign(n.outputs[0], std::move(out));
    } catch (const onnx::bad_model& e) {
      if (std::string_view(e.what()).find(n.describe()) != 0) fail("a message not naming its node", e.what());
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  onnx::model m;
  try {
    m = onnx::parse_model(bytes);
  } catch (const onnx::bad_model& e) {
    if (std::string_view(e.what()).empty()) fail("an empty message", "");
    return 0;
  }
  check_model(m);
  fold(m);
  // Then the whole import, as `convshape summary` runs it: the mapping and the
  // network the library builds must refuse with import_error, or succeed.
  try {
    convshape::cli::import_options options;
    options.batch = 2;
    (void)convshape::cli::check(convshape::cli::onnx_model(bytes, "fuzz.onnx", options));
  } catch (const convshape::cli::import_error& e) {
    if (std::string_view(e.what()).empty()) fail("an empty import message", "");
  }
  return 0;
}
