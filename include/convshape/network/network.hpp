// convshape: whole networks at compile time, with per-layer figures.
//
// A network records every layer it applies: its output shape, parameters,
// multiply-accumulates and receptive field. Branching networks are ordinary
// constexpr code over tensor handles; a chain of layers is `sequential`.
//
//   constexpr auto net = cs::sequential(cs::nchw(1, 1, 32, 32),
//                                       cs::conv2d({.filters = 6, .kernel = 5}, "c1"),
//                                       cs::avg_pool2d({.window = 2}, "s2"), ...);
//   static_assert(net.at("s2").output == cs::nchw(1, 6, 14, 14));
//   std::array<float, net.peak_activation()> arena;
#pragma once

#include <cstddef>
#include <cstdint>

#include "../core/detail/checked.hpp"
#include "../core/detail/indices.hpp"
#include "../core/detail/message.hpp"
#include "../core/receptive_field.hpp"
#include "../layers/merge.hpp"
#include "layer.hpp"

namespace convshape {

namespace detail {

/// The length of a name; 0 for none.
constexpr std::size_t length_of(const char* literal) noexcept {
  if (literal == nullptr) return 0;
  // The builtin, where the compiler evaluates it: in constant evaluation a
  // loop is a step per character. clang++ evaluates it on any array; g++ on
  // a string literal, not on an array built in constant evaluation (a name
  // composed with append), which __builtin_constant_p tells apart; nvcc's
  // front end on none.
#if defined(__clang__)
  return __builtin_strlen(literal);
#elif !defined(__CUDACC__)
  if (!__builtin_is_constant_evaluated() || __builtin_constant_p(__builtin_strlen(literal)))
    return __builtin_strlen(literal);
#endif
  std::size_t chars = 0;
  while (literal[chars] != '\0') ++chars;
  return chars;
}

}  // namespace detail

template <layout L, std::size_t Capacity, framework F>
class network;  // which builds layer_name from the private constructor below

/// A layer's name as a network keeps it: a copy, so that names composed in
/// constexpr code ("layer3.4.conv2") need not outlive the call that records
/// them. Up to 127 characters, which the names that exporters write fit
/// (ONNX tensor names such as "/features/features.1/features.1.0/block/
/// block.1/avgpool/GlobalAveragePool_output_0"); more are cut off.
struct layer_name {
  static constexpr std::size_t capacity = 128;
  char text[capacity]{};
  std::size_t length = 0;

  constexpr layer_name() noexcept = default;
  constexpr layer_name(const char* literal) noexcept { append(literal); }  // NOLINT: names are written as literals

  constexpr layer_name& append(const char* s) noexcept {
    std::size_t chars = detail::length_of(s);
    if (chars > capacity - 1 - length) chars = capacity - 1 - length;
#if defined(__clang__)
    // clang++ copies in one step what a loop copies in a step per character.
    if (chars != 0) __builtin_memcpy(text + length, s, chars);
#else
    for (std::size_t at = 0; at < chars; ++at) text[length + at] = s[at];
#endif
    length += chars;
    return *this;
  }
  constexpr layer_name& append(std::int64_t v) noexcept {
    detail::append_decimal(text, length, capacity, v);
    return *this;
  }
  constexpr const char* c_str() const noexcept { return text; }
  constexpr bool empty() const noexcept { return length == 0; }
  friend constexpr bool operator==(const layer_name& a, const layer_name& b) noexcept {
    if (a.length != b.length) return false;
    for (std::size_t i = 0; i < a.length; ++i)
      if (a.text[i] != b.text[i]) return false;
    return true;
  }
 private:
  template <layout, std::size_t, framework>
  friend class network;
  // The first `chars` characters of `literal`, as the initializers of
  // `text` (the rest are zeros): see network::name_of.
  template <std::size_t... I>
  constexpr layer_name(const char* literal, std::size_t chars, detail::indices<I...>) noexcept
      : text{(I < chars ? literal[I] : '\0')...}, length(chars) {}
};

/// What a network knows of one of its layers (record 0 is the input).
template <layout L>
struct layer_record {
  static constexpr std::size_t spatial_rank = convshape::spatial_rank(L);

