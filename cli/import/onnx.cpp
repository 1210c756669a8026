// convshape import: ONNX models, read with ONNX's own classes (cli/onnx/),
// mapped node by node to convshape layers. The shape arithmetic that
// exporters write (Shape, Gather, Concat of sizes...) is evaluated while
// mapping, with the dims the library computes for the data tensors.
#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <numeric>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "onnx/constant.hpp"
#include "onnx/graph.hpp"
#include "readers.hpp"
#include "report.hpp"

namespace convshape::cli {
namespace {

namespace ox = convshape::cli::onnx;

/// The steps of a layer normalization over the channels written out as
/// PyTorch exports it below opset 17 (and as ConvNeXt's reference code
/// writes it): mean = ReduceMean(x), centered = x - mean, squared =
/// centered ^ 2, variance = ReduceMean(squared), shifted = variance +
/// epsilon, deviation = Sqrt(shifted), normalized = centered / deviation,
/// scaled = normalized * scale; scaled + shift is the layer_norm's output.
enum class norm_stage { mean, centered, squared, variance, shifted, deviation, normalized, scaled };

const char* stage_name(norm_stage s) {
  switch (s) {
    case norm_stage::mean: return "the mean over the channels";
    case norm_stage::centered: return "the input less that mean";
    case norm_stage::squared: return "its square";
    case norm_stage::variance: return "the variance over the channels";
    case norm_stage::shifted: return "the variance plus epsilon";
    case norm_stage::deviation: return "the standard deviation";
    case norm_stage::normalized: return "the normalized input";
    case norm_stage::scaled: return "the normalized input times a scale";
  }
  return "?";
}

constexpr const char* norm_pattern =
    "convshape maps a normalization over the channels written out only whole, as one layer_norm: ReduceMean over "
    "the channels (keepdims), Sub of that mean, Pow 2, ReduceMean, Add epsilon, Sqrt, Div, then Mul by a scale and "
    "Add a shift, each one value per channel";

/// What a tensor name stands for while mapping.
struct value {
  /// channel_groups: a map whose channels a Reshape split into (groups,
  /// channels / groups), maybe transposed since; the one thing done to it is
  /// to reshape it back, which is a channel shuffle when it was transposed.
  /// view: a record's tensor (a flat one, or a map whose spatial extents are
  /// all 1) with 1-extents added or removed at its end, to a rank that no
  /// record of the network has (Squeeze or Unsqueeze one axis at a time);
  /// the one thing done to it is to reshape it further. channel_norm: a step
  /// of a layer normalization over the channels written out (norm_stage),
  /// which becomes one layer_norm record when the last step is reached.
  enum class kind { data, constant, weight, channel_groups, view, channel_norm } what = kind::data;
  std::size_t step = 0;                  ///< but constant, weight: the record (channel_norm: the normalized input's)
  std::vector<std::size_t> order;        ///< data, channel_norm: the model's axes as indices into the record's
                                         ///< memory order
  ox::tensor constant;                   ///< constant: its values
  std::vector<std::int64_t> dims;        ///< weight, channel_groups, view, channel_norm: the dims
  std::int64_t groups = 0;               ///< channel_groups: how many groups the channels were split into
  bool swapped = false;                  ///< channel_groups: the group axis and the one within were transposed
  norm_stage stage = norm_stage::mean;   ///< channel_norm: the step
  std::string mean;                      ///< channel_norm: the mean's tensor, which every later step derives from
  std::string origin;                    ///< view, channel_norm: the node that began it, for messages
};

template <std::size_t N>
class onnx_mapper {
 public:
  static constexpr layout first = N == 1 ? layout::ncw : N == 2 ? layout::nchw : layout::ncdhw;
  using network_type = network<first, max_records, framework::onnx>;

  onnx_mapper(const ox::model& m, std::vector<std::int64_t> input, const std::string& input_name)
      : m_(m), net_(std::make_unique<network_type>(to_shape(input))) {
    model_.conventions = framework::onnx;
    model_.memory_layout = first;
    model_.input = input;
    model_.steps.push_back({input_name, "the input", join::layer, layer<N>(activation()), {}, {}});
    handles_.push_back(net_->input());
    values_[input_name] = data_value(0);
    for (const ox::stored_tensor& t : m.initializers) {
      value v;
      if (t.value) {
        v.what = value::kind::constant;
        v.constant = *t.value;
      } else {
        v.what = value::kind::weight;
        v.dims = t.dims;
      }
      values_[t.name] = std::move(v);
    }
  }

  imported_model<N> take() { return std::move(model_); }

  void map(const ox::node& n) {
    const std::string& op = n.op_type;
    // Every node's first output names what it computes (a record, a folded tensor).
    if (n.outputs.empty() || n.outputs[0].empty()) n.fail("has no output");
    if (all_constant(n) && ox::can_evaluate(op)) return fold(n);
    if (op == "Shape") return define(n, constant_of(ox::shape_of(n, dims_of_any(n, 0), m_.opset)));
    if (reads(n, value::kind::channel_norm)) return normalization_step(n);
    if (op == "Conv") return conv(n);
    if (op == "ConvTranspose") return conv_transpose(n);
    if (op == "MaxPool" || op == "AveragePool") return pool(n);
    if (op == "GlobalAveragePool") return emit(n, data(n, 0), global_avg_pool());
    if (op == "GlobalMaxPool") return emit(n, data(n, 0), global_max_pool());
    if (op == "BatchNormalization") return emit(n, data(n, 0), batch_norm());
    if (op == "LayerNormalization") return layer_normalization(n);
    if (is_unary(op)) return emit(n, data(n, 0), activation());
    if (op == "Add" || op == "Sub" || op == "Mul" || op == "Div") return binary(n);
    if (op == "Concat") return concat(n);
    if (op == "Flatten") return flatten_node(n);
    if (op == "Squeeze" || op == "Unsqueeze") return squeeze(n);
    if (op == "Split") return split(n);
    if (op == "Pow") return power(n);
    if (op == "Gemm") return gemm(n);
    if (op == "MatMul") return matmul(n);
    if (op == "Pad") return pad_node(n);
    if (op == "Resize" || op == "Upsample") return resize_node(n);
    if (op == "ReduceMean" || op == "ReduceMax") return reduce(n);
    if (op == "Transpose") return transpose(n);
    if (op == "Reshape") return reshape(n);
    if (op == "Slice") return slice(n);
    n.fail("convshape has no layer for this op" + std::string(ox::can_evaluate(op) ? " on a data tensor" : ""));
  }

  /// After the last node: every graph output is a tensor that a record (or
  /// the shape arithmetic) computed.
  void finish() const {
    for (const ox::value_info& out : m_.outputs) {
      const auto it = values_.find(out.name);
      if (it == values_.end()) continue;  // the reader checks that something defines it
      const value& v = it->second;
      if (v.what == value::kind::data || v.what == value::kind::constant || v.what == value::kind::weight) continue;
      throw import_error("graph output " + ox::quote_name(out.name) + " is " + pending_text(v) +
                         ", which convshape maps only as part of a larger step");
    }
  }

