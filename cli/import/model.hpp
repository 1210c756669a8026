// convshape import: a model as the readers leave it, before it is checked.
#pragma once

#include <convshape/convshape.hpp>

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace convshape::cli {

/// A model that cannot be imported: the message names the model's node or
/// layer, its type and what could not be expressed. Nothing is written.
struct import_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// How a step joins the network it builds.
enum class join : unsigned char { layer, add, multiply, concat };

/// One record of the network, in the model's order: a layer applied to one
/// earlier step, or two earlier steps joined.
template <std::size_t N>
struct model_step {
  std::string name;    ///< the model's own: an ONNX tensor name, a Keras layer name
  std::string origin;  ///< for messages: "layer 'c1' (Conv2D)", "node '/conv1/Conv' (Conv)"
  join how = join::layer;
  layer<N> applied{rankless_layer{layer_kind::activation}};  ///< for join::layer; its name is set when applied
  std::vector<std::size_t> inputs;                           ///< earlier steps; step 0 is the model's input
  /// How the model lays out the record's axes, as indices into the library's
  /// memory order (ConvNeXt transposes to channels last); empty: as the library.
  std::vector<std::size_t> order;
  /// For a reshape (a Keras Reshape read as a flatten or an unflatten): the
  /// elements per batch element its target holds, which the record's output,
  /// flat or (batch, C, 1, ...), must have as channels; 0 where the target
  /// leaves them to the input (-1). `reshape_target` says it in messages.
  std::int64_t reshaped_elements = 0;
  std::string reshape_target = {};
};

/// A tensor that the reader computed itself, outside the network: the shape
/// arithmetic an ONNX exporter writes (Shape, Gather, Concat...).
struct folded_tensor {
  std::string name;
  std::vector<std::int64_t> dims;
};

/// A model in convshape's terms: its input, and a network to build on it.
template <std::size_t N>
struct imported_model {
  std::string name;         ///< the model's name, or the file's stem
  std::string source;       ///< the file it came from, as given
  framework conventions = framework::generic;
  layout memory_layout = layout::nchw;
  std::vector<std::int64_t> input;  ///< extents in memory order, the batch first
  std::vector<model_step<N>> steps;  ///< steps[0] is the input
  std::vector<folded_tensor> folded;
};

using any_model = std::variant<imported_model<1>, imported_model<2>, imported_model<3>>;

}  // namespace convshape::cli
