// convshape import: Keras models, from their topology JSON.
#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "readers.hpp"

namespace convshape::cli {
namespace {

using json = nlohmann::json;

/// One Keras layer, where the reader met it.
struct keras_layer {
  std::string name, class_name;
  const json* config = nullptr;
  std::vector<std::string> inbound;

  std::string origin() const { return "layer '" + name + "' (" + class_name + ")"; }
  [[noreturn]] void fail(const std::string& what) const { throw import_error(origin() + ": " + what); }

  const json& field(const char* key) const {
    const auto it = config->find(key);
    if (it == config->end()) fail(std::string("has no '") + key + "'");
    return *it;
  }
  bool has(const char* key) const { return config->contains(key) && !(*config)[key].is_null(); }

  std::int64_t integer(const json& v, const char* key) const {
    if (!v.is_number_integer()) fail(std::string("'") + key + "' must be an integer, got " + v.dump());
    return v.get<std::int64_t>();
  }
  std::int64_t integer(const char* key) const { return integer(field(key), key); }
  std::int64_t integer_or(const char* key, std::int64_t otherwise) const {
    return has(key) ? integer(key) : otherwise;
  }
  bool boolean_or(const char* key, bool otherwise) const {
    if (!has(key)) return otherwise;
    const json& v = field(key);
    if (!v.is_boolean()) fail(std::string("'") + key + "' must be true or false, got " + v.dump());
    return v.get<bool>();
  }
  std::string text(const char* key) const {
    const json& v = field(key);
    if (!v.is_string()) fail(std::string("'") + key + "' must be a string, got " + v.dump());
    return v.get<std::string>();
  }

  /// One integer for every dimension, or one list of N.
  template <std::size_t N>
  per_dim<N> each(const char* key) const {
    const json& v = field(key);
    if (v.is_number_integer()) return per_dim<N>(integer(v, key));
    if (!v.is_array() || v.size() != N)
      fail(std::string("'") + key + "' must be an integer or a list of " + std::to_string(N) + ", got " + v.dump());
    per_dim<N> out;
    for (std::size_t i = 0; i < N; ++i) out[i] = integer(v[i], key);
    return out;
  }
  template <std::size_t N>
  per_dim<N> each_or(const char* key, std::int64_t otherwise) const {
    return has(key) ? each<N>(key) : per_dim<N>(otherwise);
  }

  template <std::size_t N>
  padding<N> padding_mode_of() const {
    const std::string mode = has("padding") ? text("padding") : "valid";
    if (mode == "valid") return valid;
    if (mode == "same") return same;
    if (mode == "causal") return causal;
    fail("padding '" + mode + "' is not valid, same or causal");
  }

  /// ZeroPadding's and Cropping's amounts: an integer for every side, one
  /// per dimension for both its sides, or (begin, end) per dimension.
  /// ZeroPadding1D's pair is (begin, end) of its one dimension.
  template <std::size_t N>
  std::pair<per_dim<N>, per_dim<N>> sides(const char* key) const {
    const json& v = field(key);
    per_dim<N> begin, end;
    if (v.is_number_integer()) return {per_dim<N>(integer(v, key)), per_dim<N>(integer(v, key))};
    if (N == 1 && v.is_array() && v.size() == 2 && v[0].is_number_integer()) {
      begin[0] = integer(v[0], key);
      end[0] = integer(v[1], key);
      return {begin, end};
    }
    if (!v.is_array() || v.size() != N) fail(std::string("'") + key + "' has an unexpected form: " + v.dump());
    for (std::size_t i = 0; i < N; ++i) {
      if (v[i].is_number_integer()) {
        begin[i] = end[i] = integer(v[i], key);
      } else if (v[i].is_array() && v[i].size() == 2) {
        begin[i] = integer(v[i][0], key);
        end[i] = integer(v[i][1], key);
      } else {
        fail(std::string("'") + key + "' has an unexpected form: " + v.dump());
      }
    }
    return {begin, end};
  }
};

/// The steps made so far, by Keras layer name.
template <std::size_t N>
class model_builder {
 public:
  imported_model<N> model;

  /// The step that holds the output of the Keras layer `name`.
  std::size_t step_of(const keras_layer& reader, const std::string& name) const {
    const auto it = by_name_.find(name);
    if (it == by_name_.end()) reader.fail("reads '" + name + "', which no earlier layer makes");
    return it->second;
  }
  bool flat(std::size_t step) const { return flat_[step]; }