 private:
  const ox::model& m_;
  imported_model<N> model_;
  std::unique_ptr<network_type> net_;
  std::vector<tensor<first>> handles_;
  std::map<std::string, value, std::less<>> values_;

  static shape<first> to_shape(const std::vector<std::int64_t>& dims) {
    shape<first> s{};
    s.batch_ = dims[0];
    s.channels_ = dims[1];
    for (std::size_t i = 0; i < N; ++i) s.spatial_[i] = dims[2 + i];
    return s;
  }
  static value data_value(std::size_t step, std::vector<std::size_t> order = {}) {
    value v;
    v.step = step;
    v.order = std::move(order);
    return v;
  }
  static value constant_of(ox::tensor t) {
    value v;
    v.what = value::kind::constant;
    v.constant = std::move(t);
    return v;
  }

  static bool is_unary(const std::string& op) {
    static const char* const names[] = {"Relu",     "Sigmoid", "Tanh",    "HardSigmoid", "HardSwish", "LeakyRelu",
                                        "Elu",      "Selu",    "Softplus", "Softsign",   "Erf",       "Exp",
                                        "Log",      "Abs",     "Neg",     "Sqrt",        "Reciprocal", "Floor",
                                        "Ceil",     "Round",   "Identity", "Dropout",    "Clip",      "Softmax",
                                        "LogSoftmax", "Gelu",  "Mish",    "Sign",        "Cast"};
    return std::find(std::begin(names), std::end(names), op) != std::end(names);
  }

  /// Whether one of the node's inputs is of this kind.
  bool reads(const ox::node& n, value::kind what) const {
    for (std::size_t i = 0; i < n.inputs.size(); ++i)
      if (n.has_input(i) && input_value(n, i).what == what) return true;
    return false;
  }

  /// For messages: what a view or a step of a written-out normalization is.
  static std::string pending_text(const value& v) {
    if (v.what == value::kind::view)
      return "a tensor of dims " + ox::listed(v.dims) + " (" + v.origin + " changed its rank)";
    if (v.what == value::kind::channel_norm)
      return std::string(stage_name(v.stage)) + " (dims " + ox::listed(v.dims) + ") of the normalization that " +
             v.origin + " begins";
    if (v.what == value::kind::channel_groups) return "a map with its channels split into groups " + ox::listed(v.dims);
    return "a tensor";
  }

  const value& input_value(const ox::node& n, std::size_t i) const {
    const auto it = values_.find(n.input(i));
    if (it == values_.end()) n.fail("input " + ox::quote_name(n.input(i)) + " is not known");  // the reader checks this
    return it->second;
  }
  bool all_constant(const ox::node& n) const {
    for (std::size_t i = 0; i < n.inputs.size(); ++i)
      if (n.has_input(i) && input_value(n, i).what != value::kind::constant) return false;
    return true;
  }
  /// The i-th input, which must be a data tensor.
  const value& data(const ox::node& n, std::size_t i) const {
    if (!n.has_input(i)) n.fail("input " + std::to_string(i) + " is required");
    const value& v = input_value(n, i);
    if (v.what == value::kind::channel_groups)
      n.fail("input " + ox::quote_name(n.input(i)) + " has its channels split into groups " + ox::listed(v.dims) +
             "; convshape maps that only as a channel shuffle (Reshape, Transpose, Reshape back)");
    if (v.what == value::kind::view)
      n.fail("input " + ox::quote_name(n.input(i)) + " is " + pending_text(v) + "; convshape has no record of rank " +
             std::to_string(v.dims.size()) + " here, and maps it only as a step of a Squeeze, Unsqueeze, Reshape or "
             "Flatten to rank 2 or " + std::to_string(N + 2));
    if (v.what == value::kind::channel_norm)
      n.fail("input " + ox::quote_name(n.input(i)) + " is " + pending_text(v) + "; " + norm_pattern);
    if (v.what != value::kind::data)
      n.fail("input " + ox::quote_name(n.input(i)) + " must be a tensor that a layer computes");
    return v;
  }
  /// The i-th input's values, which must be known while importing.
  const ox::tensor& constant(const ox::node& n, std::size_t i) const {
    const value& v = input_value(n, i);
    if (v.what != value::kind::constant)
      n.fail("input " + ox::quote_name(n.input(i)) + " must be a constant: convshape computes shapes, not values");
    return v.constant;
  }
  std::vector<std::int64_t> ints_of(const ox::node& n, std::size_t i) const {
    const ox::tensor& t = constant(n, i);
    if (!ox::is_integer(t.type)) n.fail("input " + ox::quote_name(n.input(i)) + " must hold integers");
    return t.ints;
  }
  /// A weight's dims, whether its values are in the file or not.
  std::vector<std::int64_t> weight_dims(const ox::node& n, std::size_t i) const {
    const value& v = input_value(n, i);
    if (v.what == value::kind::weight) return v.dims;
    if (v.what == value::kind::constant) return v.constant.dims;
    n.fail("input " + ox::quote_name(n.input(i)) + " must be an initializer");
  }

  /// A data tensor's dims in the model's order of its axes.
  std::vector<std::int64_t> dims_of(const value& v) const {
    const auto& r = (*net_)[v.step];
    std::vector<std::int64_t> memory;
    if (r.flat) {
      memory = {r.output.batch(), r.output.channels()};
    } else {
      for (std::size_t i = 0; i < r.output.rank(); ++i) memory.push_back(r.output[i]);
    }
    if (v.order.empty()) return memory;
    std::vector<std::int64_t> ordered;
    for (const std::size_t axis : v.order) ordered.push_back(memory[axis]);
    return ordered;
  }
  bool flat(const value& v) const { return (*net_)[v.step].flat; }
  /// The dims of the i-th input: a data tensor, one with its channels in
  /// groups, a view, or a step of a normalization written out.
  std::vector<std::int64_t> dims_of_any(const ox::node& n, std::size_t i) const {
    const value& v = input_value(n, i);
    if (v.what == value::kind::channel_groups || v.what == value::kind::view || v.what == value::kind::channel_norm)
      return v.dims;
    return dims_of(data(n, i));
  }
  /// Where the channels (a flat tensor's features) are among the model's axes.
  static std::size_t channel_axis(const value& v) {
    if (v.order.empty()) return 1;
    return static_cast<std::size_t>(std::find(v.order.begin(), v.order.end(), std::size_t{1}) - v.order.begin());
  }

  void define(const ox::node& n, value v) {
    for (std::size_t i = 1; i < n.outputs.size(); ++i)
      if (!n.outputs[i].empty() && !(n.op_type == "Dropout" || n.op_type == "MaxPool"))
        n.fail("has " + std::to_string(n.outputs.size()) + " outputs; convshape maps ops of one");
    if (v.what == value::kind::constant) model_.folded.push_back({n.outputs[0], v.constant.dims});
    if (v.what == value::kind::data) model_.steps[v.step].order = v.order;
    values_[n.outputs[0]] = std::move(v);
  }

