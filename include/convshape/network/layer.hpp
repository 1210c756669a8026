// convshape: a layer as a value, so that networks can be lists of them.
//
//   cs::conv2d({.filters = 6, .kernel = 5}, "c1")     a layer value (one argument and a name)
//   cs::conv2d(x, {.filters = 6, .kernel = 5})        an output shape (a shape and the parameters)
#pragma once

#include <cstddef>
#include <cstdint>

#include "../layers/channel.hpp"
#include "../layers/conv.hpp"
#include "../layers/conv_transpose.hpp"
#include "../layers/crop.hpp"
#include "../layers/depthwise.hpp"
#include "../layers/elementwise.hpp"
#include "../layers/flat.hpp"
#include "../layers/pad.hpp"
#include "../layers/pool.hpp"
#include "../layers/resize.hpp"

namespace convshape {

// The kinds of layer a network applies to one input, in the order of
// layer_kind: each with its enumerator, its member in layer<N> and its rules
// (layers/detail/layer_rules.hpp). A SPATIAL layer has per-dimension
// parameters, `typename rules<N>::params`; a RANKLESS one fits a network of
// any rank and has parameters of one type for every rank, `typename
// rules::params`, in a member of rankless_layer as well; a PARAMLESS one
// fits any rank and has none. A new kind of layer is its header and one line here:
// the enum, the names, the unions and their constructors, and the dispatch
// (visit, input_of, apply_rules) are all made from this list.
#define CONVSHAPE_LAYER_KINDS(SPATIAL, RANKLESS, PARAMLESS)         \
  SPATIAL(conv, conv, conv_rules)                                   \
  SPATIAL(conv_transpose, conv_transpose, conv_transpose_rules)     \
  SPATIAL(depthwise_conv, depthwise, depthwise_rules)               \
  SPATIAL(max_pool, max_pool, max_pool_rules)                       \
  SPATIAL(avg_pool, avg_pool, avg_pool_rules)                       \
  PARAMLESS(global_avg_pool, global_pool_rules)                     \
  PARAMLESS(global_max_pool, global_pool_rules)                     \
  SPATIAL(upsample, upsample, upsample_rules)                       \
  PARAMLESS(activation, activation_rules)                           \
  PARAMLESS(batch_norm, batch_norm_rules)                           \
  PARAMLESS(flatten, flatten_rules)                                 \
  RANKLESS(dense, dense, dense_rules)                               \
  SPATIAL(pad, pad, pad_rules)                                      \
  SPATIAL(crop, crop, crop_rules)                                   \
  PARAMLESS(unflatten, unflatten_rules)                             \
  SPATIAL(resize, resize, resize_rules)                             \
  PARAMLESS(layer_norm, layer_norm_rules)                           \
  RANKLESS(affine, affine, affine_rules)                            \
  RANKLESS(channel_shuffle, channel_shuffle, channel_shuffle_rules) \
  RANKLESS(channel_slice, channel_slice, channel_slice_rules)       \


#define CONVSHAPE_KIND(kind, ...) kind,
enum class layer_kind : unsigned char {
  input,
  CONVSHAPE_LAYER_KINDS(CONVSHAPE_KIND, CONVSHAPE_KIND, CONVSHAPE_KIND)
  // Layers with two inputs, or a target, exist only in network code:
  add,
  multiply,
  concat,
  center_crop,
};
#undef CONVSHAPE_KIND

#define CONVSHAPE_KIND(kind, ...) \
  case layer_kind::kind: return #kind;
constexpr const char* name(layer_kind k) noexcept {
  switch (k) {
    case layer_kind::input: return "input";
    CONVSHAPE_LAYER_KINDS(CONVSHAPE_KIND, CONVSHAPE_KIND, CONVSHAPE_KIND)
    case layer_kind::add: return "add";
    case layer_kind::multiply: return "multiply";
    case layer_kind::concat: return "concat";
    case layer_kind::center_crop: return "center_crop";
  }
  return "?";
}
#undef CONVSHAPE_KIND

/// What a layer of a kind without parameters holds in their place.
struct no_params {
  friend constexpr bool operator==(const no_params&, const no_params&) = default;
};

#define CONVSHAPE_NONE(...)
// `|| k == layer_kind::dense ...`: whether kind k has rank-free parameters,
// written out where it is asked, since in constant evaluation a call costs
// more than the comparisons.
#define CONVSHAPE_IS_RANKLESS(kind_, member, rules) || CONVSHAPE_KIND_ASKED == layer_kind::kind_
#define CONVSHAPE_HAS_RANKLESS_PARAMS (false CONVSHAPE_LAYER_KINDS(CONVSHAPE_NONE, CONVSHAPE_IS_RANKLESS, CONVSHAPE_NONE))

/// A layer whose kind needs no per-dimension parameter, so that it fits a
/// network of any rank: flatten, dense, unflatten, global pools,
/// activation, normalizations, affine, channel shuffles and slices. A kind
/// with parameters keeps them in its member (`dense`, `affine`...);
/// the other members keep their defaults. Not a union, so that it stays an
/// aggregate: a factory's braces cost constant evaluation no call.
struct rankless_layer {
  layer_kind kind;
  const char* name = nullptr;
#define CONVSHAPE_MEMBER(kind, member, rules) typename detail::rules::params member{};
  CONVSHAPE_LAYER_KINDS(CONVSHAPE_NONE, CONVSHAPE_MEMBER, CONVSHAPE_NONE)
#undef CONVSHAPE_MEMBER
};

/// One layer of a network: its kind, an optional name for messages and the
/// summary, and its parameters. A union, so that a list of a thousand layers
/// stays small in constant evaluation; the constructors pick the member.
template <std::size_t N>
struct layer {
  layer_kind kind;
  const char* name = nullptr;
#define CONVSHAPE_SPATIAL_MEMBER(kind, member, rules) typename detail::rules<N>::params member;
#define CONVSHAPE_RANKLESS_MEMBER(kind, member, rules) typename detail::rules::params member;
  union {
    no_params none;
    CONVSHAPE_LAYER_KINDS(CONVSHAPE_SPATIAL_MEMBER, CONVSHAPE_RANKLESS_MEMBER, CONVSHAPE_NONE)
  };
#undef CONVSHAPE_SPATIAL_MEMBER
#undef CONVSHAPE_RANKLESS_MEMBER

#define CONVSHAPE_CONSTRUCTOR(kind_, member, rules)                                                     \
  constexpr layer(const typename detail::rules<N>::params& given, const char* label = nullptr) noexcept \
      : kind(layer_kind::kind_), name(label), member(given) {}
  CONVSHAPE_LAYER_KINDS(CONVSHAPE_CONSTRUCTOR, CONVSHAPE_NONE, CONVSHAPE_NONE)
#undef CONVSHAPE_CONSTRUCTOR
  /// A rankless layer at rank N. A kind with parameters gets its member
  /// through that member's constructor, and the whole layer by assignment:
  /// a union member becomes active by construction or by assigning the
  /// whole object, not by assigning the member, which constant evaluation
  /// does not allow for a class with default member initializers.
  constexpr layer(const rankless_layer& rankless) noexcept  // NOLINT: any rank takes them
      : kind(rankless.kind), name(rankless.name), none() {
#define CONVSHAPE_KIND_ASKED rankless.kind
    if (CONVSHAPE_HAS_RANKLESS_PARAMS) *this = with_parameters_of(rankless);
#undef CONVSHAPE_KIND_ASKED
  }