  std::size_t add(model_step<N> step, bool flat) {
    model.steps.push_back(std::move(step));
    flat_.push_back(flat);
    return model.steps.size() - 1;
  }
  void name_output(const std::string& keras_name, std::size_t step) { by_name_[keras_name] = step; }

 private:
  std::map<std::string, std::size_t> by_name_;
  std::vector<bool> flat_;
};

bool is_channel_axis(std::int64_t axis, std::size_t rank, bool channels_last) {
  const auto last = static_cast<std::int64_t>(rank + 1);
  return channels_last ? (axis == -1 || axis == last) : (axis == 1 || axis == -last);
}

/// The layers that keep the shape of their input.
bool keeps_shape(const std::string& c) {
  static const std::set<std::string> names = {
      "Activation",   "ReLU",           "LeakyReLU",         "ELU",          "Softmax",
      "ThresholdedReLU", "Dropout",     "SpatialDropout1D",  "SpatialDropout2D", "SpatialDropout3D",
      "GaussianNoise", "GaussianDropout", "AlphaDropout",    "ActivityRegularization"};
  return names.contains(c);
}

template <std::size_t N>
class keras_reader {
 public:
  keras_reader(model_builder<N>& b, bool channels_last) : b_(b), channels_last_(channels_last) {}

  void read(const keras_layer& k) {
    std::vector<std::size_t> in;
    for (const std::string& name : k.inbound) in.push_back(b_.step_of(k, name));
    if (k.class_name == "Add" || k.class_name == "Concatenate" || k.class_name == "Multiply")
      return merge(k, in);
    if (in.size() != 1) k.fail("takes one input, got " + std::to_string(in.size()));
    const std::size_t x = in[0];
    const std::string& c = k.class_name;
    const std::string nd = std::to_string(N) + "D";
    if (c == "Conv" + nd) return conv(k, x);
    if (c == "Conv" + nd + "Transpose") return conv_transpose(k, x);
    if (c == "DepthwiseConv" + nd) return emit(k, x, depthwise(k), false);
    if (c == "SeparableConv" + nd) return separable(k, x);
    if (c == "MaxPooling" + nd) return emit(k, x, max_pool(k), false);
    if (c == "AveragePooling" + nd) return emit(k, x, avg_pool(k), false);
    if (c == "GlobalAveragePooling" + nd || c == "GlobalMaxPooling" + nd) return global_pool(k, x);
    if (c == "ZeroPadding" + nd) {
      const auto [begin, end] = k.template sides<N>("padding");
      return emit(k, x, pad_params<N>{begin, end}, false);
    }
    if (c == "Cropping" + nd) {
      const auto [begin, end] = k.template sides<N>("cropping");
      return emit(k, x, crop_params<N>{begin, end}, false);
    }
    if (c == "UpSampling" + nd) return upsampling(k, x);
    if (c == "Resizing") return resizing(k, x);
    if (c == "BatchNormalization") return normalization(k, x);
    if (c == "LayerNormalization") return layer_normalization(k, x);
    if (keeps_shape(c)) return emit(k, x, activation(), b_.flat(x));
    if (c == "Flatten") return emit(k, x, flatten(), true);
    if (c == "Dense") return dense_layer(k, x);
    if (c == "Reshape") return reshape(k, x);
    k.fail("convshape has no layer for Keras' " + c);
  }

 private:
  model_builder<N>& b_;
  bool channels_last_;

  /// A step applying `l` to `x` that holds the Keras layer's output.
  template <class Layer>
  void emit(const keras_layer& k, std::size_t x, const Layer& l, bool flat) {
    emit_step(k, x, l, flat);
  }
  template <class Layer>
  std::size_t emit_step(const keras_layer& k, std::size_t x, const Layer& l, bool flat) {
    const std::size_t step = b_.add({k.name, k.origin(), join::layer, layer<N>(l), {x}, {}}, flat);
    b_.name_output(k.name, step);
    return step;
  }
  /// A step of the Keras layer's own before the one that holds its output.
  template <class Layer>
  std::size_t emit_part(const keras_layer& k, const char* part, std::size_t x, const Layer& l) {
    return b_.add({k.name + "/" + part, k.origin(), join::layer, layer<N>(l), {x}, {}}, false);
  }

  void conv(const keras_layer& k, std::size_t x) {
    emit(k, x,
          conv_params<N>{.filters = k.integer("filters"),
                         .kernel = k.template each<N>("kernel_size"),
                         .strides = k.template each_or<N>("strides", 1),
                         .padding = k.template padding_mode_of<N>(),
                         .dilation = k.template each_or<N>("dilation_rate", 1),
                         .groups = k.integer_or("groups", 1),
                         .bias = k.boolean_or("use_bias", true)},
          false);
  }