  /// A view or a step of a normalization: no record, its dims reported as folded.
  void pending(const ox::node& n, value v) {
    for (std::size_t i = 1; i < n.outputs.size(); ++i)
      if (!n.outputs[i].empty())
        n.fail("has " + std::to_string(n.outputs.size()) + " outputs; convshape maps ops of one");
    model_.folded.push_back({n.outputs[0], v.dims});
    values_[n.outputs[0]] = std::move(v);
  }

  void fold(const ox::node& n) {
    std::vector<const ox::tensor*> inputs;
    for (std::size_t i = 0; i < n.inputs.size(); ++i)
      inputs.push_back(n.has_input(i) ? &input_value(n, i).constant : nullptr);
    define(n, constant_of(ox::evaluate(n, inputs, m_.opset)));
  }

  /// Applies `l` to the data input `x`; the record holds the node's output,
  /// laid out as `x` is unless `order` says otherwise.
  template <class Layer>
  void emit(const ox::node& n, const value& x, const Layer& l, std::optional<std::vector<std::size_t>> order = {}) {
    const std::size_t step = add_step(n, n.outputs[0], join::layer, layer<N>(l), {x.step});
    define(n, data_value(step, order ? *order : x.order));
  }

  std::size_t add_step(const ox::node& n, const std::string& name, join how, const layer<N>& l,
                       std::vector<std::size_t> inputs) {
    model_step<N> step{name, n.describe(), how, l, std::move(inputs), {}};
    if (name.size() >= layer_name::capacity)
      n.fail("output " + ox::quote_name(name) + " has more than the " + std::to_string(layer_name::capacity - 1) +
             " characters a network keeps in a name");
    try {
      const auto at = [&](std::size_t k) { return handles_.at(step.inputs.at(k)); };
      switch (how) {
        case join::layer: {
          layer<N> named = l;
          named.name = step.name.c_str();
          handles_.push_back((*net_)(at(0), named));
          break;
        }
        case join::add: handles_.push_back(net_->add(at(0), at(1), step.name.c_str())); break;
        case join::concat: handles_.push_back(net_->concat(at(0), at(1), step.name.c_str())); break;
        case join::multiply: handles_.push_back(net_->multiply(at(0), at(1), step.name.c_str())); break;
      }
    } catch (const shape_error& e) {
      std::string message = e.what();
      const auto colon = message.find("): ");
      if (message.starts_with("layer ") && colon != std::string::npos) message = message.substr(colon + 3);
      n.fail(message);
    }
    model_.steps.push_back(std::move(step));
    return model_.steps.size() - 1;
  }

  /// A map laid out as the library lays it out: the only one a window slides over.
  const value& map_input(const ox::node& n) const {
    const value& x = data(n, 0);
    if (flat(x)) n.fail("needs a feature map, got a flat tensor");
    if (!x.order.empty()) n.fail("needs its input channels first, as ONNX defines it; this one was transposed");
    return x;
  }

  per_dim<N> spatial(const ox::node& n, const std::vector<std::int64_t>& v, const char* attribute) const {
    if (v.size() != N)
      n.fail(std::string("attribute '") + attribute + "' has " + std::to_string(v.size()) + " values for " +
             std::to_string(N) + " spatial dims");
    per_dim<N> out;
    for (std::size_t i = 0; i < N; ++i) out[i] = v[i];
    return out;
  }
  per_dim<N> spatial_attr(const ox::node& n, const char* attribute, std::int64_t fallback) const {
    return n.has(attribute) ? spatial(n, n.attr_ints(attribute), attribute) : per_dim<N>(fallback);
  }

  /// auto_pad, else pads [x1_begin, x2_begin, ..., x1_end, x2_end, ...].
  padding<N> padding_of(const ox::node& n) const {
    const std::string mode = n.attr_string("auto_pad", "NOTSET");
    if (mode == "SAME_UPPER") return same;
    if (mode == "SAME_LOWER") return same_lower;
    if (mode == "VALID") return valid;
    if (mode != "NOTSET") n.fail("auto_pad '" + mode + "' is not NOTSET, SAME_UPPER, SAME_LOWER or VALID");
    const std::vector<std::int64_t> p = n.attr_ints("pads", std::vector<std::int64_t>(2 * N, 0));
    if (p.size() != 2 * N)
      n.fail("attribute 'pads' has " + std::to_string(p.size()) + " values for " + std::to_string(N) +
             " spatial dims (begins, then ends)");
    per_dim<N> begin, end;
    for (std::size_t i = 0; i < N; ++i) {
      begin[i] = p[i];
      end[i] = p[N + i];
    }
    return pads(begin, end);
  }

  per_dim<N> kernel_of(const ox::node& n, const std::vector<std::int64_t>& w) const {
    if (w.size() != N + 2)
      n.fail("weight of rank " + std::to_string(w.size()) + " for " + std::to_string(N) + " spatial dims");
    if (n.has("kernel_shape")) {
      const per_dim<N> k = spatial(n, n.attr_ints("kernel_shape"), "kernel_shape");
      for (std::size_t i = 0; i < N; ++i)
        if (k[i] != w[2 + i]) n.fail("kernel_shape " + ox::listed(n.attr_ints("kernel_shape")) + " and the weight's dims " + ox::listed(w) + " differ");
      return k;
    }
    return spatial(n, std::vector<std::int64_t>(w.begin() + 2, w.end()), "the weight's dims");
  }

  void conv(const ox::node& n) {
    const value& x = map_input(n);
    const std::vector<std::int64_t> w = weight_dims(n, 1);
    const std::int64_t groups = n.attr_int("group", 1);
    const per_dim<N> kernel = kernel_of(n, w);
    const std::int64_t channels = (*net_)[x.step].output.channels();
    std::int64_t taken = 0;
    if (groups >= 1 && (__builtin_mul_overflow(w[1], groups, &taken) || taken != channels))
      n.fail("the weight's dims " + ox::listed(w) + " take " + std::to_string(w[1]) + " x group " +
             std::to_string(groups) + " input channels, the input has " + std::to_string(channels));
    emit(n, x,
         conv_params<N>{.filters = w[0],
                        .kernel = kernel,
                        .strides = spatial_attr(n, "strides", 1),
                        .padding = padding_of(n),
                        .dilation = spatial_attr(n, "dilations", 1),
                        .groups = groups,
                        .bias = n.has_input(2)});
  }

  void conv_transpose(const ox::node& n) {
    const value& x = map_input(n);
    if (n.has("output_shape")) n.fail("attribute 'output_shape' is not supported: give pads and output_padding");
    const std::vector<std::int64_t> w = weight_dims(n, 1);
    const std::int64_t groups = n.attr_int("group", 1);
    const per_dim<N> kernel = kernel_of(n, w);
    std::int64_t filters = 0;
    if (__builtin_mul_overflow(w[1], groups, &filters))
      n.fail("the weight's dims " + ox::listed(w) + " times group " + std::to_string(groups) + " overflow int64");
    emit(n, x,
         conv_transpose_params<N>{.filters = filters,
                                  .kernel = kernel,
                                  .strides = spatial_attr(n, "strides", 1),
                                  .padding = padding_of(n),
                                  .output_padding = spatial_attr(n, "output_padding", 0),
                                  .dilation = spatial_attr(n, "dilations", 1),
                                  .groups = groups,
                                  .bias = n.has_input(2)});
  }