  layer_name name{};
  layer_kind kind = layer_kind::input;
  /// After flatten or dense, (batch, features, 1, ...): a dense layer is a
  /// 1x1 convolution on a 1x1 map. `flat` tells the two apart.
  shape<L> output{};
  bool flat = false;
  std::int64_t params = 0;  ///< weights and biases, as framework F counts them (batch_norm: policy.hpp)
  std::int64_t macs = 0;    ///< multiply-accumulates of the weights; bias additions not counted
  convshape::receptive_field<spatial_rank> receptive_field{};
  std::size_t inputs[2]{};
  std::size_t input_count = 0;
  std::size_t last_use = 0;  ///< the last record that reads this output

  constexpr std::int64_t output_elements() const { return output.element_count(); }
  constexpr flat_shape flat_output() const noexcept { return {output.batch_, output.channels_}; }
};

/// A handle to a layer's output inside one network: pass it to the next layer.
template <layout L>
struct tensor {
  std::size_t index = 0;  ///< the record that produced it
  convshape::shape<L> shape{};
  bool flat = false;
};

namespace detail {

/// "layer 7 'conv3' (conv): " before the layer's own message.
constexpr error_info in_layer(const error_info& inner, std::size_t index, layer_kind kind, const char* name) noexcept {
  error_info e{inner.code};
  e.message << "layer " << static_cast<std::int64_t>(index);
  if (name != nullptr) e.message << " '" << name << "'";
  e.message << " (" << convshape::name(kind) << "): " << inner.what();
  return e;
}

/// The shape of a merge of `kind`: add, multiply or concat.
template <layout L>
constexpr result<shape<L>> try_merge(layer_kind kind, const shape<L>& a, const shape<L>& b,
                                     const char* name = nullptr) noexcept {
  switch (kind) {
    case layer_kind::add: return try_add(a, b, name);
    case layer_kind::multiply: return try_multiply(a, b, name);
    default: break;
  }
  return try_concat(a, b, name);
}

/// The same, of two valid shapes, into `out`: false, with `error` filled, if
/// they do not merge.
template <layout L>
constexpr bool merge_into(layer_kind kind, const shape<L>& a, const shape<L>& b, const char* name, shape<L>& out,
                          error_info& error) noexcept {
  switch (kind) {
    case layer_kind::add: return add_into(a, b, name, out, error);
    case layer_kind::multiply: return multiply_into(a, b, name, out, error);
    default: break;
  }
  return concat_into(a, b, name, out, error);
}

/// Applies `l` to the last record of a sequential network (defined below).
template <class Network, std::size_t N>
constexpr void sequential_layer(Network& net, std::size_t index, const layer<N>& l, error_info& error);

}  // namespace detail

/// Asks a network to keep its first error instead of raising it: each
/// failing step leaves the network unchanged, the steps after it do nothing,
/// and error() says what failed. What a checked spelling needs (cs::ok in
/// checked.hpp), since a compile error can show the message only of an error
/// that the computation returns.
struct defer_errors_t {
  explicit defer_errors_t() = default;
};
inline constexpr defer_errors_t defer_errors{};

/// A network of at most Capacity records (the input and every layer), whose
/// layers follow framework F's conventions.
template <layout L, std::size_t Capacity, framework F = generic>
class network {
 public:
  static constexpr std::size_t spatial_rank = convshape::spatial_rank(L);
  static constexpr std::size_t capacity = Capacity;
  using record = layer_record<L>;

  constexpr explicit network(const shape<L>& input) : network(input, defer_errors) {
    defers_errors_ = false;
    raise_kept_error();
  }

