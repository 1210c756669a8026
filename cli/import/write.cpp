// convshape import: the generated header and the JSON summary.
#include <nlohmann/json.hpp>

#include <cctype>
#include <string>

#include <convshape/version.hpp>

#include "cpp_spelling.hpp"
#include "readers.hpp"
#include "write.hpp"

namespace convshape::cli {

std::string header_text(const model_report& model, const std::string& space) {
  std::string text;
  text += "// " + space + ": the network of " + model.source + ", as convshape sees it.\n";
  text += "// Written by `convshape import` (convshape " CONVSHAPE_VERSION_STRING
          "): every record's shape and the\n// totals are checked when this header is compiled. Do not edit; import again.\n";
  text += "#pragma once\n\n#include <convshape/convshape.hpp>\n\n";
  text += "namespace " + space + " {\n\nnamespace cs = convshape;\n\n";
  const std::string type = "cs::network<" + model.cpp_layout + ", " + std::to_string(model.records.size()) +
                           ", cs::" + model.conventions + ">";
  text += "constexpr " + type + " make_net() {\n";
  text += "  " + type + " net(" + model.cpp_input + ");\n";
  text += "  const auto input = net.input();\n";
  for (std::size_t i = 1; i < model.records.size(); ++i) {
    const record_report& r = model.records[i];
    text += "  " + (r.read_later ? "const auto t" + std::to_string(i) + " = " : std::string()) + r.cpp_step + ";\n";
  }
  text += "  return net;\n}\n\n";
  text += "inline constexpr auto net = make_net();\n\n";
  text += "// Every record's output, as the library computes it.\n";
  for (std::size_t i = 0; i < model.records.size(); ++i) {
    const record_report& r = model.records[i];
    const std::string index = std::to_string(i);
    text += "static_assert(net[" + index + "]." + (r.flat ? "flat_output()" : "output") + " == " + r.cpp_shape +
            ");  // " + cpp_string(r.name) + "\n";
  }
  text += "\nstatic_assert(net.params() == " + std::to_string(model.params) + ");\n";
  text += "static_assert(net.macs() == " + std::to_string(model.macs) + ");\n";
  text += "\n}  // namespace " + space + "\n";
  return text;
}

std::string summary_json(const model_report& model) {
  using json = nlohmann::ordered_json;
  json out;
  out["model"] = model.name;
  out["source"] = model.source;
  out["framework"] = model.conventions;
  out["layout"] = model.memory_layout;
  json tensors = json::object();
  for (const record_report& r : model.records) tensors[r.name] = r.dims;
  for (const folded_tensor& f : model.folded) tensors[f.name] = f.dims;
  out["tensors"] = std::move(tensors);
  json layers = json::array();
  for (const record_report& r : model.records) {
    layers.push_back({{"name", r.name},
                      {"kind", r.kind},
                      {"output", r.dims},
                      {"params", r.params},
                      {"macs", r.macs},
                      {"receptive_field", r.receptive_field}});
  }
  out["layers"] = std::move(layers);
  out["params"] = model.params;
  out["macs"] = model.macs;
  out["peak_activation"] = model.peak_activation;
  return out.dump(1) + "\n";
}

}  // namespace convshape::cli