  void pool(const ox::node& n) {
    const value& x = map_input(n);
    if (n.outputs.size() > 1 && !n.outputs[1].empty()) n.fail("its Indices output is not supported");
    const per_dim<N> window = spatial(n, n.attr_ints("kernel_shape"), "kernel_shape");
    const bool ceil = n.attr_int("ceil_mode", 0) != 0;
    if (n.op_type == "MaxPool") {
      max_pool_params<N> p{.window = window, .padding = padding_of(n), .dilation = spatial_attr(n, "dilations", 1),
                           .ceil_mode = ceil};
      p.strides = spatial_attr(n, "strides", 1);  // ONNX's default is 1, not the window
      return emit(n, x, p);
    }
    avg_pool_params<N> p{.window = window, .padding = padding_of(n), .ceil_mode = ceil};
    p.strides = spatial_attr(n, "strides", 1);
    emit(n, x, p);
  }

  /// A data tensor with a constant: a scalar is an elementwise activation,
  /// one value per channel an affine layer. Two maps: Add is net.add, Mul
  /// net.multiply. Two data tensors one of which is computed from the other
  /// by activations alone (flat ones too, which the merges do not take): an
  /// elementwise activation of the other.
  void binary(const ox::node& n) {
    const value& a = input_value(n, 0);
    const value& b = input_value(n, 1);
    const bool a_data = a.what == value::kind::data, b_data = b.what == value::kind::data;
    if (a_data && b_data) {
      const bool maps = !flat(a) && !flat(b);
      if (maps && n.op_type == "Add") return join_two(n, join::add, a, b, n.outputs[0]);
      if (maps && n.op_type == "Mul") return join_two(n, join::multiply, a, b, n.outputs[0]);
      // x op f(x), f elementwise (x * HardSigmoid(x) is HardSwish, x *
      // (1 + Erf(x / sqrt 2)) GELU's core): an elementwise function of x.
      if (derives_by_activations(b, a)) return emit(n, a, activation());
      if (derives_by_activations(a, b)) return emit(n, b, activation());
      n.fail("convshape has no layer for " + n.op_type + " of two computed tensors (dims " + ox::listed(dims_of(a)) +
             " and " + ox::listed(dims_of(b)) + ")" +
             (maps ? std::string() : ": net.add and net.multiply join feature maps, not flat tensors") +
             "; it maps x " + n.op_type + " f(x), f elementwise, as an activation");
    }
    if (!a_data && !b_data) {  // a view, channels in groups, or no computed tensor: data() says which
      const bool a_known = a.what == value::kind::constant || a.what == value::kind::weight;
      data(n, a_known ? 1 : 0);
    }
    const value& x = a_data ? a : b;
    const value& other = a_data ? b : a;
    const std::vector<std::int64_t> other_dims = other.what == value::kind::constant ? other.constant.dims : other.dims;
    const auto count = ox::element_count(other_dims);
    if (count && *count == 1) return emit(n, x, activation());
    if (per_channel(x, other_dims)) {
      const bool scales = n.op_type == "Mul" || n.op_type == "Div";
      return emit(n, x, affine({.scale = scales, .shift = !scales}));
    }
    n.fail("convshape has no layer for " + n.op_type + " with a constant of dims " + ox::listed(other_dims) +
           " on a tensor of dims " + ox::listed(dims_of(x)) + ": only a scalar or one value per channel");
  }

  /// Whether `later` is `root`, or computed from it by activations alone
  /// (elementwise, shape-keeping records), laid out alike.
  bool derives_by_activations(const value& later, const value& root) const {
    if (later.order != root.order) return false;
    std::size_t step = later.step;
    while (step > root.step) {
      const model_step<N>& s = model_.steps[step];
      if (s.how != join::layer || s.applied.kind != layer_kind::activation) return false;
      step = s.inputs[0];
    }
    return step == root.step;
  }

  /// Pow by one exponent: an elementwise activation.
  void power(const ox::node& n) {
    const value& x = data(n, 0);
    const value& e = input_value(n, 1);
    const std::vector<std::int64_t> dims = e.what == value::kind::constant ? e.constant.dims : e.dims;
    const auto count = ox::element_count(dims);
    if ((e.what != value::kind::constant && e.what != value::kind::weight) || !count || *count != 1)
      n.fail("raises to the power " + ox::quote_name(n.input(1)) + " of dims " +
             ox::listed(e.what == value::kind::constant || e.what == value::kind::weight ? dims : dims_of_any(n, 1)) +
             "; convshape maps Pow by one constant exponent, an elementwise activation");
    emit(n, x, activation());
  }

  /// Whether `other`, broadcast against the data tensor `x`, holds one value
  /// per channel of `x`: its channels' dim at their axis and 1 elsewhere.
  bool per_channel(const value& x, const std::vector<std::int64_t>& other) const {
    const std::vector<std::int64_t> dims = dims_of(x);
    if (other.size() > dims.size()) return false;
    const std::size_t channels = channel_axis(x), offset = dims.size() - other.size();
    if (channels < offset) return false;
    for (std::size_t i = 0; i < other.size(); ++i)
      if (other[i] != (offset + i == channels ? dims[channels] : 1)) return false;
    return true;
  }

  void join_two(const ox::node& n, join how, const value& a, const value& b, const std::string& name) {
    if (a.order != b.order) n.fail("joins tensors laid out differently");
    const std::size_t step = add_step(n, name, how, layer<N>(activation()), {a.step, b.step});
    model_.steps[step].order = a.order;
    values_[name] = data_value(step, a.order);
  }

  void concat(const ox::node& n) {
    std::vector<const value*> in;
    for (std::size_t i = 0; i < n.inputs.size(); ++i) in.push_back(&data(n, i));
    if (in.empty()) n.fail("has no inputs");
    std::int64_t axis = n.attr_int("axis");
    const auto rank = static_cast<std::int64_t>(flat(*in[0]) ? 2 : N + 2);
    if (axis < 0) axis += rank;
    if (axis != static_cast<std::int64_t>(channel_axis(*in[0])))
      n.fail("concatenates along axis " + std::to_string(n.attr_int("axis")) + "; convshape concatenates channels only");
    if (in.size() == 1) return emit(n, *in[0], activation());
    const std::string& out = n.outputs[0];
    value joined = *in[0];
    for (std::size_t i = 1; i < in.size(); ++i) {
      const std::string name = i + 1 == in.size() ? out : out + "/" + std::to_string(i);
      join_two(n, join::concat, joined, *in[i], name);
      joined = values_[name];
    }
  }

