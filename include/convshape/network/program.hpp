// convshape: a network checked at compile time, replayed on input sizes
// known only at run time.
//
// Building a network at run time costs what its records cost: names,
// parameters, receptive fields. An inference engine that meets a new image
// size wants only the shapes. A shape_program is built like a network, in
// constant evaluation, where every parameter is checked once; it keeps for
// each layer what the output extents need from the input ones. Running it
// redoes that arithmetic alone.
//
//   template <class Net> constexpr Net lenet(Net net) { ... net(x, cs::conv2d(...)) ... }
//   constexpr auto program = lenet(cs::shape_program<cs::layout::nchw, 9>(cs::nchw(1, 1, 32, 32)));
//   const auto shapes = program.run(cs::nchw(8, 1, h, w));  // every record's shape, or a shape_error
//
// The input's batch and spatial extents may change; its channels may not,
// so every layer's channel count is the one checked at compile time.
#pragma once

#include <cstddef>
#include <cstdint>

#include "../core/detail/checked.hpp"
#include "network.hpp"

namespace convshape {

/// The output shape of every record of a shape_program run, record 0 the input.
template <layout L, std::size_t Capacity>
class shape_list {
 public:
  static constexpr std::size_t spatial_rank = convshape::spatial_rank(L);

  constexpr std::size_t size() const noexcept { return count_; }
  constexpr shape<L> operator[](std::size_t i) const noexcept {
    shape<L> s{rows_[i].batch, rows_[i].channels, {}};
    for (std::size_t d = 0; d < spatial_rank; ++d) s.spatial_.values[d] = rows_[i].spatial[d];
    return s;
  }
  /// The last record's shape: the network's output.
  constexpr shape<L> output() const noexcept { return (*this)[count_ - 1]; }

 private:
  template <layout, std::size_t, framework>
  friend class shape_program;

  /// A shape's numbers, without the default member initializers of shape:
  /// a run writes every row it returns, so zeroing the list first is waste.
  struct row {
    std::int64_t batch, channels;
    std::int64_t spatial[spatial_rank];
  };
  row rows_[Capacity];
  std::size_t count_ = 0;

  constexpr void set(std::size_t i, const shape<L>& s) noexcept {
    rows_[i].batch = s.batch_;
    rows_[i].channels = s.channels_;
    for (std::size_t d = 0; d < spatial_rank; ++d) rows_[i].spatial[d] = s.spatial_.values[d];
  }
};

namespace detail {

/// What the first pass of a run does for a record; records that keep the
/// extents of another one wait for the second.
enum class replay : unsigned char {
  derived,  ///< nothing: the second pass fills it from the record that holds its extents
  window,   ///< a convolution or pool in the fast form of extent_rule
  ones,     ///< a global pool
  check,    ///< add or concat of inputs whose extents come from two records: compares them, then as derived
  copy,     ///< activation or batch_norm after flatten, whose feature count varies: the whole shape
  flatten,  ///< features = channels x extents
  dense,    ///< its input's features must be in_features
  general,  ///< the shape functions themselves
};

/// What a run reads of one record: kept apart from the records and the
/// layers, so that a run's working set stays in the L1 cache.
template <std::size_t N>
struct replay_step {
  replay how = replay::general;
  std::size_t inputs[2]{};  ///< window, check, copy: the records that hold what they read
  std::size_t extents_from = 0;  ///< the record whose spatial extents this one has: itself if computed
  std::int64_t channels = 0;     ///< the same on every input, unless `varies`; flatten: its input's
  bool varies = false;           ///< channels that follow the input's size: flatten's features
  extent_rule rules[N]{};
  /// Records that keep this one's extents do so only up to these: beyond,
  /// their pads overflow, and the shape functions must say so.
  per_dim<N> kept_up_to = int64_max;
};

/// What the shape functions need when a step has no fast form.
template <std::size_t N>
struct replay_layer {
  layer<N> applied{rankless_layer{layer_kind::activation}};
  per_dim<N> crop_target{};
};

/// The layer without its name, which the record keeps a copy of: the
/// pointer may dangle by run time. (Copying the layer and clearing the name
/// leaves g++ 12 unable to use the program as a constant.)
template <std::size_t N>
constexpr layer<N> unnamed(const layer<N>& l) noexcept {
  return visit(l, [&](auto, const auto& given) -> layer<N> {
    if constexpr (requires { layer<N>(given); }) {
      return {given};  // per-dimension parameters
    } else if constexpr (requires { rankless_of(given); }) {
      return rankless_of(given);  // rank-free parameters
    } else {
      return rankless_layer{l.kind};  // no_params
    }
  });
}

}  // namespace detail

/// A network of at most Capacity records whose shapes are computed again for
/// each run-time input. It is built with the network's own calls (input(),
/// operator(), add, multiply, concat, center_crop), in constant evaluation.
template <layout L, std::size_t Capacity, framework F = generic>
class shape_program {
 public:
  static constexpr std::size_t spatial_rank = convshape::spatial_rank(L);
  using network_type = convshape::network<L, Capacity, F>;
  using shapes = shape_list<L, Capacity>;

