#include "support.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

namespace test {

const std::vector<std::string>& corpus_models() {
  static const std::vector<std::string> names = {
      "alexnet",   "convnext_tiny", "dcgan_generator",    "densenet121",        "efficientnet_b0",
      "fcn_resnet50", "inception_v3", "mobilenet_v2",     "mobilenet_v3_small", "resnet18",
      "resnet50",  "shufflenet_v2_x1_0", "squeezenet1_0", "unet",               "vgg16"};
  return names;
}

const std::vector<std::string>& sweep_models() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const char* opset : {"opset11", "opset13", "opset15"})
      for (const char* model : {"convnext_tiny", "dcgan_generator", "efficientnet_b0", "export_forms", "fcn_resnet50",
                                "inception_v3", "mobilenet_v2", "mobilenet_v3_small", "resnet18", "shufflenet_v2_x1_0",
                                "squeezenet1_0", "unet"})
        out.push_back(std::string(opset) + "/" + model);
    return out;
  }();
  return names;
}

std::string corpus_path(const std::string& model) { return std::string(CONVSHAPE_ONNX_CORPUS) + "/" + model + ".onnx"; }

std::string file_path(const std::string& relative) { return std::string(CONVSHAPE_ONNX_FILES) + "/" + relative; }

std::string read_text(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  INFO(path);
  REQUIRE(file);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

nlohmann::ordered_json corpus_dims(const std::string& model) {
  return nlohmann::ordered_json::parse(read_text(std::string(CONVSHAPE_ONNX_CORPUS) + "/" + model + ".dims.json"));
}

std::vector<std::int64_t> dims_in(const nlohmann::ordered_json& dims, const std::string& tensor) {
  for (const char* part : {"inputs", "tensors"})
    if (dims[part].contains(tensor)) return dims[part][tensor].get<std::vector<std::int64_t>>();
  FAIL("no dims for " << tensor);
  return {};
}

}  // namespace test