  void flatten_node(const ox::node& n) {
    if (n.attr_int("axis", 1) != 1) n.fail("flattens from axis " + std::to_string(n.attr_int("axis", 1)) + "; convshape flattens from axis 1");
    if (input_value(n, 0).what != value::kind::view) return emit(n, data(n, 0), flatten(), std::vector<std::size_t>{});
    const std::vector<std::int64_t> in = dims_of_any(n, 0);
    std::int64_t features = 1;
    for (std::size_t i = 1; i < in.size(); ++i) features *= in[i];  // a view has the elements of a record
    reshape_to(n, {in[0], features});
  }

  /// Squeeze and Unsqueeze: axes an attribute before opset 13, an input from it on.
  std::optional<std::vector<std::int64_t>> squeeze_axes(const ox::node& n) const {
    if (m_.opset < 13) {
      if (n.has_input(1))
        n.fail("axes are an attribute before opset 13, and the model's is " + std::to_string(m_.opset) +
               ": the node has a second input");
      if (!n.has("axes")) return std::nullopt;
      return n.attr_ints("axes");
    }
    if (n.has("axes"))
      n.fail("attribute 'axes' is an input from opset 13 on, and the model's is " + std::to_string(m_.opset));
    if (!n.has_input(1)) return std::nullopt;
    return ints_of(n, 1);
  }

  void squeeze(const ox::node& n) {
    const std::vector<std::int64_t> in = dims_of_any(n, 0);
    const std::optional<std::vector<std::int64_t>> axes = squeeze_axes(n);
    const std::string given = axes ? " (axes " + ox::listed(*axes) + ")" : std::string(" (no axes)");
    if (n.op_type == "Squeeze") return reshape_to(n, ox::squeeze_dims(n, in, axes), given);
    if (!axes) n.fail("has no axes: Unsqueeze needs them");
    reshape_to(n, ox::unsqueeze_dims(n, in, *axes), given);
  }

  /// Split along the channels (a flat tensor's features): a channel_slice
  /// record per output. The sizes are the attribute 'split' before opset 13,
  /// the input 'split' from it on, and equal parts without either.
  void split(const ox::node& n) {
    const value& x = data(n, 0);
    const std::size_t source = x.step;
    const std::vector<std::size_t> order = x.order;
    const std::vector<std::int64_t> dims = dims_of(x);
    const auto rank = static_cast<std::int64_t>(dims.size());
    const std::int64_t given = n.attr_int("axis", 0);
    if (given < -rank || given >= rank)
      n.fail("attribute 'axis' " + std::to_string(given) + " is out of range for a tensor of dims " + ox::listed(dims));
    const auto axis = static_cast<std::size_t>(given < 0 ? given + rank : given);
    if (axis != channel_axis(x))
      n.fail("splits along axis " + std::to_string(given) + " (attribute 'axis') a tensor of dims " + ox::listed(dims) +
             "; convshape splits the channels only, axis " + std::to_string(channel_axis(x)));
    std::vector<std::int64_t> sizes;
    if (m_.opset < 13) {
      if (n.has_input(1))
        n.fail("input 'split' exists from opset 13 on, and the model's is " + std::to_string(m_.opset) +
               ": before it the sizes are the attribute 'split'");
      if (n.has("split")) sizes = n.attr_ints("split");
    } else {
      if (n.has("split"))
        n.fail("attribute 'split' is an input from opset 13 on, and the model's is " + std::to_string(m_.opset));
      if (n.has_input(1)) sizes = ints_of(n, 1);
    }
    const std::int64_t channels = dims[axis];
    const auto parts = static_cast<std::int64_t>(n.outputs.size());
    if (sizes.empty()) {
      if (channels % parts != 0)
        n.fail("splits " + std::to_string(channels) + " channels into " + std::to_string(parts) +
               " equal parts (no sizes given), which do not divide them");
      sizes.assign(n.outputs.size(), channels / parts);
    }
    if (sizes.size() != n.outputs.size())
      n.fail("the sizes 'split' " + ox::listed(sizes) + " are " + std::to_string(sizes.size()) + " for " +
             std::to_string(parts) + " outputs");
    std::int64_t total = 0;
    for (const std::int64_t size : sizes)
      if (size < 0 || __builtin_add_overflow(total, size, &total))
        n.fail("the sizes 'split' " + ox::listed(sizes) + " have a negative one, or overflow int64");
    if (total != channels)
      n.fail("the sizes 'split' " + ox::listed(sizes) + " add up to " + std::to_string(total) + ", not the " +
             std::to_string(channels) + " channels of the input");
    std::int64_t begin = 0;
    for (std::size_t i = 0; i < n.outputs.size(); ++i) {
      const std::int64_t end = begin + sizes[i];
      if (!n.outputs[i].empty()) {
        const std::size_t step =
            add_step(n, n.outputs[i], join::layer, layer<N>(channel_slice({.begin = begin, .end = end})), {source});
        model_.steps[step].order = order;
        values_[n.outputs[i]] = data_value(step, order);
      }
      begin = end;
    }
  }

  void gemm(const ox::node& n) {
    const value& x = data(n, 0);
    if (!flat(x)) n.fail("needs a flat input (batch, features)");
    if (n.attr_int("transA", 0) != 0) n.fail("transA is not supported");
    const std::vector<std::int64_t> w = weight_dims(n, 1);
    if (w.size() != 2) n.fail("weight of rank " + std::to_string(w.size()) + ", not 2");
    const bool transposed = n.attr_int("transB", 0) != 0;
    emit(n, x, dense({.in_features = transposed ? w[1] : w[0], .units = transposed ? w[0] : w[1],
                      .bias = n.has_input(2)}));
  }

  /// MatMul with a weight of (in, out): a dense layer on a flat tensor; on a
  /// map transposed to channels last, a 1x1 convolution.
  void matmul(const ox::node& n) {
    const value& x = data(n, 0);
    const std::vector<std::int64_t> w = weight_dims(n, 1);
    if (w.size() != 2) n.fail("convshape maps MatMul with a 2-D weight only, got dims " + ox::listed(w));
    if (flat(x)) return emit(n, x, dense({.in_features = w[0], .units = w[1], .bias = false}));
    if (x.order.empty() || x.order.back() != 1)
      n.fail("multiplies a map along its last axis, which is not its channels");
    const std::int64_t channels = (*net_)[x.step].output.channels();
    if (w[0] != channels) n.fail("the weight's dims " + ox::listed(w) + " take " + std::to_string(w[0]) + " channels, the input has " + std::to_string(channels));
    emit(n, x, conv_params<N>{.filters = w[1], .kernel = 1, .bias = false});
  }