  /// `reference_input` is the input every layer is checked on: a layer that
  /// fails on it is a compile error, as in a network.
  constexpr explicit shape_program(const shape<L>& reference_input) : net_(reference_input) {
    steps_[0] = {detail::replay::general, {}, 0, reference_input.channels_};
  }

  constexpr tensor<L> input() const noexcept { return net_.input(); }

  constexpr tensor<L> operator()(const tensor<L>& x, const layer<spatial_rank>& l) {
    const tensor<L> y = net_(x, l);
    layers_[y.index].applied = detail::unnamed(l);
    add_step(y.index, l);
    return y;
  }
  constexpr tensor<L> add(const tensor<L>& a, const tensor<L>& b, const char* name = nullptr) {
    return merged(net_.add(a, b, name));
  }
  constexpr tensor<L> multiply(const tensor<L>& a, const tensor<L>& b, const char* name = nullptr) {
    return merged(net_.multiply(a, b, name));
  }
  constexpr tensor<L> concat(const tensor<L>& a, const tensor<L>& b, const char* name = nullptr) {
    return merged(net_.concat(a, b, name));
  }
  constexpr tensor<L> center_crop(const tensor<L>& x, const per_dim<spatial_rank>& target, const char* name = nullptr) {
    const tensor<L> y = net_.center_crop(x, target, name);
    layers_[y.index].crop_target = target;
    add_step(y.index, rankless_layer{layer_kind::center_crop});
    return y;
  }

  /// The network on the reference input: names, parameters, receptive fields.
  constexpr const network_type& network() const noexcept { return net_; }
  constexpr std::size_t size() const noexcept { return net_.size(); }

  /// Every record's shape on `input`: a compile error in constant evaluation,
  /// a shape_error at run time, naming the layer, if a layer has no output.
  constexpr shapes run(const shape<L>& input) const {
    shapes out;
    if (auto e = try_run(input, out)) detail::raise(e);
    for (std::size_t i = out.count_; i < Capacity; ++i) out.set(i, shape<L>{});  // a constant must be whole
    return out;
  }

  /// The same without raising. The list is an out-parameter, written once in
  /// place; after an error it holds the records before the failing one.
  constexpr error_info try_run(const shape<L>& input, shapes& out) const noexcept;

 private:
  network_type net_;
  detail::replay_step<spatial_rank> steps_[Capacity]{};
  detail::replay_layer<spatial_rank> layers_[Capacity]{};
  // The records each pass visits, in order: lists, so that neither loop
  // tests what every record is.
  std::size_t first_[Capacity]{}, second_[Capacity]{};
  std::size_t first_count_ = 0, second_count_ = 0;

  constexpr tensor<L> merged(const tensor<L>& y);
  constexpr void add_step(std::size_t index, const layer<spatial_rank>& l);
  constexpr void keep_or_replay_window(detail::replay_step<spatial_rank>& step, std::size_t extents_source);
  constexpr void record_step(std::size_t index, const detail::replay_step<spatial_rank>& step);