 private:
  // The rankless kinds' constructors take a third argument: every
  // constructor is a candidate wherever a layer is made from one value, and
  // constant evaluation's callers (sequential) make one for each layer.
  struct from_rankless {};
#define CONVSHAPE_CONSTRUCTOR(kind_, member, rules)                                                     \
  constexpr layer(const typename detail::rules::params& given, const char* label, from_rankless) noexcept \
      : kind(layer_kind::kind_), name(label), member(given) {}
  CONVSHAPE_LAYER_KINDS(CONVSHAPE_NONE, CONVSHAPE_CONSTRUCTOR, CONVSHAPE_NONE)
#undef CONVSHAPE_CONSTRUCTOR

  static constexpr layer with_parameters_of(const rankless_layer& rankless) noexcept {
#define CONVSHAPE_FROM(kind_, member, rules) \
  case layer_kind::kind_: return layer(rankless.member, rankless.name, from_rankless{});
    switch (rankless.kind) {
      CONVSHAPE_LAYER_KINDS(CONVSHAPE_NONE, CONVSHAPE_FROM, CONVSHAPE_NONE)
      default: break;
    }
#undef CONVSHAPE_FROM
    return layer(rankless_layer{layer_kind::activation});  // not reached: only kinds with parameters ask
  }
};

namespace detail {

/// The rankless layer of these parameters, unnamed.
#define CONVSHAPE_RANKLESS_OF(kind_, member, rules)                                         \
  constexpr rankless_layer rankless_of(const typename rules::params& given) noexcept {     \
    return {.kind = layer_kind::kind_, .member = given};                                  \
  }
CONVSHAPE_LAYER_KINDS(CONVSHAPE_NONE, CONVSHAPE_RANKLESS_OF, CONVSHAPE_NONE)
#undef CONVSHAPE_RANKLESS_OF

}  // namespace detail

#undef CONVSHAPE_HAS_RANKLESS_PARAMS
#undef CONVSHAPE_IS_RANKLESS
#undef CONVSHAPE_NONE

namespace detail {

/// Rules for what is not a layer of one input: the network's input record,
/// and add, multiply, concat and center_crop, which a network applies
/// itself.
struct network_only_rules {
  static constexpr input_rank input = input_rank::spatial;