  void conv_transpose(const keras_layer& k, std::size_t x) {
    emit(k, x,
          conv_transpose_params<N>{.filters = k.integer("filters"),
                                   .kernel = k.template each<N>("kernel_size"),
                                   .strides = k.template each_or<N>("strides", 1),
                                   .padding = k.template padding_mode_of<N>(),
                                   .output_padding = k.template each_or<N>("output_padding", 0),
                                   .dilation = k.template each_or<N>("dilation_rate", 1),
                                   .bias = k.boolean_or("use_bias", true)},
          false);
  }

  depthwise_params<N> depthwise(const keras_layer& k, bool bias_of_layer = true) const {
    return {.kernel = k.template each<N>("kernel_size"),
            .strides = k.template each_or<N>("strides", 1),
            .padding = k.template padding_mode_of<N>(),
            .dilation = k.template each_or<N>("dilation_rate", 1),
            .depth_multiplier = k.integer_or("depth_multiplier", 1),
            .bias = bias_of_layer && k.boolean_or("use_bias", true)};
  }

  /// A depthwise convolution, then a pointwise one, which is what
  /// SeparableConv computes and counts; the second carries the layer's name.
  void separable(const keras_layer& k, std::size_t x) {
    const std::size_t d = emit_part(k, "depthwise", x, depthwise(k, false));
    emit(k, d,
          conv_params<N>{.filters = k.integer("filters"), .kernel = 1, .bias = k.boolean_or("use_bias", true)},
          false);
  }

  max_pool_params<N> max_pool(const keras_layer& k) const {
    max_pool_params<N> p{.window = k.template each<N>("pool_size"), .padding = k.template padding_mode_of<N>()};
    if (k.has("strides") && k.template each<N>("strides") != p.window) p.strides = k.template each<N>("strides");
    return p;
  }
  avg_pool_params<N> avg_pool(const keras_layer& k) const {
    avg_pool_params<N> p{.window = k.template each<N>("pool_size"), .padding = k.template padding_mode_of<N>()};
    if (k.has("strides") && k.template each<N>("strides") != p.window) p.strides = k.template each<N>("strides");
    return p;
  }

  /// Keras' global pools drop the pooled dimensions unless keepdims: the
  /// library keeps them, and a flatten after the pool drops them.
  void global_pool(const keras_layer& k, std::size_t x) {
    const rankless_layer pool =
        k.class_name.starts_with("GlobalAverage") ? global_avg_pool() : global_max_pool();
    if (k.boolean_or("keepdims", false)) return emit(k, x, pool, false);
    emit(k, emit_part(k, "pool", x, pool), flatten(), true);
  }

  void upsampling(const keras_layer& k, std::size_t x) {
    const std::string how = k.has("interpolation") ? k.text("interpolation") : "nearest";
    if (how != "nearest" && how != "bilinear") k.fail("interpolation '" + how + "' is not nearest or bilinear");
    emit(k, x,
          upsample_params<N>{.scale = k.template each<N>("size"),
                             .mode = how == "nearest" ? upsample_mode::nearest : upsample_mode::bilinear},
          false);
  }

  void normalization(const keras_layer& k, std::size_t x) {
    const json& axis = k.field("axis");
    const std::int64_t a = axis.is_array() && axis.size() == 1 ? k.integer(axis[0], "axis") : k.integer(axis, "axis");
    if (!b_.flat(x) && !is_channel_axis(a, N, channels_last_))
      k.fail("normalizes axis " + std::to_string(a) + ", which is not the channel axis");
    emit(k, x, batch_norm(), b_.flat(x));
  }

  /// Dense on a flat tensor is the library's dense; on a map, Keras applies
  /// it at every position, which is a 1x1 convolution.
  void dense_layer(const keras_layer& k, std::size_t x) {
    const std::int64_t units = k.integer("units");
    const bool bias = k.boolean_or("use_bias", true);
    if (b_.flat(x)) return emit(k, x, dense({.units = units, .bias = bias}), true);
    emit(k, x, conv_params<N>{.filters = units, .kernel = 1, .bias = bias}, false);
  }

