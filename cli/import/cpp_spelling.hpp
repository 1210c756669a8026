// convshape import: layers and shapes spelled as C++, as a person would write
// them with convshape: `cs::conv2d({.filters = 64, .kernel = 7, .strides = 2, .padding = 3}, "c1")`.
// Parameters at their defaults are left out.
#pragma once

#include <convshape/convshape.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace convshape::cli {

/// A C++ string literal of `text`, escaped: names come from model files.
std::string cpp_string(const std::string& text);

/// "3" when every entry is 3, else "{3, 5}".
template <std::size_t N>
std::string cpp_value(const per_dim<N>& v) {
  bool same = true;
  for (std::size_t i = 1; i < N; ++i) same = same && v[i] == v[0];
  if (same) return std::to_string(v[0]);
  std::string text = "{";
  for (std::size_t i = 0; i < N; ++i) text += (i ? ", " : "") + std::to_string(v[i]);
  return text + "}";
}

template <std::size_t N>
std::string cpp_value(const padding<N>& p) {
  if (p.mode != padding_mode::explicit_pads) return std::string("cs::") + name(p.mode);
  if (p.begin == p.end) return cpp_value(p.begin);
  std::string begin = "{", end = "{";
  for (std::size_t i = 0; i < N; ++i) {
    begin += (i ? ", " : "") + std::to_string(p.begin[i]);
    end += (i ? ", " : "") + std::to_string(p.end[i]);
  }
  return "cs::pads(" + begin + "}, " + end + "})";
}

/// The designated initializers of the fields that differ from their defaults.
class cpp_fields {
 public:
  template <class T>
  cpp_fields& operator()(const char* field, const T& value, const T& default_value) {
    if (!(value == default_value)) add(field, value);
    return *this;
  }
  template <class T>
  cpp_fields& always(const char* field, const T& value) {
    add(field, value);
    return *this;
  }
  std::string braced() const { return "{" + text_ + "}"; }

 private:
  std::string text_;

  template <class T>
  void add(const char* field, const T& value) {
    if (!text_.empty()) text_ += ", ";
    text_ += std::string(".") + field + " = " + spelled(value);
  }
  static std::string spelled(bool v) { return v ? "true" : "false"; }
  static std::string spelled(std::int64_t v) { return std::to_string(v); }
  static std::string spelled(upsample_mode m) {
    return m == upsample_mode::nearest ? "cs::upsample_mode::nearest" : "cs::upsample_mode::bilinear";
  }
  template <std::size_t N>
  static std::string spelled(const per_dim<N>& v) {
    return cpp_value(v);
  }
  template <std::size_t N>
  static std::string spelled(const padding<N>& p) {
    return cpp_value(p);
  }
};

