// convshape: a layer as a value, so that networks can be lists of them.
//
//   cs::conv2d({.filters = 6, .kernel = 5}, "c1")     a layer value (one argument and a name)
//   cs::conv2d(x, {.filters = 6, .kernel = 5})        an output shape (a shape and the parameters)
#pragma once

#include <cstddef>
#include <cstdint>

#include "../layers/conv.hpp"
#include "../layers/conv_transpose.hpp"
#include "../layers/depthwise.hpp"
#include "../layers/flat.hpp"
#include "../layers/pool.hpp"
#include "../layers/resize.hpp"

namespace convshape {

enum class layer_kind : unsigned char {
  input,
  conv,
  conv_transpose,
  depthwise_conv,
  max_pool,
  avg_pool,
  global_avg_pool,
  global_max_pool,
  upsample,
  activation,
  batch_norm,
  flatten,
  dense,
  // Layers with two inputs, or a target, exist only in network code:
  add,
  concat,
  center_crop,
};

constexpr const char* name(layer_kind k) noexcept {
  switch (k) {
    case layer_kind::input: return "input";
    case layer_kind::conv: return "conv";
    case layer_kind::conv_transpose: return "conv_transpose";
    case layer_kind::depthwise_conv: return "depthwise_conv";
    case layer_kind::max_pool: return "max_pool";
    case layer_kind::avg_pool: return "avg_pool";
    case layer_kind::global_avg_pool: return "global_avg_pool";
    case layer_kind::global_max_pool: return "global_max_pool";
    case layer_kind::upsample: return "upsample";
    case layer_kind::activation: return "activation";
    case layer_kind::batch_norm: return "batch_norm";
    case layer_kind::flatten: return "flatten";
    case layer_kind::dense: return "dense";
    case layer_kind::add: return "add";
    case layer_kind::concat: return "concat";
    case layer_kind::center_crop: return "center_crop";
  }
  return "?";
}

/// A layer whose kind needs no per-dimension parameter, so that it fits a
/// network of any spatial rank: flatten, dense, global pools, activation,
/// batch_norm.
struct rankless_layer {
  layer_kind kind;
  const char* name = nullptr;
  dense_params dense{};
};

/// One layer of a network: its kind, an optional name for messages and the
/// summary, and its parameters. A union, so that a list of a thousand layers
/// stays small in constant evaluation; the constructors pick the member.
template <std::size_t N>
struct layer {
  layer_kind kind;
  const char* name = nullptr;
  union {
    conv_params<N> conv;
    conv_transpose_params<N> conv_transpose;
    depthwise_params<N> depthwise;
    max_pool_params<N> max_pool;
    avg_pool_params<N> avg_pool;
    upsample_params<N> upsample;
    dense_params dense;
  };