  /// Pad's pads, [x1_begin, ..., x1_end, ...] over all axes; the batch and
  /// channels' must be 0.
  void pad_node(const ox::node& n) {
    const value& x = map_input(n);
    const std::vector<std::int64_t> p = n.has_input(1) ? ints_of(n, 1) : n.attr_ints("pads");
    if (p.size() != 2 * (N + 2)) n.fail("pads " + ox::listed(p) + " are not a begin and an end for each of " + std::to_string(N + 2) + " axes");
    if (p[0] != 0 || p[1] != 0 || p[N + 2] != 0 || p[N + 3] != 0)
      n.fail("pads " + ox::listed(p) + " pad the batch or the channels; convshape pads spatial dims only");
    pad_params<N> params;
    for (std::size_t i = 0; i < N; ++i) {
      params.begin[i] = p[2 + i];
      params.end[i] = p[N + 4 + i];
    }
    emit(n, x, params);
  }

  /// Resize to sizes: the batch and channels unchanged, each spatial dim
  /// given. By scales: an upsample where every scale is a whole number, else
  /// the sizes ONNX computes, floor(dim * scale).
  void resize_node(const ox::node& n) {
    const value& x = map_input(n);
    const std::vector<std::int64_t> in = dims_of(x);
    const std::string mode = n.attr_string("mode", "nearest");
    upsample_params<N> by_scale{.mode = mode == "nearest" ? upsample_mode::nearest : upsample_mode::bilinear};
    resize_params<N> to_size;
    if (n.op_type == "Resize" && n.has_input(3)) {
      const std::vector<std::int64_t> sizes = ints_of(n, 3);
      if (sizes.size() != N + 2) n.fail("sizes " + ox::listed(sizes) + " are not one per axis");
      if (sizes[0] != in[0] || sizes[1] != in[1]) n.fail("sizes " + ox::listed(sizes) + " change the batch or channels");
      for (std::size_t i = 0; i < N; ++i) to_size.size[i] = sizes[2 + i];
      return emit(n, x, to_size);
    }
    const ox::tensor& scales = constant(n, n.op_type == "Upsample" ? 1 : 2);
    if (scales.reals.size() != N + 2) n.fail("scales " + ox::describe(scales) + " are not one per axis");
    if (scales.reals[0] != 1 || scales.reals[1] != 1) n.fail("scales " + ox::describe(scales) + " change the batch or channels");
    bool whole = true;
    for (std::size_t i = 0; i < N; ++i) {
      const double s = scales.reals[2 + i];
      const double size = std::floor(static_cast<double>(in[2 + i]) * s);
      if (!(s > 0 && size >= 1 && size <= 1e15))
        n.fail("scale " + ox::real_text(s) + " of dim " + std::to_string(in[2 + i]) + " leaves no output or too large a one");
      whole = whole && s == std::floor(s);
      by_scale.scale[i] = static_cast<std::int64_t>(s);
      to_size.size[i] = static_cast<std::int64_t>(size);
    }
    if (whole) return emit(n, x, by_scale);
    emit(n, x, to_size);
  }

  /// ReduceMean's and ReduceMax's axes, made non-negative and sorted: the
  /// attribute 'axes' (an input only from opset 18 on), all axes without it.
  std::vector<std::int64_t> reduce_axes(const ox::node& n, std::size_t rank) const {
    if (n.has_input(1))
      n.fail("axes are the attribute 'axes' of " + n.op_type + " up to opset 17, and the model's is " +
             std::to_string(m_.opset) + ": the node has a second input");
    const auto r = static_cast<std::int64_t>(rank);
    std::vector<std::int64_t> axes;
    if (!n.has("axes")) {
      for (std::int64_t a = 0; a < r; ++a) axes.push_back(a);
      return axes;
    }
    const std::vector<std::int64_t> given = n.attr_ints("axes");
    for (const std::int64_t a : given) {
      if (a < -r || a >= r)
        n.fail("attribute 'axes' " + ox::listed(given) + " names an axis out of range for rank " + std::to_string(r));
      axes.push_back(a < 0 ? a + r : a);
    }
    std::sort(axes.begin(), axes.end());
    if (std::adjacent_find(axes.begin(), axes.end()) != axes.end())
      n.fail("attribute 'axes' " + ox::listed(given) + " names an axis twice");
    return axes;
  }

  /// A mean or max over every spatial dim: a global pool, flattened unless
  /// keepdims. A mean over the channels alone, kept: the first step of a
  /// layer normalization written out.
  void reduce(const ox::node& n) {
    const value& input = data(n, 0);
    const std::vector<std::int64_t> dims = dims_of(input);
    const std::vector<std::int64_t> axes = reduce_axes(n, dims.size());
    const bool keepdims = n.attr_int("keepdims", 1) != 0;
    const auto channels = static_cast<std::int64_t>(channel_axis(input));
    if (n.op_type == "ReduceMean" && keepdims && axes == std::vector<std::int64_t>{channels}) {
      value v;
      v.what = value::kind::channel_norm;
      v.step = input.step;
      v.order = input.order;
      v.dims = dims;
      v.dims[static_cast<std::size_t>(channels)] = 1;
      v.stage = norm_stage::mean;
      v.mean = n.outputs[0];
      v.origin = n.describe();
      return pending(n, std::move(v));
    }
    std::vector<std::int64_t> spatial_axes(N);
    std::iota(spatial_axes.begin(), spatial_axes.end(), 2);
    if (flat(input) || !input.order.empty() || axes != spatial_axes) {
      const std::string given = n.has("axes") ? " (attribute 'axes' " + ox::listed(n.attr_ints("axes")) + ")" : "";
      n.fail("reduces axes " + ox::listed(axes) + given + " of a tensor of dims " + ox::listed(dims) +
             (input.order.empty() ? "" : " laid out channels last") +
             "; convshape reduces every spatial dim of a map laid out channels first (a global pool), or with "
             "ReduceMean and keepdims the channels alone, the first step of a layer normalization");
    }
    const rankless_layer pool = n.op_type == "ReduceMean" ? global_avg_pool() : global_max_pool();
    if (keepdims) return emit(n, input, pool);
    const std::size_t pooled = add_step(n, n.outputs[0] + "/pool", join::layer, layer<N>(pool), {input.step});
    const std::size_t step = add_step(n, n.outputs[0], join::layer, layer<N>(flatten()), {pooled});
    define(n, data_value(step));
  }

  /// A transpose between channels first and channels last keeps the
  /// library's shape; the record remembers how the model lays it out.
  void transpose(const ox::node& n) {
    if (input_value(n, 0).what == value::kind::channel_groups) return transpose_groups(n);
    const value& x = data(n, 0);
    if (flat(x)) n.fail("transposes a flat tensor");
    const std::vector<std::int64_t> perm = n.attr_ints("perm");
    std::vector<std::size_t> current = x.order;
    if (current.empty()) {
      current.resize(N + 2);
      std::iota(current.begin(), current.end(), std::size_t{0});
    }
    if (perm.size() != current.size()) n.fail("perm " + ox::listed(perm) + " is not one axis per dim");
    std::vector<std::size_t> order;
    for (const std::int64_t p : perm) {
      if (p < 0 || p >= static_cast<std::int64_t>(current.size())) n.fail("perm " + ox::listed(perm) + " names an axis out of range");
      order.push_back(current[static_cast<std::size_t>(p)]);
    }
    std::vector<std::size_t> identity(N + 2), last(N + 2);
    std::iota(identity.begin(), identity.end(), std::size_t{0});
    last = identity;
    std::rotate(last.begin() + 1, last.begin() + 2, last.end());  // 0, 2, 3, ..., 1
    if (order == identity) return emit(n, x, activation(), std::vector<std::size_t>{});
    if (order == last) return emit(n, x, activation(), order);
    n.fail("perm " + ox::listed(perm) + " lays the tensor out as neither channels first nor channels last");
  }