  /// Reshape as the library has it: to a vector (F) is a flatten; to (1,
  /// ..., 1, C), or (C, 1, ..., 1) channels first, an unflatten, after a
  /// flatten where the input is a map. The target's element count, where it
  /// gives one (no -1), must be the input's: the step states it for check().
  void reshape(const keras_layer& k, std::size_t x) {
    const json& target = k.field("target_shape");
    if (!target.is_array() || target.empty())
      k.fail("'target_shape' must be a non-empty list, got " + target.dump());
    std::vector<std::int64_t> dims;
    for (const json& d : target) {
      dims.push_back(k.integer(d, "target_shape"));
      if (dims.back() < 1 && dims.back() != -1)
        k.fail("'target_shape' " + target.dump() + " has an extent below 1 other than -1");
    }
    const std::size_t channel = channels_last_ ? dims.size() - 1 : 0;
    bool ones_but_channel = dims.size() == N + 1;
    for (std::size_t i = 0; i < dims.size() && ones_but_channel; ++i) ones_but_channel = i == channel || dims[i] == 1;
    std::size_t step = 0;
    if (dims.size() == 1) {
      step = emit_step(k, x, flatten(), true);  // a flatten of a flat tensor changes nothing, as this reshape
    } else if (ones_but_channel) {
      step = emit_step(k, b_.flat(x) ? x : emit_part(k, "flatten", x, flatten()), unflatten(), false);
    } else {
      std::string map = "(";
      for (std::size_t i = 0; i < N; ++i) map += channels_last_ ? "1, " : ", 1";
      map = channels_last_ ? map + "C)" : "(C" + map.substr(1) + ")";
      k.fail("convshape has no layer for a reshape to " + target.dump() + ": it reshapes to a vector (F) and to " +
             map);
    }
    const std::int64_t elements = dims.size() == 1 ? dims[0] : dims[channel];
    if (elements != -1) {
      b_.model.steps[step].reshaped_elements = elements;
      b_.model.steps[step].reshape_target = "'target_shape' " + target.dump();
    }
  }

  /// Keras' LayerNormalization over the channel axis, with both its scale
  /// (gamma) and its shift (beta): the library's layer_norm, 2 parameters a
  /// channel. Over other axes its parameters and meaning differ.
  void layer_normalization(const keras_layer& k, std::size_t x) {
    const json axis = k.has("axis") ? k.field("axis") : json(-1);
    if (axis.is_array() && axis.size() != 1)
      k.fail("'axis' is " + axis.dump() + "; convshape's layer_norm normalizes over the channel axis alone");
    const std::int64_t a = axis.is_array() ? k.integer(axis[0], "axis") : k.integer(axis, "axis");
    const bool flat = b_.flat(x);
    if (flat ? a != -1 && a != 1 : !is_channel_axis(a, N, channels_last_))
      k.fail("'axis' is " + std::to_string(a) + ", which is not the channel axis (" +
             (flat || channels_last_ ? std::string("-1") : std::string("1")) +
             "); convshape's layer_norm normalizes over the channels");
    for (const char* key : {"center", "scale"})
      if (!k.boolean_or(key, true))
        k.fail(std::string("'") + key + "' is false; convshape's layer_norm has both a scale and a shift");
    emit(k, x, layer_norm(), flat);
  }

  /// Keras' Resizing (a preprocessing layer): images to (height, width),
  /// whatever their size; the interpolation and an aspect-ratio crop do not
  /// change the shape.
  void resizing(const keras_layer& k, std::size_t x) {
    if constexpr (N != 2) {
      k.fail("resizes images to (" + std::to_string(k.integer("height")) + ", " + std::to_string(k.integer("width")) +
             "), but the model's tensors have " + std::to_string(N) + " spatial dimension" + (N == 1 ? "" : "s"));
    } else {
      emit(k, x, resize_params<2>{.size = {k.integer("height"), k.integer("width")}}, false);
    }
  }

