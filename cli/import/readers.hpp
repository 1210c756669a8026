// convshape import: the model readers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model.hpp"

namespace convshape::cli {

struct import_options {
  std::optional<std::int64_t> batch;  ///< where the model leaves the batch size open
};

/// A Keras model as topology JSON: Keras 2's `model.to_json()`, or a
/// TensorFlow.js layers `model.json` (its `modelTopology`). Sequential and
/// functional models.
any_model read_keras(const std::string& path, const import_options& options);
/// An ONNX model (opsets 11 to 17), read with ONNX's own classes; its
/// weights are never read, and may be absent (external data).
any_model read_onnx(const std::string& path, const import_options& options);

/// The same, from the file's contents; `path` names it in messages.
any_model keras_model(const std::string& text, const std::string& path, const import_options& options);
any_model onnx_model(std::string_view bytes, const std::string& path, const import_options& options);

/// The file's contents; import_error if it cannot be read or exceeds `limit` bytes.
std::string read_file(const std::string& path, std::size_t limit);

/// The file name without its folders and extensions, as a C++ identifier:
/// "models/resnet-50.onnx" -> "resnet_50".
std::string identifier_from(const std::string& path);

}  // namespace convshape::cli
