// Shared by the tests of cli/onnx/: where the files are, and reading them.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "onnx/graph.hpp"

namespace test {

namespace onnx = convshape::cli::onnx;

/// The torchvision corpus's model names (tests/corpus/onnx/NAME.onnx).
const std::vector<std::string>& corpus_models();
/// The opset sweep's, as paths under tests/corpus/onnx: "opset11/resnet18"
/// (tests/corpus/onnx/opsetN/NAME.onnx), for corpus_path and corpus_dims.
const std::vector<std::string>& sweep_models();

std::string corpus_path(const std::string& model);           // tests/corpus/onnx/NAME.onnx
std::string file_path(const std::string& relative);          // tests/onnx/files/RELATIVE
std::string read_text(const std::string& path);

/// NAME.dims.json, with its objects in the file's order (the node outputs').
nlohmann::ordered_json corpus_dims(const std::string& model);

/// dims.json's dims of a graph input or node output.
std::vector<std::int64_t> dims_in(const nlohmann::ordered_json& dims, const std::string& tensor);

}  // namespace test