template <std::size_t N>
std::string cpp_arguments(const conv_params<N>& p) {
  return cpp_fields{}
      .always("filters", p.filters)
      .always("kernel", p.kernel)("strides", p.strides, per_dim<N>(1))("padding", p.padding, padding<N>{})(
          "dilation", p.dilation, per_dim<N>(1))("groups", p.groups, std::int64_t{1})("bias", p.bias, true)
      .braced();
}
template <std::size_t N>
std::string cpp_arguments(const conv_transpose_params<N>& p) {
  return cpp_fields{}
      .always("filters", p.filters)
      .always("kernel", p.kernel)("strides", p.strides, per_dim<N>(1))("padding", p.padding, padding<N>{})(
          "output_padding", p.output_padding, per_dim<N>(0))("dilation", p.dilation, per_dim<N>(1))(
          "groups", p.groups, std::int64_t{1})("bias", p.bias, true)
      .braced();
}
template <std::size_t N>
std::string cpp_arguments(const depthwise_params<N>& p) {
  return cpp_fields{}
      .always("kernel", p.kernel)("strides", p.strides, per_dim<N>(1))("padding", p.padding, padding<N>{})(
          "dilation", p.dilation, per_dim<N>(1))("depth_multiplier", p.depth_multiplier, std::int64_t{1})(
          "bias", p.bias, true)
      .braced();
}
template <std::size_t N>
std::string pool_strides_value(const pool_strides<N>& s) {
  return cpp_value(s.values);
}
template <std::size_t N>
std::string cpp_arguments(const max_pool_params<N>& p) {
  cpp_fields fields;
  fields.always("window", p.window);
  if (!p.strides.same_as_window) fields.always("strides", p.strides.values);
  return fields("padding", p.padding, padding<N>{})("dilation", p.dilation, per_dim<N>(1))("ceil_mode", p.ceil_mode,
                                                                                          false)
      .braced();
}
template <std::size_t N>
std::string cpp_arguments(const avg_pool_params<N>& p) {
  cpp_fields fields;
  fields.always("window", p.window);
  if (!p.strides.same_as_window) fields.always("strides", p.strides.values);
  return fields("padding", p.padding, padding<N>{})("ceil_mode", p.ceil_mode, false).braced();
}
template <std::size_t N>
std::string cpp_arguments(const upsample_params<N>& p) {
  return "cs::upsample_params<" + std::to_string(N) + ">" +
         cpp_fields{}.always("scale", p.scale)("mode", p.mode, upsample_mode::nearest).braced();
}
template <std::size_t N>
std::string cpp_arguments(const pad_params<N>& p) {
  return cpp_fields{}("begin", p.begin, per_dim<N>(0))("end", p.end, per_dim<N>(0)).braced();
}
template <std::size_t N>
std::string cpp_arguments(const crop_params<N>& p) {
  return cpp_fields{}("begin", p.begin, per_dim<N>(0))("end", p.end, per_dim<N>(0)).braced();
}
template <std::size_t N>
std::string cpp_arguments(const resize_params<N>& p) {
  return cpp_fields{}.always("size", p.size).braced();
}
inline std::string cpp_arguments(const affine_params& p) {
  return cpp_fields{}("scale", p.scale, true)("shift", p.shift, true).braced();
}
inline std::string cpp_arguments(const channel_shuffle_params& p) {
  return cpp_fields{}.always("groups", p.groups).braced();
}
inline std::string cpp_arguments(const channel_slice_params& p) {
  return cpp_fields{}.always("begin", p.begin).always("end", p.end).braced();
}
inline std::string cpp_arguments(const dense_params& p) {
  return cpp_fields{}("in_features", p.in_features, std::int64_t{0})
      .always("units", p.units)("bias", p.bias, true)
      .braced();
}

/// The factory of a layer's kind, rank-named where the library has one.
template <std::size_t N>
std::string cpp_factory(layer_kind kind) {
  const std::string d = std::to_string(N) + "d";
  switch (kind) {
    case layer_kind::conv: return "conv" + d;
    case layer_kind::conv_transpose: return "conv" + d + "_transpose";
    case layer_kind::max_pool: return "max_pool" + d;
    case layer_kind::avg_pool: return "avg_pool" + d;
    case layer_kind::pad: return "pad" + d;
    case layer_kind::crop: return "crop" + d;
    case layer_kind::resize: return "resize" + d;
    case layer_kind::depthwise_conv: return "depthwise_conv<" + std::to_string(N) + ">";
    default: return name(kind);
  }
}

/// `l` as the call that makes it, named `label`.
template <std::size_t N>
std::string cpp_layer(const layer<N>& l, const std::string& label) {
  const std::string arguments = detail::visit(l, [&](auto, const auto& params) -> std::string {
    using params_type = std::remove_cvref_t<decltype(params)>;
    if constexpr (std::is_same_v<params_type, no_params>) {
      return std::string();
    } else {
      return cpp_arguments(params) + ", ";
    }
  });
  return "cs::" + cpp_factory<N>(l.kind) + "(" + arguments + cpp_string(label) + ")";
}

/// A record's output as C++: `cs::nhwc(1, 64, 64, 8)`, or `cs::flat_shape{1, 10}` when flat.
std::string cpp_shape(layout l, const std::vector<std::int64_t>& memory_order, bool flat);

}  // namespace convshape::cli