  /// Add, Concatenate and Multiply of two or more inputs, joined two at a time.
  void merge(const keras_layer& k, const std::vector<std::size_t>& in) {
    if (in.size() < 2) k.fail("joins at least two inputs, got " + std::to_string(in.size()));
    join how = join::add;
    if (k.class_name == "Concatenate") {
      how = join::concat;
      const std::int64_t axis = k.integer_or("axis", -1);
      if (!is_channel_axis(axis, N, channels_last_))
        k.fail("concatenates along axis " + std::to_string(axis) + "; convshape concatenates channels only");
    } else if (k.class_name == "Multiply") {
      how = join::multiply;
    }
    std::size_t joined = in[0];
    for (std::size_t i = 1; i < in.size(); ++i) {
      const bool last = i + 1 == in.size();
      model_step<N> step{last ? k.name : k.name + "/" + std::to_string(i), k.origin(), how,
                         layer<N>(activation()), {joined, in[i]}, {}};
      joined = b_.add(std::move(step), false);
    }
    b_.name_output(k.name, joined);
  }
};

/// The Keras model object inside the file, whichever of its forms it is.
const json& topology_of(const json& file) {
  const json* t = &file;
  if (t->is_object() && t->contains("modelTopology")) t = &(*t)["modelTopology"];
  if (t->is_object() && t->contains("model_config")) t = &(*t)["model_config"];
  if (!t->is_object() || !t->contains("class_name") || !t->contains("config"))
    throw import_error("not a Keras model: no 'class_name' and 'config' (nor 'modelTopology')");
  return *t;
}

std::string string_in(const json& v, const std::string& what) {
  if (!v.is_string()) throw import_error(what + " must be a string, got " + v.dump());
  return v.get<std::string>();
}

/// The model's layers in the order they can be built, each with its inputs.
std::vector<keras_layer> layers_of(const json& topology) {
  const std::string kind = string_in(topology["class_name"], "'class_name'");
  const json& config = topology["config"];
  const bool sequential = kind == "Sequential";
  if (!sequential && kind != "Model" && kind != "Functional")
    throw import_error("model class '" + kind + "' is not Sequential, Functional or Model");
  // A reference into the file: the layers keep pointers to their configs.
  const json* listed = config.is_array() ? &config : config.is_object() && config.contains("layers") ? &config["layers"] : nullptr;
  if (listed == nullptr || !listed->is_array() || listed->empty()) throw import_error("the model has no layers");
  const json& list = *listed;

  std::vector<keras_layer> layers;
  for (const json& l : list) {
    if (!l.is_object() || !l.contains("class_name") || !l.contains("config") || !l["config"].is_object())
      throw import_error("a layer without 'class_name' and 'config': " + l.dump().substr(0, 200));
    keras_layer k;
    k.class_name = string_in(l["class_name"], "a layer's 'class_name'");
    k.config = &l["config"];
    k.name = l.contains("name") ? string_in(l["name"], "a layer's 'name'")
                                : string_in(l["config"].value("name", json()), "a layer's 'name'");
    if (!sequential) {
      const json& nodes = l.value("inbound_nodes", json::array());
      if (!nodes.is_array() || nodes.size() > 1) k.fail("is called more than once (a shared layer)");
      if (nodes.size() == 1) {
        if (!nodes[0].is_array()) k.fail("has inbound nodes of an unexpected form");
        for (const json& in : nodes[0]) {
          if (!in.is_array() || in.empty() || !in[0].is_string())
            k.fail("has an inbound node of an unexpected form: " + in.dump().substr(0, 200));
          if (in.size() > 2 && in[2] != 0) k.fail("reads output " + in[2].dump() + " of a layer with one output");
          k.inbound.push_back(in[0].get<std::string>());
        }
      }
    }
    layers.push_back(std::move(k));
  }
  if (sequential) {
    // Each layer reads the one before it; the input is the first layer's, or an InputLayer.
    for (std::size_t i = 1; i < layers.size(); ++i) layers[i].inbound = {layers[i - 1].name};
  }
  return layers;
}

/// The input's extents in memory order, with the batch resolved.
std::vector<std::int64_t> input_extents(const keras_layer& first, const import_options& options) {
  const char* keys[] = {"batch_input_shape", "batch_shape"};
  for (const char* key : keys) {
    if (!first.has(key)) continue;
    const json& dims = first.field(key);
    if (!dims.is_array() || dims.size() < 3 || dims.size() > 5)
      first.fail(std::string("'") + key + "' must list a batch, 1 to 3 spatial extents and channels, got " + dims.dump());
    std::vector<std::int64_t> extents;
    for (std::size_t i = 0; i < dims.size(); ++i) {
      if (i == 0 && dims[i].is_null()) {
        if (!options.batch)
          first.fail("the model leaves the batch size open (null): give it with --batch N");
        extents.push_back(*options.batch);
      } else if (dims[i].is_null()) {
        first.fail("the input's extent " + std::to_string(i) + " is open (null): convshape needs every extent");
      } else {
        extents.push_back(first.integer(dims[i], key));
        if (extents.back() < 1)
          first.fail("the input's extent " + std::to_string(i) + " must be at least 1, got " +
                     std::to_string(extents.back()));
      }
    }
    if (options.batch) extents[0] = *options.batch;
    return extents;
  }
  first.fail("has no 'batch_input_shape': the model's input shape is unknown");
}

/// Fails for the layers that can never be read: one reads a layer the
/// model does not have, or they read each other in a cycle.
[[noreturn]] void stuck(const std::vector<keras_layer>& layers, const std::vector<const keras_layer*>& waiting) {
  std::set<std::string> names;
  for (const keras_layer& k : layers) names.insert(k.name);
  for (const keras_layer* k : waiting)
    for (const std::string& name : k->inbound)
      if (!names.contains(name)) k->fail("reads '" + name + "', which the model does not have");
  waiting[0]->fail("reads '" + waiting[0]->inbound[0] + "', and the layers read each other in a cycle");
}

template <std::size_t N>
imported_model<N> build(const std::vector<keras_layer>& layers, std::vector<std::int64_t> input, bool last) {
  model_builder<N> b;
  b.model.conventions = framework::keras;
  constexpr layout first = N == 1 ? layout::ncw : N == 2 ? layout::nchw : layout::ncdhw;
  b.model.memory_layout = last ? channels_last(first) : first;
  b.model.input = std::move(input);
  const bool has_input_layer = layers[0].class_name == "InputLayer";
  const std::string input_name = has_input_layer ? layers[0].name : "input";
  b.name_output(input_name, b.add({input_name, "the input", join::layer, layer<N>(activation()), {}, {}}, false));
  keras_reader<N> reader(b, last);
  std::size_t placed = has_input_layer ? 1 : 0;
  // A functional model lists its layers in an order they can be built in;
  // one that reads a later layer is read once that layer is.
  std::vector<const keras_layer*> waiting;
  for (std::size_t i = placed; i < layers.size(); ++i) waiting.push_back(&layers[i]);
  std::set<std::string> known{input_name};
  if (!has_input_layer && !layers[0].inbound.empty()) layers[0].fail("reads another layer but is the first");
  while (!waiting.empty()) {
    std::vector<const keras_layer*> later;
    for (const keras_layer* k : waiting) {
      bool ready = true;
      for (const std::string& name : k->inbound) ready = ready && known.contains(name);
      if (k->inbound.empty() && k != &layers[0]) {
        k->fail(k->class_name == "InputLayer" ? "is a second input: convshape networks have one"
                                              : "reads no layer");
      }
      if (k->inbound.empty()) {
        // the first layer of a model without an InputLayer reads the input
        keras_layer first = *k;
        first.inbound = {b.model.steps[0].name};
        reader.read(first);
      } else if (ready) {
        reader.read(*k);
      } else {
        later.push_back(k);
        continue;
      }
      known.insert(k->name);
    }
    if (later.size() == waiting.size()) stuck(layers, later);
    waiting = std::move(later);
  }
  return std::move(b.model);
}

}  // namespace

any_model read_keras(const std::string& path, const import_options& options) {
  return keras_model(read_file(path, std::size_t{64} << 20), path, options);
}

any_model keras_model(const std::string& text, const std::string& path, const import_options& options) {
  json file;
  try {
    file = json::parse(text);
  } catch (const json::exception& e) {
    throw import_error(path + ": not JSON: " + e.what());
  }
  const json& topology = topology_of(file);
  const std::vector<keras_layer> layers = layers_of(topology);
  std::vector<std::int64_t> input = input_extents(layers[0], options);

  // Keras' layers say their data_format; convshape's network has one layout.
  std::set<std::string> formats;
  for (const keras_layer& k : layers)
    if (k.has("data_format")) formats.insert(k.text("data_format"));
  if (formats.size() > 1) throw import_error("the model mixes channels_first and channels_last layers");
  const bool channels_last = formats.empty() || *formats.begin() == "channels_last";
  if (!channels_last && *formats.begin() != "channels_first")
    throw import_error("data_format '" + *formats.begin() + "' is not channels_last or channels_first");

  const std::size_t rank = input.size() - 2;
  any_model model = rank == 1   ? any_model(build<1>(layers, std::move(input), channels_last))
                    : rank == 2 ? any_model(build<2>(layers, std::move(input), channels_last))
                                : any_model(build<3>(layers, std::move(input), channels_last));
  std::visit(
      [&](auto& m) {
        m.source = path;
        const std::string named = topology["config"].is_object() ? topology["config"].value("name", "") : "";
        m.name = named.empty() ? identifier_from(path) : named;
      },
      model);
  return model;
}

}  // namespace convshape::cli