  void reshape(const ox::node& n) {
    const std::vector<std::int64_t> in = dims_of_any(n, 0);
    const std::vector<std::int64_t> shape = ints_of(n, 1);
    reshape_to(n, ox::reshape_dims(n, in, shape, n.attr_int("allowzero", 0) != 0),
               " (shape " + ox::listed(shape) + ")");
  }

  /// Input 0 of a Reshape, Squeeze, Unsqueeze or Flatten, given the dims
  /// `out` (the elements the same): the same dims are an identity; a map to
  /// (batch, features) a flatten; a flat tensor to (batch, features, 1, ...)
  /// an unflatten; a flat tensor, or a map whose spatial extents are all 1,
  /// with 1-extents added or removed at the end to another rank a view (the
  /// next step must reach one of the ranks before); the channels split into
  /// groups, or back, a channel shuffle's steps.
  void reshape_to(const ox::node& n, const std::vector<std::int64_t>& out, const std::string& given = {}) {
    const value& v = input_value(n, 0);
    if (v.what == value::kind::channel_groups) return ungroup_channels(n, out);
    const std::vector<std::int64_t> in = dims_of_any(n, 0);
    if (v.what != value::kind::view) {
      const value& x = data(n, 0);
      if (out == in) return emit(n, x, activation());
      if (splits_channels(x, in, out)) {
        value groups;
        groups.what = value::kind::channel_groups;
        groups.step = x.step;
        groups.dims = out;
        groups.groups = out[1];
        model_.folded.push_back({n.outputs[0], out});
        values_[n.outputs[0]] = std::move(groups);
        return;
      }
    }
    const value base = data_value(v.step, v.order);
    const std::vector<std::int64_t> own = dims_of(base);
    if (out == own) return emit(n, base, activation());
    if (!flat(base) && out.size() == 2 && out[0] == own[0]) return emit(n, base, flatten(), std::vector<std::size_t>{});
    const bool ones_after = out.size() >= 2 && out[0] == own[0] && out[1] == own[1] &&
                            std::all_of(out.begin() + 2, out.end(), [](std::int64_t d) { return d == 1; });
    if (flat(base) && ones_after && out.size() == N + 2) return emit(n, base, unflatten());
    const bool pooled = flat(base) || std::all_of(own.begin() + 2, own.end(), [](std::int64_t d) { return d == 1; });
    if (ones_after && pooled && base.order.empty()) {
      value w;
      w.what = value::kind::view;
      w.step = base.step;
      w.dims = out;
      w.origin = v.what == value::kind::view ? v.origin : n.describe();
      return pending(n, std::move(w));
    }
    n.fail("convshape has no layer for a reshape from " + ox::listed(in) + " to " + ox::listed(out) + given);
  }

  /// (batch, channels, spatial...) to (batch, groups, channels / groups, spatial...).
  bool splits_channels(const value& x, const std::vector<std::int64_t>& in, const std::vector<std::int64_t>& out) const {
    if (flat(x) || !x.order.empty() || out.size() != in.size() + 1) return false;
    if (out[0] != in[0] || out[1] < 1 || out[2] < 1 || in[1] % out[1] != 0 || in[1] / out[1] != out[2]) return false;
    return std::equal(in.begin() + 2, in.end(), out.begin() + 3);
  }

  /// The channel groups' two axes swapped: what makes the reshape back a shuffle.
  void transpose_groups(const ox::node& n) {
    value v = input_value(n, 0);
    std::vector<std::int64_t> swap(v.dims.size());
    std::iota(swap.begin(), swap.end(), std::int64_t{0});
    std::swap(swap[1], swap[2]);
    const std::vector<std::int64_t> perm = n.attr_ints("perm");
    if (perm != swap)
      n.fail("perm " + ox::listed(perm) + " on channels split into groups " + ox::listed(v.dims) +
             "; convshape maps only " + ox::listed(swap) + ", a channel shuffle");
    std::swap(v.dims[1], v.dims[2]);
    v.swapped = !v.swapped;
    model_.folded.push_back({n.outputs[0], v.dims});
    values_[n.outputs[0]] = std::move(v);
  }

  /// Channel groups reshaped back to the map they came from: a channel
  /// shuffle if the groups were transposed, else the map unchanged.
  void ungroup_channels(const ox::node& n, const std::vector<std::int64_t>& out) {
    const value source = data_value(input_value(n, 0).step);
    const value groups = input_value(n, 0);
    if (out != dims_of(source))
      n.fail("reshapes channels split into groups " + ox::listed(groups.dims) + " to " + ox::listed(out) +
             "; convshape maps only the reshape back to " + ox::listed(dims_of(source)));
    if (!groups.swapped) return emit(n, source, activation());
    emit(n, source, channel_shuffle({.groups = groups.groups}));
  }

  /// A Slice of the channels (a flat tensor's features), every other axis whole.
  void slice(const ox::node& n) {
    const value& x = data(n, 0);
    const std::vector<std::int64_t> dims = dims_of(x);
    ox::slice_params p;
    p.starts = ints_of(n, 1);
    p.ends = ints_of(n, 2);
    if (n.has_input(3)) p.axes = ints_of(n, 3);
    if (n.has_input(4)) p.steps = ints_of(n, 4);
    const std::vector<ox::slice_axis> plan = ox::slice_plan(n, dims, p);
    const std::size_t channels = channel_axis(x);
    for (std::size_t i = 0; i < plan.size(); ++i) {
      const bool whole = plan[i].start == 0 && plan[i].step == 1 && plan[i].count == dims[i];
      if (i == channels ? plan[i].step != 1 : !whole)
        n.fail("slices axis " + std::to_string(i) + " of a tensor of dims " + ox::listed(dims) +
               (i == channels ? " with step " + std::to_string(plan[i].step) : std::string()) +
               "; convshape slices the channels only, with step 1");
    }
    const ox::slice_axis& c = plan[channels];
    emit(n, x, channel_slice({.begin = c.start, .end = c.start + c.count}));
  }