  /// A network that keeps its first error (defer_errors_t), its input's included.
  constexpr network(const shape<L>& input, defer_errors_t) : defers_errors_(true) {
    static_assert(Capacity >= 1, "a network holds at least its input");
    records_[0].name = "input";
    size_ = 1;
    if (auto e = detail::check_extents(input, "network input")) {
      error_ = e;
    } else {
      records_[0].output = input;
    }
  }

  constexpr tensor<L> input() const noexcept { return handle(0); }

  /// Applies `l` to `x`: a compile error in constant evaluation, a
  /// shape_error at run time, whose message names the layer's index and name.
  constexpr tensor<L> operator()(const tensor<L>& x, const layer<spatial_rank>& l) {
    if (error_) return x;
    error_info error;
    if (!apply(x, l, error)) return failed(error, x);
    return handle(size_ - 1);
  }
  constexpr tensor<L> add(const tensor<L>& a, const tensor<L>& b, const char* name = nullptr) {
    return merged(layer_kind::add, a, b, name);
  }
  /// Elementwise product, broadcasting an extent of 1 (try_multiply).
  constexpr tensor<L> multiply(const tensor<L>& a, const tensor<L>& b, const char* name = nullptr) {
    return merged(layer_kind::multiply, a, b, name);
  }
  constexpr tensor<L> concat(const tensor<L>& a, const tensor<L>& b, const char* name = nullptr) {
    return merged(layer_kind::concat, a, b, name);
  }
  constexpr tensor<L> center_crop(const tensor<L>& x, const per_dim<spatial_rank>& target, const char* name = nullptr) {
    if (error_) return x;
    const auto cropped = try_center_crop(x, target, name);
    if (!cropped) return failed(cropped.error(), x);
    return *cropped;
  }

  /// The non-throwing forms: the network is unchanged when they fail (and
  /// a network that kept an error returns it).
  constexpr result<tensor<L>> try_apply(const tensor<L>& x, const layer<spatial_rank>& l) noexcept {
    if (error_) return error_;
    error_info error;
    if (!apply(x, l, error)) return error;
    return handle(size_ - 1);
  }
  constexpr result<tensor<L>> try_merge(layer_kind kind, const tensor<L>& a, const tensor<L>& b,
                                        const char* name = nullptr) noexcept;
  constexpr result<tensor<L>> try_center_crop(const tensor<L>& x, const per_dim<spatial_rank>& target,
                                              const char* name = nullptr) noexcept;

  // Reading the records.
  constexpr std::size_t size() const noexcept { return size_; }
  constexpr const record& operator[](std::size_t i) const noexcept { return records_[i]; }
  constexpr const record* begin() const noexcept { return records_; }
  constexpr const record* end() const noexcept { return records_ + size_; }
  constexpr const record& back() const {
    raise_kept_error();
    return records_[size_ - 1];
  }
  /// The last layer's output shape.
  constexpr const shape<L>& output() const { return back().output; }
  /// The first error of a network that defers its errors; none otherwise.
  constexpr const error_info& error() const noexcept { return error_; }

  /// The index of the layer named `name`; raises errc::no_such_layer if none is.
  constexpr std::size_t index_of(const char* name) const { return try_index_of(name).value(); }
  /// The same without raising; the kept error of a network that failed.
  constexpr result<std::size_t> try_index_of(const char* name) const noexcept {
    if (error_) return error_;
    for (std::size_t i = 0; i < size_; ++i)
      if (records_[i].name == layer_name(name)) return i;
    error_info e{errc::no_such_layer};
    e.message << "network: no layer is named '" << (name == nullptr ? "" : name) << "'";
    return e;
  }
  constexpr const record& at(const char* name) const { return records_[index_of(name)]; }