  static constexpr void derive(detail::replay_step<spatial_rank>& step, std::size_t extents_source) noexcept {
    step.how = detail::replay::derived;
    step.extents_from = extents_source;
  }

  /// Record j's shape while the first pass runs: a derived record's is put
  /// together from the record that holds its extents.
  constexpr shape<L> shape_of(const shapes& out, std::size_t j) const noexcept {
    const auto& step = steps_[j];
    shape<L> s = out[step.extents_from];
    if (step.extents_from != j) s.channels_ = step.channels;
    return s;
  }

  enum class replayed : unsigned char {
    no,         ///< the shape functions must decide
    row,        ///< the record's row is written
    elsewhere,  ///< a copy or a flat tensor, or a merge the second pass fills
  };
  constexpr replayed replay_fast(std::size_t i, std::int64_t batch, shapes& out) const noexcept;
  /// Whether record i's extents exceed what some layer keeps only while its pads fit int64.
  constexpr bool beyond_kept(const shapes& out, std::size_t i) const noexcept {
    bool beyond = false;
    for (std::size_t axis = 0; axis < spatial_rank; ++axis)
      beyond = beyond || out.rows_[i].spatial[axis] > steps_[i].kept_up_to.values[axis];
    return beyond;
  }
  constexpr void fill_derived(shapes& out, std::size_t end) const noexcept;
  constexpr error_info careful_run(shapes& out) const noexcept;
  constexpr result<shape<L>> apply(std::size_t index, const shape<L>& a, const shape<L>& b) const noexcept;
  constexpr error_info in_layer(const error_info& e, std::size_t index) const noexcept {
    const auto& record = net_[index];
    return detail::in_layer(e, index, record.kind, record.name.empty() ? nullptr : record.name.c_str());
  }
};

template <layout L, std::size_t Capacity, framework F>
constexpr void shape_program<L, Capacity, F>::add_step(std::size_t index, const layer<spatial_rank>& l) {
  const auto& record = net_[index];
  const std::size_t input = record.inputs[0];
  const auto& from = steps_[input];
  detail::replay_step<spatial_rank> step{detail::replay::general, {input}, index, record.output.channels_};
  const std::int64_t input_channels = net_[input].output.channels_;
  const detail::replay_form form = detail::visit(l, [&](auto rules, const auto& given) {
    return rules.template replay<F>(given, net_[input].flat, input_channels, step.rules);
  });
  // A flat tensor's features vary with the input's size after a flatten of
  // extents that do (`varies`); after a global pool, or a dense layer, they
  // do not, and the record is derived like any other.
  const bool always_ones = steps_[from.extents_from].how == detail::replay::ones;
  switch (form) {
    case detail::replay_form::same_extents:
      if (from.varies && !record.flat) {
        // unflatten: the map's channels would vary, and a program keeps them.
        error_info e{errc::not_supported};
        e.message << "a shape_program keeps every map's channels, and these would be the features of a flatten "
                     "whose input's extents vary: flatten a global pool's output, or build a network for each input";
        detail::raise(in_layer(e, index));
      }
      if (from.varies) {
        step = {detail::replay::copy, {from.extents_from}, index, 0, true};
      } else {
        derive(step, from.extents_from);
      }
      break;
    case detail::replay_form::flatten:
      if (always_ones && !from.varies) {
        derive(step, from.extents_from);  // features = channels
      } else {
        step = {detail::replay::flatten, {from.extents_from}, index, input_channels, true};
      }
      break;
    case detail::replay_form::ones: step.how = detail::replay::ones; break;
    case detail::replay_form::dense:
      if (from.varies) {
        step.how = detail::replay::dense;  // in_features checked on each run
        step.inputs[0] = from.extents_from;
      } else {
        derive(step, from.extents_from);  // in_features checked on the reference
      }
      break;
    case detail::replay_form::window: keep_or_replay_window(step, from.extents_from); break;
    case detail::replay_form::none: break;
  }
  record_step(index, step);
}

/// A window layer whose rules give out = in keeps its input's extents, up to
/// the limits of those rules; any other is replayed by its rules.
template <layout L, std::size_t Capacity, framework F>
constexpr void shape_program<L, Capacity, F>::keep_or_replay_window(detail::replay_step<spatial_rank>& step,
                                                                    std::size_t extents_source) {
  step.inputs[0] = extents_source;
  bool keeps = true;
  for (const auto& rule : step.rules) keeps = keeps && rule.keeps_extent();
  if (!keeps) {
    step.how = detail::replay::window;
    return;
  }
  derive(step, extents_source);
  for (std::size_t axis = 0; axis < spatial_rank; ++axis) {
    std::int64_t& kept = steps_[extents_source].kept_up_to.values[axis];
    if (step.rules[axis].limit < kept) kept = step.rules[axis].limit;
  }
}

/// add or concat: its extents are its first input's, once the two are seen
/// to agree. multiply broadcasts: its extents are one input's where the
/// other's are those same extents or always 1 (a global pool's, as in
/// squeeze-and-excitation); otherwise the shape functions decide.
template <layout L, std::size_t Capacity, framework F>
constexpr tensor<L> shape_program<L, Capacity, F>::merged(const tensor<L>& y) {
  const auto& record = net_[y.index];
  const std::size_t a = steps_[record.inputs[0]].extents_from, b = steps_[record.inputs[1]].extents_from;
  detail::replay_step<spatial_rank> step{detail::replay::general, {record.inputs[0], record.inputs[1]}, y.index,
                                         record.output.channels_};
  if (record.kind != layer_kind::multiply) {
    derive(step, a);
    if (a != b) step = {detail::replay::check, {a, b}, a, record.output.channels_};
  } else if (a == b || steps_[b].how == detail::replay::ones) {
    derive(step, a);
  } else if (steps_[a].how == detail::replay::ones) {
    derive(step, b);
  }
  record_step(y.index, step);
  return y;
}

template <layout L, std::size_t Capacity, framework F>
constexpr void shape_program<L, Capacity, F>::record_step(std::size_t index,
                                                          const detail::replay_step<spatial_rank>& step) {
  steps_[index] = step;
  if (step.how != detail::replay::derived) first_[first_count_++] = index;
  if (step.extents_from != index) second_[second_count_++] = index;  // derived, or checked and derived
}

template <layout L, std::size_t Capacity, framework F>
constexpr result<shape<L>> shape_program<L, Capacity, F>::apply(std::size_t index, const shape<L>& a,
                                                                const shape<L>& b) const noexcept {
  switch (net_[index].kind) {
    case layer_kind::add:
    case layer_kind::multiply:
    case layer_kind::concat: {
      // Named as the network names it, so that the messages are the same.
      const auto& record = net_[index];
      return detail::try_merge(record.kind, a, b, record.name.empty() ? nullptr : record.name.c_str());
    }
    case layer_kind::center_crop: return try_center_crop(a, layers_[index].crop_target);
    default: break;
  }
  const bool flat_input = net_[net_[index].inputs[0]].flat;
  return detail::visit(layers_[index].applied, [&](auto rules, const auto& given) {
    return rules.template output<F>(a, flat_input, given);
  });
}

template <layout L, std::size_t Capacity, framework F>
constexpr void shape_program<L, Capacity, F>::fill_derived(shapes& out, std::size_t end) const noexcept {
  for (std::size_t k = 0; k < second_count_ && second_[k] < end; ++k) {
    const auto& step = steps_[second_[k]];
    auto& row = out.rows_[second_[k]];
    row = out.rows_[step.extents_from];
    row.channels = step.channels;
  }
  out.count_ = end;
}

/// Every record through the shape functions, in order: for extents so large
/// that a layer which keeps them would overflow its pads.
template <layout L, std::size_t Capacity, framework F>
constexpr error_info shape_program<L, Capacity, F>::careful_run(shapes& out) const noexcept {
  for (std::size_t i = 1; i < net_.size(); ++i) {
    const auto& record = net_[i];
    const result<shape<L>> r = apply(i, out[record.inputs[0]], out[record.inputs[1]]);
    if (!r) return in_layer(r.error(), i);
    out.set(i, *r);
    out.count_ = i + 1;
  }
  return detail::ok;
}

/// Record i by its step's fast form, when the form holds for this input.
template <layout L, std::size_t Capacity, framework F>
constexpr auto shape_program<L, Capacity, F>::replay_fast(std::size_t i, std::int64_t batch, shapes& out) const noexcept
    -> replayed {
  constexpr std::size_t n = spatial_rank;
  const detail::replay_step<n>& step = steps_[i];
  const auto& x = out.rows_[step.inputs[0]];
  // Extents are read and written element by element: a 16-byte load of
  // two 8-byte halves stored a moment ago waits for both to drain.
  per_dim<n> spatial{};
  bool fast = true;
  switch (step.how) {
    case detail::replay::window:
      for (std::size_t d = 0; d < n; ++d) {
        const detail::extent_rule& rule = step.rules[d];
        const std::int64_t in = x.spatial[d];
        const std::int64_t room = in <= rule.limit ? in + rule.offset : -1;  // in + offset cannot overflow
        fast = fast && room >= 0;
        spatial.values[d] = (rule.shift >= 0 ? room >> rule.shift : room / rule.stride) + 1;
      }
      break;
    case detail::replay::ones: spatial = 1; break;
    case detail::replay::check:
      for (std::size_t d = 0; d < n; ++d) fast = fast && x.spatial[d] == out.rows_[step.inputs[1]].spatial[d];
      return fast ? replayed::elsewhere : replayed::no;
    case detail::replay::copy: out.rows_[i] = x; return replayed::elsewhere;
    case detail::replay::flatten: {
      std::int64_t features = step.channels;
      for (std::size_t d = 0; d < n; ++d) fast = fast && detail::mul(features, x.spatial[d], features);
      if (!fast) return replayed::no;
      out.set(i, shape<L>{batch, features, 1});
      return replayed::elsewhere;
    }
    case detail::replay::dense:
      fast = x.channels == layers_[i].applied.dense.in_features;
      spatial = 1;
      break;
    case detail::replay::derived:
    case detail::replay::general: return replayed::no;
  }
  if (!fast) return replayed::no;
  // The batch and the spatial extents follow the input; the channels are
  // those checked on the reference input.
  out.set(i, shape<L>{batch, step.channels, spatial});
  return replayed::row;
}

template <layout L, std::size_t Capacity, framework F>
constexpr error_info shape_program<L, Capacity, F>::try_run(const shape<L>& input, shapes& out) const noexcept {
  out.count_ = 0;
  if (auto e = detail::check_extents(input, "shape_program input")) return e;
  if (input.channels_ != net_[0].output.channels_) {
    error_info e{errc::shapes_differ};
    e.message << "shape_program input: built for " << net_[0].output.channels_ << " channels, got "
              << input.channels_;
    return e;
  }
  out.set(0, input);
  out.count_ = 1;
  if (beyond_kept(out, 0)) return careful_run(out);

  for (std::size_t k = 0; k < first_count_; ++k) {
    const std::size_t i = first_[k];
    const replayed how = replay_fast(i, input.batch_, out);
    if (how == replayed::elsewhere) continue;
    if (how == replayed::no) {
      // The shape functions decide: the exact shape, or the exact error.
      const auto& record = net_[i];
      const result<shape<L>> r = apply(i, shape_of(out, record.inputs[0]), shape_of(out, record.inputs[1]));
      if (!r) {
        fill_derived(out, i);
        return in_layer(r.error(), i);
      }
      out.set(i, *r);
    }
    if (beyond_kept(out, i)) {
      fill_derived(out, i);
      return careful_run(out);
    }
  }
  fill_derived(out, net_.size());
  return detail::ok;
}

}  // namespace convshape