  /// A step of a layer normalization over the channels written out (see
  /// norm_stage): each intermediate tensor is reported as folded, and the
  /// last step, Add of the shift, is one layer_norm record on the input.
  /// Anything else that reads a step is refused.
  void normalization_step(const ox::node& n) {
    const std::string& op = n.op_type;
    const auto at = [&](std::size_t i) -> const value& { return input_value(n, i); };
    const auto is = [&](std::size_t i, norm_stage s) {
      return n.inputs.size() > i && n.has_input(i) && at(i).what == value::kind::channel_norm && at(i).stage == s;
    };
    const auto known = [&](std::size_t i) {
      return n.has_input(i) && (at(i).what == value::kind::constant || at(i).what == value::kind::weight);
    };
    const auto known_dims = [&](std::size_t i) {
      return at(i).what == value::kind::constant ? at(i).constant.dims : at(i).dims;
    };
    const auto scalar = [&](std::size_t i) {
      const auto count = ox::element_count(known_dims(i));
      return known(i) && count && *count == 1;
    };
    const auto next = [&](const value& from, norm_stage stage, bool reduced) {
      value v = from;
      v.stage = stage;
      v.dims = dims_of(data_value(from.step, from.order));
      if (reduced) v.dims[channel_axis(from)] = 1;
      pending(n, std::move(v));
    };
    const bool binary = n.inputs.size() == 2;
    if (op == "Sub" && binary && at(0).what == value::kind::data && is(1, norm_stage::mean) &&
        at(0).step == at(1).step && at(0).order == at(1).order)
      return next(at(1), norm_stage::centered, false);
    if (op == "Pow" && binary && is(0, norm_stage::centered) && scalar(1)) {
      const ox::tensor* e = at(1).what == value::kind::constant ? &at(1).constant : nullptr;
      const bool squares = e && (ox::is_real(e->type) ? e->reals[0] == 2.0 : e->ints[0] == 2);
      if (squares) return next(at(0), norm_stage::squared, false);
    }
    if (op == "ReduceMean" && is(0, norm_stage::squared)) {
      const auto channels = static_cast<std::int64_t>(channel_axis(at(0)));
      if (n.attr_int("keepdims", 1) != 0 && reduce_axes(n, at(0).dims.size()) == std::vector<std::int64_t>{channels})
        return next(at(0), norm_stage::variance, true);
    }
    for (std::size_t k = 0; binary && k < 2; ++k) {
      const std::size_t other = 1 - k;
      if (op == "Add" && is(k, norm_stage::variance) && scalar(other)) return next(at(k), norm_stage::shifted, true);
      if (op == "Mul" && is(k, norm_stage::normalized) && known(other) && per_channel(at(k), known_dims(other)))
        return next(at(k), norm_stage::scaled, false);
      if (op == "Add" && is(k, norm_stage::scaled) && known(other) && per_channel(at(k), known_dims(other)))
        return emit(n, data_value(at(k).step, at(k).order), layer_norm());
    }
    if (op == "Sqrt" && is(0, norm_stage::shifted)) return next(at(0), norm_stage::deviation, true);
    if (op == "Div" && binary && is(0, norm_stage::centered) && is(1, norm_stage::deviation) && at(0).mean == at(1).mean)
      return next(at(0), norm_stage::normalized, false);
    for (std::size_t i = 0; i < n.inputs.size(); ++i)
      if (n.has_input(i) && at(i).what == value::kind::channel_norm)
        n.fail("reads " + ox::quote_name(n.input(i)) + ", " + pending_text(at(i)) + "; " + norm_pattern);
  }

  /// LayerNormalization over the channels alone: the last axis, where the
  /// model laid the map out channels last, or a flat tensor's features.
  void layer_normalization(const ox::node& n) {
    const value& x = data(n, 0);
    const auto rank = static_cast<std::int64_t>(dims_of(x).size());
    std::int64_t axis = n.attr_int("axis", -1);
    if (axis < 0) axis += rank;
    if (axis != rank - 1 || channel_axis(x) != static_cast<std::size_t>(rank - 1))
      n.fail("normalizes from axis " + std::to_string(n.attr_int("axis", -1)) + " of a tensor of dims " +
             ox::listed(dims_of(x)) + "; convshape normalizes over the channels alone, laid out last");
    if (!n.has_input(2))
      n.fail("has no bias B; convshape's layer_norm has a scale and a shift per channel");
    emit(n, x, layer_norm());
  }
};

/// The graph's one data input, and its dims with the batch resolved.
std::pair<std::string, std::vector<std::int64_t>> input_of(const ox::model& m, const import_options& options) {
  if (m.inputs.size() != 1)
    throw import_error("the model has " + std::to_string(m.inputs.size()) + " inputs; a convshape network has one");
  const ox::value_info& in = m.inputs[0];
  if (!in.shape) throw import_error("input " + ox::quote_name(in.name) + " has no shape in the file");
  const std::size_t rank = in.shape->size();
  if (rank < 3 || rank > 5)
    throw import_error("input " + ox::quote_name(in.name) + " has rank " + std::to_string(rank) +
                       "; convshape networks take a batch, channels and 1 to 3 spatial dims");
  std::vector<std::int64_t> dims;
  for (std::size_t i = 0; i < rank; ++i) {
    const auto& d = (*in.shape)[i];
    if (i == 0 && options.batch) {
      dims.push_back(*options.batch);
    } else if (!d.value) {
      throw import_error("input " + ox::quote_name(in.name) + ": dim " + std::to_string(i) +
                         (d.param.empty() ? "" : " ('" + d.param + "')") + " is not fixed" +
                         (i == 0 ? ": give the batch size with --batch N" : "; convshape needs every extent"));
    } else if (*d.value < 1) {
      throw import_error("input " + ox::quote_name(in.name) + ": dim " + std::to_string(i) + " must be at least 1, got " +
                         std::to_string(*d.value));
    } else {
      dims.push_back(*d.value);
    }
  }
  return {in.name, dims};
}

template <std::size_t N>
imported_model<N> map_model(const ox::model& m, std::vector<std::int64_t> input, const std::string& input_name) {
  onnx_mapper<N> mapper(m, std::move(input), input_name);
  for (const ox::node& n : m.nodes) mapper.map(n);
  mapper.finish();
  return mapper.take();
}

}  // namespace

namespace {

any_model import_model(const ox::model& m, const std::string& path, const import_options& options) {
  auto [input_name, input] = input_of(m, options);
  const std::size_t rank = input.size() - 2;
  any_model model = rank == 1   ? any_model(map_model<1>(m, std::move(input), input_name))
                    : rank == 2 ? any_model(map_model<2>(m, std::move(input), input_name))
                                : any_model(map_model<3>(m, std::move(input), input_name));
  std::visit(
      [&](auto& im) {
        im.source = path;
        im.name = m.graph_name.empty() || m.graph_name == "main_graph" || m.graph_name == "torch_jit"
                      ? identifier_from(path)
                      : m.graph_name;
      },
      model);
  return model;
}

}  // namespace

any_model read_onnx(const std::string& path, const import_options& options) {
  try {
    return import_model(ox::read_model(path), path, options);
  } catch (const ox::bad_model& e) {
    throw import_error(e.what());
  }
}

any_model onnx_model(std::string_view bytes, const std::string& path, const import_options& options) {
  try {
    return import_model(ox::parse_model(bytes), path, options);
  } catch (const ox::bad_model& e) {
    throw import_error(path + ": " + e.what());
  }
}

}  // namespace convshape::cli