  constexpr layer(const conv_params<N>& given, const char* label = nullptr) noexcept
      : kind(layer_kind::conv), name(label), conv(given) {}
  constexpr layer(const conv_transpose_params<N>& given, const char* label = nullptr) noexcept
      : kind(layer_kind::conv_transpose), name(label), conv_transpose(given) {}
  constexpr layer(const depthwise_params<N>& given, const char* label = nullptr) noexcept
      : kind(layer_kind::depthwise_conv), name(label), depthwise(given) {}
  constexpr layer(const max_pool_params<N>& given, const char* label = nullptr) noexcept
      : kind(layer_kind::max_pool), name(label), max_pool(given) {}
  constexpr layer(const avg_pool_params<N>& given, const char* label = nullptr) noexcept
      : kind(layer_kind::avg_pool), name(label), avg_pool(given) {}
  constexpr layer(const upsample_params<N>& given, const char* label = nullptr) noexcept
      : kind(layer_kind::upsample), name(label), upsample(given) {}
  constexpr layer(const rankless_layer& rankless) noexcept  // NOLINT: any rank takes them
      : kind(rankless.kind), name(rankless.name), dense(rankless.dense) {}
};

// Factories: one argument (and a name) gives a layer value; the overloads
// taking a shape first compute an output shape. The rank-named ones are
// templates only so that including this header instantiates no layer<N>.
template <std::size_t N>
constexpr layer<N> conv(const conv_params<N>& p, const char* name = nullptr) noexcept { return {p, name}; }
template <std::size_t N = 1>
  requires(N == 1)
constexpr layer<N> conv1d(const conv_params<N>& p, const char* name = nullptr) noexcept { return {p, name}; }
template <std::size_t N = 2>
  requires(N == 2)
constexpr layer<N> conv2d(const conv_params<N>& p, const char* name = nullptr) noexcept { return {p, name}; }
template <std::size_t N = 3>
  requires(N == 3)
constexpr layer<N> conv3d(const conv_params<N>& p, const char* name = nullptr) noexcept { return {p, name}; }

template <std::size_t N>
constexpr layer<N> conv_transpose(const conv_transpose_params<N>& p, const char* name = nullptr) noexcept {
  return {p, name};
}
template <std::size_t N = 1>
  requires(N == 1)
constexpr layer<N> conv1d_transpose(const conv_transpose_params<N>& p, const char* name = nullptr) noexcept {
  return {p, name};
}
template <std::size_t N = 2>
  requires(N == 2)
constexpr layer<N> conv2d_transpose(const conv_transpose_params<N>& p, const char* name = nullptr) noexcept {
  return {p, name};
}
template <std::size_t N = 3>
  requires(N == 3)
constexpr layer<N> conv3d_transpose(const conv_transpose_params<N>& p, const char* name = nullptr) noexcept {
  return {p, name};
}

template <std::size_t N>
constexpr layer<N> depthwise_conv(const depthwise_params<N>& p, const char* name = nullptr) noexcept {
  return {p, name};
}
template <std::size_t N>
constexpr layer<N> max_pool(const max_pool_params<N>& p, const char* name = nullptr) noexcept { return {p, name}; }
template <std::size_t N = 1>
  requires(N == 1)
constexpr layer<N> max_pool1d(const max_pool_params<N>& p, const char* name = nullptr) noexcept { return {p, name}; }
template <std::size_t N = 2>
  requires(N == 2)
constexpr layer<N> max_pool2d(const max_pool_params<N>& p, const char* name = nullptr) noexcept { return {p, name}; }
template <std::size_t N = 3>
  requires(N == 3)
constexpr layer<N> max_pool3d(const max_pool_params<N>& p, const char* name = nullptr) noexcept { return {p, name}; }
template <std::size_t N>
constexpr layer<N> avg_pool(const avg_pool_params<N>& p, const char* name = nullptr) noexcept { return {p, name}; }
template <std::size_t N = 1>
  requires(N == 1)
constexpr layer<N> avg_pool1d(const avg_pool_params<N>& p, const char* name = nullptr) noexcept { return {p, name}; }
template <std::size_t N = 2>
  requires(N == 2)
constexpr layer<N> avg_pool2d(const avg_pool_params<N>& p, const char* name = nullptr) noexcept { return {p, name}; }
template <std::size_t N = 3>
  requires(N == 3)
constexpr layer<N> avg_pool3d(const avg_pool_params<N>& p, const char* name = nullptr) noexcept { return {p, name}; }
template <std::size_t N>
constexpr layer<N> upsample(const upsample_params<N>& p, const char* name = nullptr) noexcept { return {p, name}; }

constexpr rankless_layer flatten(const char* name = nullptr) noexcept { return {layer_kind::flatten, name}; }
constexpr rankless_layer dense(const dense_params& p, const char* name = nullptr) noexcept {
  return {layer_kind::dense, name, p};
}
constexpr rankless_layer global_avg_pool(const char* name = nullptr) noexcept {
  return {layer_kind::global_avg_pool, name};
}
constexpr rankless_layer global_max_pool(const char* name = nullptr) noexcept {
  return {layer_kind::global_max_pool, name};
}
/// `name` is how the summary shows it: "relu", "tanh", "dropout".
constexpr rankless_layer activation(const char* name = nullptr) noexcept { return {layer_kind::activation, name}; }
constexpr rankless_layer batch_norm(const char* name = nullptr) noexcept { return {layer_kind::batch_norm, name}; }

}  // namespace convshape