  template <framework F, class Params, class Record>
  static constexpr bool apply(const Params&, Record& r, error_info& error) noexcept {
    error = error_info{errc::wrong_rank};
    if (r.kind == layer_kind::input) {
      error.message << "the input is record 0 of a network, not a layer to apply";
    } else {
      error.message << "takes two inputs or a target: call the network's " << convshape::name(r.kind) << "()";
    }
    return false;
  }
  template <framework F, layout L, class Params>
  static constexpr result<shape<L>> output(const shape<L>& x, bool, const Params&) noexcept {
    return x;
  }
  template <framework F, class Params, std::size_t N>
  static constexpr replay_form replay(const Params&, bool, std::int64_t, extent_rule (&)[N]) noexcept {
    return replay_form::none;
  }
};

// The three dispatches below are switches over the kinds; the layers that
// exist only in network code fall through to network_only_rules.
#define CONVSHAPE_NETWORK_ONLY      \
  case layer_kind::input:           \
  case layer_kind::add:             \
  case layer_kind::multiply:        \
  case layer_kind::concat:          \
  case layer_kind::center_crop: break;

/// Calls `f(rules, parameters)` with the rules of `l`'s kind and its
/// parameters (`no_params` for a kind without): every layer reaches the
/// network, sequential, shape_program and the summary through this one
/// dispatch.
template <std::size_t N, class Visitor>
constexpr decltype(auto) visit(const layer<N>& l, Visitor&& f) {
#define CONVSHAPE_SPATIAL(kind, member, rules) \
  case layer_kind::kind: return f(rules<N>{}, l.member);
#define CONVSHAPE_RANKLESS(kind, member, rules) \
  case layer_kind::kind: return f(rules{}, l.member);
#define CONVSHAPE_PARAMLESS(kind, rules) \
  case layer_kind::kind: return f(rules{}, l.none);
  switch (l.kind) {
    CONVSHAPE_LAYER_KINDS(CONVSHAPE_SPATIAL, CONVSHAPE_RANKLESS, CONVSHAPE_PARAMLESS)
    CONVSHAPE_NETWORK_ONLY
  }
#undef CONVSHAPE_SPATIAL
#undef CONVSHAPE_RANKLESS
#undef CONVSHAPE_PARAMLESS
  return f(network_only_rules{}, l.none);
}

/// What a layer of kind `k` takes as its input: a switch, which constant
/// evaluation reads at the cost of one call, where visit() makes two.
constexpr input_rank input_of(layer_kind k) noexcept {
#define CONVSHAPE_SPATIAL(kind, member, rules) \
  case layer_kind::kind: return rules<1>::input;
#define CONVSHAPE_RANKLESS(kind, member, rules) \
  case layer_kind::kind: return rules::input;
#define CONVSHAPE_PARAMLESS(kind, rules) \
  case layer_kind::kind: return rules::input;
  switch (k) {
    CONVSHAPE_LAYER_KINDS(CONVSHAPE_SPATIAL, CONVSHAPE_RANKLESS, CONVSHAPE_PARAMLESS)
    CONVSHAPE_NETWORK_ONLY
  }
#undef CONVSHAPE_SPATIAL
#undef CONVSHAPE_RANKLESS
#undef CONVSHAPE_PARAMLESS
  return network_only_rules::input;
}

/// Applies `l`'s rules to `r`, as visit() would with a lambda, less a call:
/// this runs on every layer of every network.
template <framework F, std::size_t N, class Record>
constexpr bool apply_rules(const layer<N>& l, Record& r, error_info& error) noexcept {
#define CONVSHAPE_SPATIAL(kind, member, rules) \
  case layer_kind::kind: return rules<N>::template apply<F>(l.member, r, error);
#define CONVSHAPE_RANKLESS(kind, member, rules) \
  case layer_kind::kind: return rules::template apply<F>(l.member, r, error);
#define CONVSHAPE_PARAMLESS(kind, rules) \
  case layer_kind::kind: return rules::template apply<F>(l.none, r, error);
  switch (l.kind) {
    CONVSHAPE_LAYER_KINDS(CONVSHAPE_SPATIAL, CONVSHAPE_RANKLESS, CONVSHAPE_PARAMLESS)
    CONVSHAPE_NETWORK_ONLY
  }
#undef CONVSHAPE_SPATIAL
#undef CONVSHAPE_RANKLESS
#undef CONVSHAPE_PARAMLESS
  return network_only_rules::apply<F>(l.none, r, error);
}

#undef CONVSHAPE_NETWORK_ONLY

}  // namespace detail

// Factories of the rankless layers; each spatial layer's are in its header.
constexpr rankless_layer flatten(const char* name = nullptr) noexcept { return {layer_kind::flatten, name}; }
constexpr rankless_layer dense(const dense_params& p, const char* name = nullptr) noexcept {
  return {.kind = layer_kind::dense, .name = name, .dense = p};
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
/// A flat tensor back to a map (batch, features, 1, ...): Keras' Reshape((1, 1, F)).
constexpr rankless_layer unflatten(const char* name = nullptr) noexcept { return {layer_kind::unflatten, name}; }
constexpr rankless_layer layer_norm(const char* name = nullptr) noexcept { return {layer_kind::layer_norm, name}; }
constexpr rankless_layer affine(const affine_params& p = {}, const char* name = nullptr) noexcept {
  return {.kind = layer_kind::affine, .name = name, .affine = p};
}
constexpr rankless_layer channel_shuffle(const channel_shuffle_params& p, const char* name = nullptr) noexcept {
  return {.kind = layer_kind::channel_shuffle, .name = name, .channel_shuffle = p};
}
constexpr rankless_layer channel_slice(const channel_slice_params& p, const char* name = nullptr) noexcept {
  return {.kind = layer_kind::channel_slice, .name = name, .channel_slice = p};
}

}  // namespace convshape

#undef CONVSHAPE_LAYER_KINDS
