// ResNet-50 (torchvision) through the non-throwing network API: the same
// layers as examples/models/resnet50.hpp, applied with try_apply / try_merge,
// so that the benchmark can time the try_ path beside the throwing one. The
// records are checked at compile time against models::resnet50_net.
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <convshape/convshape.hpp>

#include "models/resnet50.hpp"

namespace bench {

namespace cs = convshape;

using resnet50_network = std::remove_cvref_t<decltype(models::resnet50_net)>;

/// The layers of torchvision's ResNet-50 on `net`, constructed from the input
/// shape; the first error, or an empty error_info when every layer applied.
constexpr cs::error_info try_resnet50(resnet50_network& net) noexcept {
  using tensor = cs::tensor<cs::layout::nchw>;
  cs::error_info error{};
  // Stores the value of `r` in `out`, or its error in `error`.
  const auto take = [&error](const cs::result<tensor>& r, tensor& out) noexcept {
    if (!r) {
      error = r.error();
      return false;
    }
    out = *r;
    return true;
  };
  const auto apply = [&](tensor& x, const cs::layer<2>& l) noexcept { return take(net.try_apply(x, l), x); };
  const auto bn = [](const cs::layer_name& n) { return cs::batch_norm(n.c_str()); };
  const auto relu = cs::activation("relu");

  tensor x = net.input();
  if (!(apply(x, cs::conv2d({.filters = 64, .kernel = 7, .strides = 2, .padding = 3, .bias = false}, "conv1")) &&
        apply(x, cs::batch_norm("bn1")) && apply(x, relu) &&
        apply(x, cs::max_pool2d({.window = 3, .strides = 2, .padding = 1}, "maxpool"))))
    return error;

  constexpr std::int64_t blocks[] = {3, 4, 6, 3};
  for (std::int64_t stage = 0; stage < 4; ++stage) {
    const std::int64_t width = std::int64_t{64} << stage;
    for (std::int64_t block = 0; block < blocks[stage]; ++block) {
      const std::int64_t stride = block == 0 && stage > 0 ? 2 : 1;
      const auto name = [&](const char* part) {
        return cs::layer_name("layer").append(stage + 1).append(".").append(block).append(".").append(part);
      };
      tensor y = x;
      if (!(apply(y, cs::conv2d({.filters = width, .kernel = 1, .bias = false}, name("conv1").c_str())) &&
            apply(y, bn(name("bn1"))) && apply(y, relu) &&
            apply(y, cs::conv2d({.filters = width, .kernel = 3, .strides = stride, .padding = 1, .bias = false},
                                name("conv2").c_str())) &&
            apply(y, bn(name("bn2"))) && apply(y, relu) &&
            apply(y, cs::conv2d({.filters = 4 * width, .kernel = 1, .bias = false}, name("conv3").c_str())) &&
            apply(y, bn(name("bn3")))))
        return error;
      tensor shortcut = x;
      if (x.shape.channels() != 4 * width &&
          !(apply(shortcut, cs::conv2d({.filters = 4 * width, .kernel = 1, .strides = stride, .bias = false},
                                       name("downsample.0").c_str())) &&
            apply(shortcut, bn(name("downsample.1")))))
        return error;
      if (!(take(net.try_merge(cs::layer_kind::add, y, shortcut, name("add").c_str()), x) &&
            apply(x, cs::activation(name("relu").c_str()))))
        return error;
    }
  }
  if (!(apply(x, cs::global_avg_pool("avgpool")) && apply(x, cs::flatten("flatten")) &&
        apply(x, cs::dense({.in_features = 2048, .units = 1000}, "fc"))))
    return error;
  return error;
}

/// The same records, field by field, as the throwing model's.
constexpr bool same_records(const resnet50_network& a, const resnet50_network& b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto &p = a[i], &q = b[i];
    if (!(p.name == q.name && p.kind == q.kind && p.output == q.output && p.flat == q.flat &&
          p.params == q.params && p.macs == q.macs && p.receptive_field == q.receptive_field &&
          p.input_count == q.input_count && p.inputs[0] == q.inputs[0] && p.inputs[1] == q.inputs[1] &&
          p.last_use == q.last_use))
      return false;
  }
  return true;
}

constexpr bool try_matches_model(cs::nchw_shape input) {
  resnet50_network net(input);
  return !try_resnet50(net) && same_records(net, models::resnet50(input));
}
static_assert(try_matches_model(cs::nchw(1, 3, 224, 224)));

}  // namespace bench