  // Whole-network figures; each raises on int64 overflow.
  constexpr std::int64_t params() const { return sum(false); }
  constexpr std::int64_t macs() const { return sum(true); }
  /// Elements of every layer's output, the input excluded: what training
  /// keeps for the backward pass.
  constexpr std::int64_t total_activation() const;
  /// The largest single tensor, the input included.
  constexpr std::int64_t largest_activation() const;
  /// The most elements alive at once when the layers run in order and each
  /// output is freed after its last reader: the arena a static-memory
  /// inference engine needs without in-place reuse.
  constexpr std::int64_t peak_activation() const;

 private:
  record records_[Capacity]{};
  std::size_t size_ = 0;
  bool defers_errors_ = false;
  error_info error_{};

  constexpr tensor<L> handle(std::size_t i) const noexcept { return {i, records_[i].output, records_[i].flat}; }

  /// The copy of a layer's name that its record keeps. clang++ copies it
  /// with memcpy (layer_name::append). g++ evaluates each store into an
  /// array as several times the work of an initializer in a list, so there
  /// the name is the initializer list of the array, as long as one of a few
  /// lengths. A member of the network, a template, so that only a program
  /// that builds a network has those lists instantiated.
  static constexpr layer_name name_of(const char* literal) noexcept {
#if defined(__clang__)
    return layer_name(literal);
#else
    const std::size_t chars = detail::length_of(literal);
    if (chars <= 32) return layer_name(literal, chars, detail::make_indices<32>{});
    if (chars <= 64) return layer_name(literal, chars, detail::make_indices<64>{});
    constexpr std::size_t most = layer_name::capacity - 1;
    return layer_name(literal, chars < most ? chars : most, detail::make_indices<most>{});
#endif
  }

  /// A merge, raising if it fails: written as operator() is, without the
  /// result that try_merge returns, since constant evaluation would build and
  /// copy its error_info on every merge.
  constexpr tensor<L> merged(layer_kind kind, const tensor<L>& a, const tensor<L>& b, const char* name) {
    if (error_) return a;
    error_info error;
    if (!merge(kind, a, b, name, error)) return failed(error, a);
    return handle(size_ - 1);
  }

  /// A step failed: raises `error`, or keeps it if this network defers its
  /// errors and returns `x`, which the steps after it ignore.
  constexpr tensor<L> failed(const error_info& error, const tensor<L>& x) {
    if (!defers_errors_) detail::raise(error);
    error_ = error;
    return x;
  }
  /// Raises the kept error: a network that failed has no output or totals.
  constexpr void raise_kept_error() const {
    if (error_) detail::raise(error_);
  }

  /// total + more, raising errc::overflow naming `what` if it does not fit.
  static constexpr std::int64_t plus(std::int64_t total, std::int64_t more, const char* what) {
    if (!detail::add(total, more, total)) {
      error_info e{errc::overflow};
      e.message << "network: " << what << " overflows int64";
      detail::raise(e);
    }
    return total;
  }

  /// The total of every record's params, or macs. In constant evaluation a
  /// call costs several times a comparison, and g++ reads a member through a
  /// pointer to member as slowly as a call: the field is chosen by a
  /// condition and the overflow test is written out, on every record.
  constexpr std::int64_t sum(bool of_macs) const {
    raise_kept_error();
    std::int64_t total = 0;
    for (std::size_t i = 0; i < size_; ++i) {
      const std::int64_t more = of_macs ? records_[i].macs : records_[i].params;
      if ((more > 0 && total > detail::int64_max - more) || (more < 0 && total < detail::int64_min - more))
        return plus(total, more, "a total");  // raises
      total += more;
    }
    return total;
  }

  constexpr error_info in_layer(const error_info& inner, layer_kind kind, const char* name) const noexcept {
    return detail::in_layer(inner, size_, kind, name);
  }

  /// Records `l` applied to `x`: false, with `error` filled and the network
  /// unchanged, if it cannot apply. A sequential network applies each layer
  /// to its last record, whose handle it need not check: the check compares
  /// shapes, on every layer, for a handle that is right by construction.
  constexpr bool apply(const tensor<L>& x, const layer<spatial_rank>& l, error_info& error,
                       bool from_here = false) noexcept;
  /// Records `a` and `b` merged by `kind` (add, multiply or concat): false,
  /// with `error` filled and the network unchanged, if they do not merge.
  constexpr bool merge(layer_kind kind, const tensor<L>& a, const tensor<L>& b, const char* name,
                       error_info& error) noexcept;
  template <class Network, std::size_t N>
  friend constexpr void detail::sequential_layer(Network& net, std::size_t index, const layer<N>& l,
                                                 error_info& error);

  /// Whether a layer of `kind`, which takes inputs of rank `takes`, can read `x` and be recorded; false, with
  /// `error` filled, if not. `from_here`: `x` is known to be this network's.
  constexpr bool check_handle(const tensor<L>& x, layer_kind kind, detail::input_rank takes, const char* name,
                              error_info& error, bool from_here = false) const noexcept {
    // Every layer of every network comes through here, and constant
    // evaluation charges for each call and object: the tests first, as
    // comparisons, and the message only when one fails.
    if (size_ < Capacity && (from_here || (x.index < size_ && records_[x.index].flat == x.flat &&
                                           records_[x.index].output == x.shape))) {
      if (takes == detail::input_rank::any || x.flat == (takes == detail::input_rank::flat)) return true;
    }
    return handle_error(x, kind, takes, name, error, from_here);
  }
  /// check_handle's message, when it fails.
  constexpr bool handle_error(const tensor<L>& x, layer_kind kind, detail::input_rank takes, const char* name,
                              error_info& error, bool from_here) const noexcept {
    const auto fail = [&](errc error_code) -> detail::message_buffer& {
      error = error_info{error_code};
      return error.message;
    };
    if (size_ == Capacity) {
      fail(errc::capacity_exceeded) << "the network holds at most " << static_cast<std::int64_t>(Capacity)
                                    << " records";
    } else if (!from_here &&
               (x.index >= size_ || records_[x.index].output != x.shape || records_[x.index].flat != x.flat)) {
      fail(errc::no_such_layer) << "the input tensor does not come from this network";
    } else if (x.flat && takes == detail::input_rank::spatial) {
      fail(errc::wrong_rank) << "needs a spatial input, got the flattened output of layer "
                             << static_cast<std::int64_t>(x.index);
    } else {
      fail(errc::wrong_rank) << "needs a flattened input, got " << x.shape << ": add flatten before it";
    }
    error = in_layer(error, kind, name);
    return false;
  }
};

template <layout L, std::size_t Capacity, framework F>
constexpr bool network<L, Capacity, F>::apply(const tensor<L>& x, const layer<spatial_rank>& l, error_info& error,
                                              bool from_here) noexcept {
  if (!check_handle(x, l.kind, detail::input_of(l.kind), l.name, error, from_here)) return false;
  // The unused slot, as value-initialized: copying it costs clang++ less
  // than building a record, and writing a local costs g++ less than writing
  // into the array. It reaches the layer's rules as a copy of its input's
  // record, and leaves as the layer's own. The rules skip the input's check:
  // a record's shape is valid.
  record r = records_[size_];
  if (l.name != nullptr) r.name = name_of(l.name);
  r.kind = l.kind;
  r.output = x.shape;
  r.flat = x.flat;
  r.receptive_field = records_[x.index].receptive_field;
  if (!detail::apply_rules<F>(l, r, error)) {
    error = in_layer(error, l.kind, l.name);
    return false;
  }
  // The inputs written out, not walked as a list, which constant
  // evaluation would build on every layer.
  r.inputs[0] = x.index;
  r.input_count = 1;
  r.last_use = size_;
  records_[x.index].last_use = size_;
  records_[size_++] = r;
  return true;
}

template <layout L, std::size_t Capacity, framework F>
constexpr result<tensor<L>> network<L, Capacity, F>::try_merge(layer_kind kind, const tensor<L>& a,
                                                               const tensor<L>& b, const char* name) noexcept {
  if (error_) return error_;
  if (kind != layer_kind::add && kind != layer_kind::multiply && kind != layer_kind::concat) {
    error_info e{errc::wrong_rank};
    e.message << "merges only add, multiply or concat";
    return in_layer(e, kind, name);
  }
  error_info error;
  if (!merge(kind, a, b, name, error)) return error;
  return handle(size_ - 1);
}

template <layout L, std::size_t Capacity, framework F>
constexpr bool network<L, Capacity, F>::merge(layer_kind kind, const tensor<L>& a, const tensor<L>& b,
                                              const char* name, error_info& error) noexcept {
  if (!(check_handle(a, kind, detail::input_rank::spatial, name, error) &&
        check_handle(b, kind, detail::input_rank::spatial, name, error)))
    return false;
  // Built as apply() builds a record, from the unused slot; the inputs are
  // records, whose shapes are valid.
  record r = records_[size_];
  if (!detail::merge_into(kind, a.shape, b.shape, name, r.output, error)) {
    error = in_layer(error, kind, name);
    return false;
  }
  if (name != nullptr) r.name = name_of(name);
  r.kind = kind;
  r.receptive_field = records_[a.index].receptive_field;
  detail::through_merge(r.receptive_field, records_[b.index].receptive_field);
  r.inputs[0] = a.index;
  r.inputs[1] = b.index;
  r.input_count = 2;
  r.last_use = size_;
  records_[a.index].last_use = size_;
  records_[b.index].last_use = size_;
  records_[size_++] = r;
  return true;
}

template <layout L, std::size_t Capacity, framework F>
constexpr result<tensor<L>> network<L, Capacity, F>::try_center_crop(const tensor<L>& x,
                                                                     const per_dim<spatial_rank>& target,
                                                                     const char* name) noexcept {
  if (error_) return error_;
  error_info error;
  if (!check_handle(x, layer_kind::center_crop, detail::input_rank::spatial, name, error)) return error;
  const auto cropped = convshape::try_center_crop(x.shape, target);
  if (!cropped) return in_layer(cropped.error(), layer_kind::center_crop, name);
  per_dim<spatial_rank> offset{};
  for (std::size_t i = 0; i < spatial_rank; ++i) offset.values[i] = center_crop_offset(x.shape.spatial_[i], target[i]);
  record r{name, layer_kind::center_crop, *cropped};
  r.receptive_field = detail::through_crop(records_[x.index].receptive_field, offset);
  r.inputs[0] = x.index;
  r.input_count = 1;
  r.last_use = size_;
  records_[x.index].last_use = size_;
  records_[size_] = r;
  return handle(size_++);
}

template <layout L, std::size_t Capacity, framework F>
constexpr std::int64_t network<L, Capacity, F>::total_activation() const {
  raise_kept_error();
  std::int64_t total = 0;
  for (std::size_t i = 1; i < size_; ++i) total = plus(total, records_[i].output_elements(), "total activation");
  return total;
}

template <layout L, std::size_t Capacity, framework F>
constexpr std::int64_t network<L, Capacity, F>::largest_activation() const {
  raise_kept_error();
  std::int64_t largest = 0;
  for (std::size_t i = 0; i < size_; ++i) {
    const std::int64_t n = records_[i].output_elements();
    if (n > largest) largest = n;
  }
  return largest;
}

template <layout L, std::size_t Capacity, framework F>
constexpr std::int64_t network<L, Capacity, F>::peak_activation() const {
  raise_kept_error();
  // freed[t]: the elements whose last reader is record t.
  std::int64_t freed[Capacity]{};
  for (std::size_t i = 0; i < size_; ++i) {
    std::int64_t& slot = freed[records_[i].last_use];
    slot = plus(slot, records_[i].output_elements(), "peak activation");
  }
  std::int64_t alive = 0, peak = 0;
  for (std::size_t t = 0; t < size_; ++t) {
    // While record t runs, its inputs and its output are alive together.
    alive = plus(alive, records_[t].output_elements(), "peak activation");
    if (alive > peak) peak = alive;
    alive -= freed[t];
  }
  return peak;
}

namespace detail {

/// One layer of a sequential network. In constant evaluation the compiler's
/// trace of a failing layer shows this call with the layer's index.
template <class Network, std::size_t N>
constexpr void sequential_layer(Network& net, std::size_t index, const layer<N>& l, error_info& error) {
  (void)index;
  if (!net.apply(net.handle(net.size_ - 1), l, error, true)) raise(error);
}

}  // namespace detail

/// A chain of layers from `input`: every layer's output at compile time.
/// A failing layer is a compile error, with its index in the compiler's trace
/// (g++: in chains of up to 64 layers), or a shape_error naming its index and
/// name.
template <framework F = generic, layout L, std::size_t K>
constexpr network<L, K + 1, F> sequential(const shape<L>& input, const layer<spatial_rank(L)> (&layers)[K]) {
  network<L, K + 1, F> net(input);
  // One error_info for the chain, not one for each layer: a layer writes it
  // only when it fails, and the chain stops there.
  error_info error;
#if defined(__clang__)
  // clang++ prints argument values in its trace, so the loop shows the index.
  constexpr bool unrolled = false;
#else
  // g++ prints argument expressions: a fold makes each index a constant. Its
  // front end walks the nested expression once per element, so a fold's cost
  // per layer grows with the chain's length; long chains loop.
  constexpr bool unrolled = K <= 64;
#endif
  if constexpr (unrolled) {
    [&]<std::size_t... I>(detail::indices<I...>) {
      (detail::sequential_layer(net, I + 1, layers[I], error), ...);
    }(detail::make_indices<K>{});
  } else {
    for (std::size_t i = 0; i < K; ++i) detail::sequential_layer(net, i + 1, layers[i], error);
  }
  return net;
}

namespace detail {

// A layer value as a layer<N>. Written `layer<N>(x)` in sequential's pack
// expansion, each element would be an expression of its own, choosing among
// all of layer<N>'s constructors (one or more a kind of layer): each
// candidate cost g++ 25k instructions an element. Through these functions
// the choice is made once, where each is instantiated.
template <std::size_t N>
constexpr layer<N> as_layer(const layer<N>& l) noexcept {
  return l;
}
template <std::size_t N>
constexpr layer<N> as_layer(const rankless_layer& l) noexcept {
  return l;
}

}  // namespace detail

template <framework F = generic, layout L, class... Layers>
  requires(sizeof...(Layers) > 0)
constexpr network<L, sizeof...(Layers) + 1, F> sequential(const shape<L>& input, const Layers&... layers) {
  const layer<spatial_rank(L)> list[] = {detail::as_layer<spatial_rank(L)>(layers)...};
  return sequential<F>(input, list);
}

/// The same chains in a network that defers its errors (defer_errors_t): the
/// first failing layer's error is kept, for cs::ok.
template <framework F = generic, layout L, std::size_t K>
constexpr network<L, K + 1, F> sequential(defer_errors_t, const shape<L>& input,
                                          const layer<spatial_rank(L)> (&layers)[K]) {
  network<L, K + 1, F> net(input, defer_errors);
  tensor<L> x = net.input();
  for (std::size_t i = 0; i < K; ++i) x = net(x, layers[i]);
  return net;
}

template <framework F = generic, layout L, class... Layers>
  requires(sizeof...(Layers) > 0)
constexpr network<L, sizeof...(Layers) + 1, F> sequential(defer_errors_t, const shape<L>& input,
                                                          const Layers&... layers) {
  const layer<spatial_rank(L)> list[] = {detail::as_layer<spatial_rank(L)>(layers)...};
  return sequential<F>(defer_errors, input, list);
}

}  // namespace convshape
