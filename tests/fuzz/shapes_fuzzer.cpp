// libFuzzer target: the run-time API of the four layer kinds (convolution,
// transposed convolution, max and average pooling; 1-D to 3-D; channels
// first and last; every framework) with arbitrary parameters, extremes
// included.
//
// Every call must give a shape whose extents are all at least 1, or an error
// whose message names the layer; try_plan, the try_ function, the throwing
// functions and resolve_padding must agree with each other; and every spatial
// dimension must match an oracle written here without the library's
// arithmetic:
// - for small values it counts window positions by brute force (the starts
//   0, s, 2s, ... over the padded input where the dilated window fits; in
//   ceil_mode PyTorch's extra window that starts inside the input or the left
//   padding), and for transposed convolution the farthest output index that
//   the scatter of any input element reaches, plus output_padding, less the
//   pads; 'same' pads are the least total that gives ceil(input / stride)
//   windows, found by trying totals upwards;
// - for any value it evaluates the closed forms in 128-bit arithmetic; where
//   one of the README's intermediate values leaves int64, an overflow error is
//   allowed, and any shape given must still be the exact one;
// - the framework rules restate the README's table.
// Small configurations are checked both ways, so the closed forms that guard
// the extremes are themselves checked against the brute force.
//
// Input bytes (tests/fuzz/make_seeds.py writes the seeds in this format; a
// missing byte reads as 0):
//   op (% 4: conv, conv_transpose, max_pool, avg_pool), rank (% 3, + 1),
//   layout (% 2: channels first, last), framework (% 4: generic, torch, keras,
//   onnx), padding (% 5: valid, same, same_lower, causal, explicit), flags
//   (bit 0 ceil_mode, bit 1 pool strides given instead of the window's,
//   bit 2 end pads equal to begin pads), then the values batch, channels,
//   filters, groups and, per spatial dimension, extent, kernel, stride,
//   dilation, begin pad, end pad (absent with flag bit 2), output_padding.
//   A value starts with a selector byte b: b < 0x60: b % 8; b < 0xc0:
//   (b - 0x60) % 43 - 2, so -2..40; b < 0xf0: boundary[(b - 0xc0) % 48];
//   otherwise the next 8 bytes, little-endian two's complement.
#include <convshape/convshape.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <type_traits>

namespace cs = convshape;

namespace {

using i64 = std::int64_t;
__extension__ typedef __int128 i128;  // __extension__: no -Wpedantic warning

constexpr i128 int64_max = INT64_MAX;
constexpr i128 int64_min = INT64_MIN;
constexpr i64 two_to(int e) { return static_cast<i64>(std::uint64_t{1} << e); }

// ---------------------------------------------------------------- decoding

constexpr i64 boundary[48] = {
    0, -1, 1, 2, INT64_MIN, INT64_MIN + 1, INT64_MAX, INT64_MAX - 1,
    INT64_MAX - 2, INT64_MAX / 2, INT64_MAX / 2 + 1, INT64_MAX / 3,
    two_to(31), two_to(31) - 1, -two_to(31), two_to(32),
    two_to(32) + 1, two_to(62), two_to(62) - 1, two_to(62) + 1,
    -two_to(62), two_to(61), two_to(63 - 21), 3037000499,  // 2^42; floor(sqrt(INT64_MAX))
    3037000500, 2097151, 2097152, 63,  // cube root of INT64_MAX, 2^21
    64, 65, 127, 128, 255, 256, 1000, 4096,
    65536, two_to(40), -two_to(40), INT64_MAX / 4 + 1,
    INT64_MAX / 63, 3, 4, 5, 7, 8, -3, INT64_MIN / 2};

class byte_reader {
 public:
  byte_reader(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}

  std::uint8_t byte() {
    if (size_ == 0) return 0;
    --size_;
    return *data_++;
  }

  i64 value() {
    const std::uint8_t b = byte();
    if (b < 0x60) return b % 8;
    if (b < 0xc0) return (b - 0x60) % 43 - 2;
    if (b < 0xf0) return boundary[(b - 0xc0) % 48];
    std::uint64_t raw = 0;
    for (int i = 0; i < 8; ++i) raw |= std::uint64_t{byte()} << (8 * i);
    return static_cast<i64>(raw);  // two's complement (C++20)
  }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
};

enum class kind { conv, conv_transpose, max_pool, avg_pool };

struct config {
  kind op = kind::conv;
  std::size_t rank = 1;
  bool channels_last = false;
  cs::framework fw = cs::framework::generic;
  cs::padding_mode mode = cs::padding_mode::valid;
  bool ceil_mode = false, pool_strides_given = false, symmetric_pads = false;
  i64 batch = 0, channels = 0, filters = 0, groups = 0;
  i64 extent[3]{}, kernel[3]{}, strides[3]{}, dilation[3]{}, pad_begin[3]{}, pad_end[3]{}, output_padding[3]{};

  bool is_pool() const { return op == kind::max_pool || op == kind::avg_pool; }
};

config decode(byte_reader& in) {
  constexpr cs::padding_mode modes[] = {cs::padding_mode::valid, cs::padding_mode::same, cs::padding_mode::same_lower,
                                        cs::padding_mode::causal, cs::padding_mode::explicit_pads};
  constexpr cs::framework frameworks[] = {cs::framework::generic, cs::framework::torch, cs::framework::keras,
                                          cs::framework::onnx};
  config c;
  c.op = static_cast<kind>(in.byte() % 4);
  c.rank = in.byte() % 3 + 1u;
  c.channels_last = in.byte() % 2 != 0;
  c.fw = frameworks[in.byte() % 4];
  c.mode = modes[in.byte() % 5];
  const std::uint8_t flags = in.byte();
  c.ceil_mode = (flags & 1) != 0;
  c.pool_strides_given = (flags & 2) != 0;
  c.symmetric_pads = (flags & 4) != 0;
  c.batch = in.value();
  c.channels = in.value();
  c.filters = in.value();
  c.groups = in.value();
  for (std::size_t i = 0; i < c.rank; ++i) {
    c.extent[i] = in.value();
    c.kernel[i] = in.value();
    c.strides[i] = in.value();
    c.dilation[i] = in.value();
    c.pad_begin[i] = in.value();
    c.pad_end[i] = c.symmetric_pads ? c.pad_begin[i] : in.value();
    c.output_padding[i] = in.value();
  }
  return c;
}

// ---------------------------------------------------------------- reporting

const char* op_name(kind k) {
  switch (k) {
    case kind::conv: return "conv";
    case kind::conv_transpose: return "conv_transpose";
    case kind::max_pool: return "max_pool";
    case kind::avg_pool: return "avg_pool";
  }
  return "?";
}

std::string str(i128 v) {
  if (v == 0) return "0";
  const bool negative = v < 0;
  std::string digits;
  while (v != 0) {
    const int d = static_cast<int>(v % 10);
    digits.insert(digits.begin(), static_cast<char>('0' + (d < 0 ? -d : d)));
    v /= 10;
  }
  return negative ? "-" + digits : digits;
}

std::string list(const i64* v, std::size_t n) {
  std::string s = "{";
  for (std::size_t i = 0; i < n; ++i) s += (i ? ", " : "") + str(v[i]);
  return s + "}";
}

/// The configuration as the call it makes, to paste into a reproducer.
std::string describe(const config& c) {
  const std::size_t n = c.rank;
  const char* layout = n == 1 ? (c.channels_last ? "nwc" : "ncw")
                       : n == 2 ? (c.channels_last ? "nhwc" : "nchw")
                                : (c.channels_last ? "ndhwc" : "ncdhw");
  std::string s = std::string("cs::try_") + op_name(c.op) + "<cs::" + cs::name(c.fw) + ">(cs::shape<cs::layout::" +
                  layout + ">{" + str(c.batch) + ", " + str(c.channels) + ", " + list(c.extent, n) + "}, {";
  if (!c.is_pool()) s += ".filters = " + str(c.filters) + ", ";
  s += std::string(c.is_pool() ? ".window = " : ".kernel = ") + list(c.kernel, n);
  if (!c.is_pool() || c.pool_strides_given) s += ", .strides = " + list(c.strides, n);
  s += ", .padding = ";
  if (c.mode == cs::padding_mode::explicit_pads) {
    s += "cs::pads(" + list(c.pad_begin, n) + ", " + list(c.pad_end, n) + ")";
  } else {
    s += std::string("cs::") + cs::name(c.mode);
  }
  if (c.op == kind::conv_transpose) s += ", .output_padding = " + list(c.output_padding, n);
  if (c.op != kind::avg_pool) s += ", .dilation = " + list(c.dilation, n);
  if (!c.is_pool()) s += ", .groups = " + str(c.groups);
  if (c.is_pool()) s += std::string(", .ceil_mode = ") + (c.ceil_mode ? "true" : "false");
  return s + "})";
}

/// Reports a finding and stops: libFuzzer saves the input as a crash.
[[noreturn]] void fail(const config& c, const std::string& what) {
  std::fprintf(stderr, "\nconvshape_fuzz_shapes: FINDING: %s\n  call: %s\n", what.c_str(), describe(c).c_str());
  std::fflush(stderr);
  __builtin_trap();
}

// ---------------------------------------------------------------- the oracle

/// One spatial dimension's parameters as the layer sees them: pool strides
/// default to the window, average pooling has no dilation, only transposed
/// convolution has output_padding.
struct dim_params {
  i64 in, k, s, d, pb, pe, op;
};

dim_params params_of(const config& c, std::size_t i) {
  const i64 s = c.is_pool() && !c.pool_strides_given ? c.kernel[i] : c.strides[i];
  const i64 d = c.op == kind::avg_pool ? 1 : c.dilation[i];
  const i64 op = c.op == kind::conv_transpose ? c.output_padding[i] : 0;
  return {c.extent[i], c.kernel[i], s, d, c.pad_begin[i], c.pad_end[i], op};
}

enum class verdict {
  accept,    ///< a shape, exactly the oracle's
  reject,    ///< an error
  overflow,  ///< well defined, but an intermediate value leaves int64: an overflow error, or the exact shape
};

struct axis {
  verdict v = verdict::accept;
  i128 out = 0, pb = 0, pe = 0;
  std::string why;   // a rejection's reason, for the report
  bool overhang = false;  // one window longer than the padded input
};

axis rejected(std::string why) {
  axis a;
  a.v = verdict::reject;
  a.why = std::move(why);
  return a;
}

bool small(const dim_params& p) {
  const auto in_range = [](i64 v) { return v >= -64 && v <= 64; };
  return in_range(p.in) && in_range(p.k) && in_range(p.s) && in_range(p.d) && in_range(p.pb) && in_range(p.pe) &&
         in_range(p.op);
}

/// Window positions over the padded input, by walking the starts 0, s, 2s,
/// ...: a window counts if its last tap is inside; in ceil_mode a window that
/// does not fit counts too if the one before it stopped short of the end and
/// it starts inside the input or the start padding (PyTorch's rule).
i128 windows_walked(i128 in, i128 pb, i128 pe, i128 eff, i128 s, bool ceil_mode) {
  const i128 padded = in + pb + pe;
  i128 count = 0;
  for (i128 start = 0;; start += s) {
    const bool whole = start + eff <= padded;
    const bool partial = ceil_mode && start > 0 && start - s + eff < padded && start < in + pb;
    if (!whole && !partial) return count;
    ++count;
  }
}

/// The same count in closed form, for values too large to walk.
i128 windows_closed(i128 in, i128 pb, i128 pe, i128 eff, i128 s, bool ceil_mode) {
  const i128 padded = in + pb + pe;
  if (padded < eff) return 0;
  const i128 whole = (padded - eff) / s + 1;
  const bool partial = ceil_mode && (padded - eff) % s != 0 && whole * s < in + pb;
  return whole + (partial ? 1 : 0);
}

i128 windows(const config& c, bool walk, i128 in, i128 pb, i128 pe, i128 eff, i128 s, bool ceil_mode) {
  const i128 closed = windows_closed(in, pb, pe, eff, s, ceil_mode);
  if (walk && windows_walked(in, pb, pe, eff, s, ceil_mode) != closed)
    fail(c, "oracle: walked and closed-form window counts differ (a bug in the fuzzer)");
  return closed;
}

bool any_above_one(const config& c, i64 dim_params::*member) {
  for (std::size_t i = 0; i < c.rank; ++i)
    if (params_of(c, i).*member > 1) return true;
  return false;
}

/// What rejects the whole layer before any dimension's arithmetic: the
/// generic rules on counts, then the framework's (README, "Framework
/// conventions"). Empty if nothing does.
std::string layer_rejection(const config& c) {
  if (c.batch < 1 || c.channels < 1) return "batch or channels below 1";
  for (std::size_t i = 0; i < c.rank; ++i)
    if (c.extent[i] < 1) return "extent below 1";
  if (!c.is_pool()) {
    if (c.filters < 1) return "filters below 1";
    if (c.groups < 1) return "groups below 1";
    if (c.channels % c.groups != 0 || c.filters % c.groups != 0) return "groups do not divide";
  }
  for (std::size_t i = 0; i < c.rank; ++i) {
    const dim_params p = params_of(c, i);
    if (p.k < 1 || p.s < 1 || p.d < 1) return "kernel, stride or dilation below 1";
  }
  const bool same = c.mode == cs::padding_mode::same || c.mode == cs::padding_mode::same_lower;
  const bool strided = any_above_one(c, &dim_params::s), dilated = any_above_one(c, &dim_params::d);
  const auto output_padding_not_below_stride = [&] {
    for (std::size_t i = 0; i < c.rank; ++i)
      if (params_of(c, i).op >= params_of(c, i).s) return true;
    return false;
  };
  switch (c.fw) {
    case cs::framework::generic: break;
    case cs::framework::torch:
      if (c.mode == cs::padding_mode::explicit_pads) {
        for (std::size_t i = 0; i < c.rank; ++i)
          if (c.pad_begin[i] != c.pad_end[i]) return "torch: asymmetric pads";
      }
      if (c.mode == cs::padding_mode::same && (c.op != kind::conv || strided)) return "torch: 'same' beyond unstrided conv";
      if (c.mode == cs::padding_mode::same_lower || c.mode == cs::padding_mode::causal) return "torch: no such padding";
      break;
    case cs::framework::keras:
      if (c.mode == cs::padding_mode::explicit_pads || c.mode == cs::padding_mode::same_lower)
        return "keras: no such padding";
      if (c.is_pool() && (dilated || c.ceil_mode)) return "keras: pool dilation or ceil_mode";
      if (!c.is_pool() && strided && dilated) return "keras: strided and dilated";
      if (c.op == kind::conv_transpose && output_padding_not_below_stride()) return "keras: output_padding >= stride";
      break;
    case cs::framework::onnx:
      if (c.mode == cs::padding_mode::causal) return "onnx: no causal padding";
      if (c.op == kind::conv && same && dilated) return "onnx: 'same' with dilation";
      if (c.op == kind::conv_transpose && output_padding_not_below_stride()) return "onnx: output_padding >= stride";
      break;
  }
  return {};
}

/// Convolution and pooling along one dimension.
axis forward_axis(const config& c, const dim_params& p) {
  const bool walk = small(p);
  const i128 in = p.in, k = p.k, s = p.s, d = p.d;
  const i128 eff = d * (k - 1) + 1;
  bool beyond = eff > int64_max;  // an intermediate value leaves int64
  axis a;
  switch (c.mode) {
    case cs::padding_mode::valid: break;
    case cs::padding_mode::explicit_pads:
      if (p.pb < 0 || p.pe < 0) return rejected("negative pad");
      a.pb = p.pb;
      a.pe = p.pe;
      break;
    case cs::padding_mode::causal:
      if (c.op != kind::conv || c.rank != 1) return rejected("causal outside 1-D conv");
      a.pb = eff - 1;
      break;
    case cs::padding_mode::same:
    case cs::padding_mode::same_lower: {
      if (c.fw == cs::framework::onnx && c.is_pool()) {
        // ONNX Runtime: the pads of the undilated window, not clamped at 0;
        // negative refused except by the dilated max pool. SAME_LOWER puts
        // (total + 1) / 2 first, SAME_UPPER total / 2 (pool_attributes.h).
        const i128 total = ((in + s - 1) / s - 1) * s + k - in;
        if (total < 0 && !(c.op == kind::max_pool && any_above_one(c, &dim_params::d)))
          return rejected("onnx: negative 'same' pool pads");
        a.pb = c.mode == cs::padding_mode::same ? total / 2 : (total + 1) / 2;
        a.pe = total - a.pb;
        break;
      }
      // As many outputs as stride steps that start inside the input, with
      // the least total pad that makes that many windows fit.
      i128 wanted = (in + s - 1) / s;
      if (walk) {
        i128 walked = 0;
        for (i128 start = 0; start < in; start += s) ++walked;
        if (walked != wanted) fail(c, "oracle: walked and closed-form 'same' outputs differ (a bug in the fuzzer)");
      }
      i128 total = (wanted - 1) * s + eff - in;
      beyond = beyond || (wanted - 1) * s + eff > int64_max;
      if (total < 0) total = 0;
      if (walk) {
        i128 least = 0;
        while (windows_walked(in, 0, least, eff, s, false) < wanted) ++least;
        if (least != total) fail(c, "oracle: walked and closed-form 'same' pads differ (a bug in the fuzzer)");
      }
      a.out = wanted;
      a.pb = c.mode == cs::padding_mode::same ? total / 2 : total - total / 2;
      a.pe = total - a.pb;
      a.v = beyond ? verdict::overflow : verdict::accept;
      return a;
    }
  }

  // The framework's rules along the dimension, once the pads are known.
  if (c.fw == cs::framework::torch && c.op == kind::avg_pool && c.rank == 3 && in < k)
    return rejected("torch: avg_pool3d input smaller than the window");
  if (c.fw == cs::framework::torch && c.is_pool() && a.pb > k / 2) return rejected("torch: pad above half the window");
  if (c.fw == cs::framework::onnx && c.is_pool() && (a.pb >= k || a.pe >= k))
    return rejected("onnx: pad not smaller than the window");
  if (c.is_pool() && (a.pb >= eff || a.pe >= eff)) return rejected("pool pad not smaller than the effective window");

  const i128 padded = in + a.pb + a.pe;
  beyond = beyond || padded > int64_max;
  const bool ceil_mode = c.is_pool() && c.ceil_mode;
  const i128 count = windows(c, walk, in, a.pb, a.pe, eff, s, ceil_mode);
  if (count == 0) {
    // No whole window fits. PyTorch in ceil_mode and ONNX Runtime still give
    // one output when the window is longer than the padded input by less
    // than a stride.
    const bool overhang = c.is_pool() && ((c.fw == cs::framework::torch && c.ceil_mode) || c.fw == cs::framework::onnx);
    if (!(overhang && padded > eff - s)) return rejected("effective kernel exceeds padded input");
    a.out = 1;
    a.overhang = true;
  } else {
    a.out = count;
  }
  a.v = beyond ? verdict::overflow : verdict::accept;
  return a;
}

/// The farthest output index the scatter of the input reaches, plus one and
/// output_padding: the uncropped transposed output.
i128 scattered(const config& c, const dim_params& p, bool walk) {
  const i128 closed = (i128{p.in} - 1) * p.s + (i128{p.k} - 1) * p.d + 1 + p.op;
  if (walk) {
    i128 farthest = 0;
    for (i128 m = 0; m < p.in; ++m)
      for (i128 t = 0; t < p.k; ++t)
        if (m * p.s + t * p.d > farthest) farthest = m * p.s + t * p.d;
    if (farthest + 1 + p.op != closed) fail(c, "oracle: scattered and closed-form extents differ (a bug in the fuzzer)");
  }
  return closed;
}

/// Transposed convolution along one dimension.
axis transpose_axis(const config& c, const dim_params& p, bool output_padding_given) {
  const bool walk = small(p);
  const i128 in = p.in, k = p.k, s = p.s, d = p.d;
  const i128 eff = d * (k - 1) + 1;
  if (p.op < 0) return rejected("negative output_padding");
  if (p.op >= p.s && p.op >= p.d) return rejected("output_padding not below stride or dilation");
  const i128 full = scattered(c, p, walk);
  bool beyond = eff > int64_max || full > int64_max;
  axis a;
  cs::padding_mode mode = c.mode;
  if (c.fw == cs::framework::keras) {
    // tf-keras deconv_output_length: output_padding all 0 reads as None.
    if (mode == cs::padding_mode::valid && !output_padding_given) {
      const i128 stretched = in * s;  // in * s + max(eff - s, 0)
      beyond = beyond || stretched > int64_max;
      a.out = full > stretched ? full : stretched;
      a.pe = full - a.out;  // negative: zeros appended
      a.v = beyond ? verdict::overflow : verdict::accept;
      return a;
    }
    if (mode == cs::padding_mode::same && output_padding_given) {
      mode = cs::padding_mode::explicit_pads;
      a.pb = a.pe = eff / 2;
    }
  } else if (mode == cs::padding_mode::explicit_pads) {
    if (p.pb < 0 || p.pe < 0) return rejected("negative pad");
    a.pb = p.pb;
    a.pe = p.pe;
  }
  switch (mode) {
    case cs::padding_mode::valid:
    case cs::padding_mode::explicit_pads: break;
    case cs::padding_mode::causal: return rejected("causal transposed");
    case cs::padding_mode::same:
    case cs::padding_mode::same_lower: {
      a.out = in * s;
      beyond = beyond || a.out > int64_max;
      const i128 crop = full - a.out;
      if (crop < 0 && c.fw == cs::framework::onnx) {
        a.out = full;  // ONNX Runtime clamps the total pad at 0
      } else {
        a.pb = crop <= 0 ? 0 : mode == cs::padding_mode::same ? crop / 2 : crop - crop / 2;
        a.pe = crop - a.pb;
      }
      a.v = beyond ? verdict::overflow : verdict::accept;
      return a;
    }
  }
  a.out = full - a.pb - a.pe;
  if (a.out < 1) return rejected("pads leave no output");
  a.v = beyond ? verdict::overflow : verdict::accept;
  return a;
}

// ---------------------------------------------------------------- the checks

template <class P>
struct kind_of;
template <std::size_t N>
struct kind_of<cs::conv_params<N>> : std::integral_constant<kind, kind::conv> {};
template <std::size_t N>
struct kind_of<cs::conv_transpose_params<N>> : std::integral_constant<kind, kind::conv_transpose> {};
template <std::size_t N>
struct kind_of<cs::max_pool_params<N>> : std::integral_constant<kind, kind::max_pool> {};
template <std::size_t N>
struct kind_of<cs::avg_pool_params<N>> : std::integral_constant<kind, kind::avg_pool> {};

template <cs::framework F, cs::layout L, class P>
cs::result<cs::shape<L>> try_layer(const cs::shape<L>& x, const P& p) {
  constexpr kind k = kind_of<P>::value;
  if constexpr (k == kind::conv) return cs::try_conv<F>(x, p);
  else if constexpr (k == kind::conv_transpose) return cs::try_conv_transpose<F>(x, p);
  else if constexpr (k == kind::max_pool) return cs::try_max_pool<F>(x, p);
  else return cs::try_avg_pool<F>(x, p);
}

/// The throwing form, by its rank-named function (conv2d, max_pool3d, ...).
template <cs::framework F, cs::layout L, class P>
cs::shape<L> throwing_layer(const cs::shape<L>& x, const P& p) {
  constexpr kind k = kind_of<P>::value;
  constexpr std::size_t n = cs::spatial_rank(L);
  if constexpr (k == kind::conv) {
    if constexpr (n == 1) return cs::conv1d<F>(x, p);
    else if constexpr (n == 2) return cs::conv2d<F>(x, p);
    else return cs::conv3d<F>(x, p);
  } else if constexpr (k == kind::conv_transpose) {
    if constexpr (n == 1) return cs::conv1d_transpose<F>(x, p);
    else if constexpr (n == 2) return cs::conv2d_transpose<F>(x, p);
    else return cs::conv3d_transpose<F>(x, p);
  } else if constexpr (k == kind::max_pool) {
    if constexpr (n == 1) return cs::max_pool1d<F>(x, p);
    else if constexpr (n == 2) return cs::max_pool2d<F>(x, p);
    else return cs::max_pool3d<F>(x, p);
  } else {
    if constexpr (n == 1) return cs::avg_pool1d<F>(x, p);
    else if constexpr (n == 2) return cs::avg_pool2d<F>(x, p);
    else return cs::avg_pool3d<F>(x, p);
  }
}

bool starts_with(const char* text, const std::string& prefix) {
  return std::strncmp(text, prefix.c_str(), prefix.size()) == 0;
}

/// An error must have a code and a message that names the layer and says
/// more than its name.
void check_error(const config& c, const cs::error_info& e, const std::string& prefix, const char* where) {
  if (e.code == cs::errc::none) fail(c, std::string(where) + ": an error without a code");
  const char* what = e.what();
  if (what == nullptr || std::strlen(what) <= prefix.size() || !starts_with(what, prefix))
    fail(c, std::string(where) + ": the message does not start with '" + prefix + "' and say why: '" +
                (what ? what : "(null)") + "'");
}

void check_same_error(const config& c, const cs::error_info& a, const cs::error_info& b, const char* where) {
  if (a.code != b.code || std::strcmp(a.what(), b.what()) != 0)
    fail(c, std::string(where) + ": two forms of the call give different errors: '" + a.what() + "' and '" + b.what() + "'");
}

/// The product of the extents, or -1 beyond int64.
template <cs::layout L>
i128 elements(const cs::shape<L>& y) {
  i128 count = 1;
  for (std::size_t i = 0; i < y.rank(); ++i) {
    count *= y[i];
    if (count > int64_max) return -1;
  }
  return count;
}

template <cs::framework F, cs::layout L, class P>
void check(const config& c, const P& params) {
  constexpr std::size_t n = cs::spatial_rank(L);
  cs::per_dim<n> extents;
  for (std::size_t i = 0; i < n; ++i) extents[i] = c.extent[i];
  const cs::shape<L> x{c.batch, c.channels, extents};  // unchecked, as a caller may build one

  // The shape factory: valid exactly when every extent is at least 1.
  const bool valid_input = c.batch >= 1 && c.channels >= 1 && c.extent[0] >= 1 && (n < 2 || c.extent[1] >= 1) &&
                           (n < 3 || c.extent[2] >= 1);
  const cs::result<cs::shape<L>> made = cs::try_make_shape<L>(c.batch, c.channels, extents);
  if (made.has_value() != valid_input) fail(c, "try_make_shape accepts an extent below 1, or refuses a valid shape");
  if (made && !(*made == x)) fail(c, "try_make_shape changed the extents");
  if (!made) check_error(c, made.error(), std::string(cs::name(L)) + ": ", "try_make_shape");
  try {
    const cs::shape<L> thrown = cs::make_shape<L>(c.batch, c.channels, extents);
    if (!made || !(thrown == x)) fail(c, "make_shape disagrees with try_make_shape");
  } catch (const cs::shape_error& e) {
    if (made) fail(c, "make_shape throws where try_make_shape gives a shape");
    check_same_error(c, e.info(), made.error(), "make_shape");
  }

  // The layer, four ways.
  const cs::result<cs::layer_plan<n>> plan = cs::try_plan<F>(x, params);
  const cs::result<cs::shape<L>> y = try_layer<F>(x, params);
  std::string prefix = op_name(c.op) + std::to_string(n) + "d";
  if (F != cs::framework::generic) prefix += std::string(" (") + cs::name(F) + ")";
  prefix += ": ";
  if (plan.has_value() != y.has_value()) fail(c, "try_plan and the try_ function disagree on acceptance");
  if (!y) {
    check_error(c, y.error(), prefix, "try_ function");
    check_same_error(c, plan.error(), y.error(), "try_plan");
  } else {
    const i64 channels = c.is_pool() ? c.channels : c.filters;
    if (y->batch() != c.batch || y->channels() != channels || plan->channels != channels)
      fail(c, "batch or channels wrong: got " + str(y->batch()) + " and " + str(y->channels()));
    if (!(y->spatial() == plan->output)) fail(c, "try_plan and the try_ function give different extents");
    if (plan->pads.mode != cs::padding_mode::explicit_pads) fail(c, "try_plan's pads are not explicit");
    for (std::size_t i = 0; i < y->rank(); ++i)
      if ((*y)[i] < 1) fail(c, "an extent below 1: " + str((*y)[i]) + " at index " + std::to_string(i));
  }
  try {
    const cs::shape<L> thrown = throwing_layer<F>(x, params);
    if (!y || !(thrown == *y)) fail(c, "the throwing function gives a shape where the try_ function does not, or another one");
  } catch (const cs::shape_error& e) {
    if (y) fail(c, "the throwing function throws where the try_ function gives a shape");
    check_same_error(c, e.info(), y.error(), "throwing function");
  }
  try {
    const cs::padding<n> pads = cs::resolve_padding<F>(x, params);
    if (!plan || !(pads == plan->pads)) fail(c, "resolve_padding disagrees with try_plan");
  } catch (const cs::shape_error& e) {
    if (plan) fail(c, "resolve_padding throws where try_plan gives a plan");
    check_same_error(c, e.info(), plan.error(), "resolve_padding");
  }
  if (y) {
    const i128 expected = elements(*y);
    try {
      if (y->element_count() != expected) fail(c, "element_count is wrong");
    } catch (const cs::shape_error& e) {
      if (expected != -1) fail(c, "element_count raises without overflow");
      if (e.code() != cs::errc::overflow || std::strlen(e.what()) == 0) fail(c, "element_count raises without a reason");
    }
  }

  // The oracle.
  const std::string rejection = layer_rejection(c);
  if (!rejection.empty()) {
    if (y) fail(c, "accepted, but the oracle rejects: " + rejection);
    return;
  }
  bool output_padding_given = false;
  for (std::size_t i = 0; i < n; ++i) output_padding_given = output_padding_given || c.output_padding[i] != 0;
  verdict overall = verdict::accept;
  axis axes[3];
  for (std::size_t i = 0; i < n; ++i) {
    const dim_params p = params_of(c, i);
    axes[i] = c.op == kind::conv_transpose ? transpose_axis(c, p, output_padding_given) : forward_axis(c, p);
    const auto fits = [](i128 v) { return v >= int64_min && v <= int64_max; };
    if (axes[i].v == verdict::accept && !(fits(axes[i].out) && fits(axes[i].pb) && fits(axes[i].pe)))
      axes[i].v = verdict::overflow;  // the answer itself is beyond int64
    if (axes[i].v == verdict::reject) {
      if (y) fail(c, "accepted, but the oracle rejects spatial dim " + std::to_string(i) + ": " + axes[i].why);
      return;
    }
    if (axes[i].v == verdict::overflow) overall = verdict::overflow;
  }
  if (!y) {
    if (overall == verdict::accept)
      fail(c, std::string("rejected ('") + y.error().what() + "'), but the oracle accepts");
    if (y.error().code != cs::errc::overflow)
      fail(c, std::string("rejected as '") + y.error().what() + "', but only an overflow error is allowed here");
    return;
  }
  for (std::size_t i = 0; i < n; ++i) {
    const dim_params p = params_of(c, i);
    const axis& a = axes[i];
    const i64 out = plan->output[i], pb = plan->pads.begin[i], pe = plan->pads.end[i];
    if (out != a.out || pb != a.pb || pe != a.pe) {
      fail(c, "spatial dim " + std::to_string(i) + ": the library gives " + str(out) + " with pads " + str(pb) + "+" +
                  str(pe) + ", the oracle " + str(a.out) + " with pads " + str(a.pb) + "+" + str(a.pe));
    }
    // The pads the library reports must give its output when counted again.
    if (!small(p)) continue;
    const i128 eff = i128{p.d} * (p.k - 1) + 1;
    if (c.op == kind::conv_transpose) {
      if (scattered(c, p, true) - pb - pe != out) fail(c, "the reported pads do not crop the scatter to the output");
    } else if (!a.overhang) {
      const bool same = c.mode == cs::padding_mode::same || c.mode == cs::padding_mode::same_lower;
      const bool ceil_mode = c.is_pool() && c.ceil_mode && !(same && c.fw != cs::framework::onnx);
      if (windows_walked(p.in, pb, pe, eff, p.s, ceil_mode) != out)
        fail(c, "spatial dim " + std::to_string(i) + ": the reported pads give another count of windows");
    }
  }
}

template <cs::framework F, cs::layout L>
void run(const config& c) {
  constexpr std::size_t n = cs::spatial_rank(L);
  cs::per_dim<n> kernel, strides, dilation, pad_begin, pad_end, output_padding;
  for (std::size_t i = 0; i < n; ++i) {
    kernel[i] = c.kernel[i];
    strides[i] = c.strides[i];
    dilation[i] = c.dilation[i];
    pad_begin[i] = c.pad_begin[i];
    pad_end[i] = c.pad_end[i];
    output_padding[i] = c.output_padding[i];
  }
  const cs::padding<n> padding =
      c.mode == cs::padding_mode::explicit_pads ? cs::pads(pad_begin, pad_end) : cs::padding<n>{c.mode};
  cs::pool_strides<n> pool_strides{};
  if (c.pool_strides_given) pool_strides = cs::pool_strides<n>{strides};
  switch (c.op) {
    case kind::conv:
      check<F, L>(c, cs::conv_params<n>{.filters = c.filters, .kernel = kernel, .strides = strides, .padding = padding,
                                        .dilation = dilation, .groups = c.groups});
      break;
    case kind::conv_transpose:
      check<F, L>(c, cs::conv_transpose_params<n>{.filters = c.filters, .kernel = kernel, .strides = strides,
                                                  .padding = padding, .output_padding = output_padding,
                                                  .dilation = dilation, .groups = c.groups});
      break;
    case kind::max_pool:
      check<F, L>(c, cs::max_pool_params<n>{.window = kernel, .strides = pool_strides, .padding = padding,
                                            .dilation = dilation, .ceil_mode = c.ceil_mode});
      break;
    case kind::avg_pool:
      check<F, L>(c, cs::avg_pool_params<n>{.window = kernel, .strides = pool_strides, .padding = padding,
                                            .ceil_mode = c.ceil_mode});
      break;
  }
}

template <cs::framework F>
void run_framework(const config& c) {
  switch (c.rank * 2 + (c.channels_last ? 1 : 0)) {
    case 2: run<F, cs::layout::ncw>(c); break;
    case 3: run<F, cs::layout::nwc>(c); break;
    case 4: run<F, cs::layout::nchw>(c); break;
    case 5: run<F, cs::layout::nhwc>(c); break;
    case 6: run<F, cs::layout::ncdhw>(c); break;
    default: run<F, cs::layout::ndhwc>(c); break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  byte_reader in(data, size);
  const config c = decode(in);
  switch (c.fw) {
    case cs::framework::generic: run_framework<cs::framework::generic>(c); break;
    case cs::framework::torch: run_framework<cs::framework::torch>(c); break;
    case cs::framework::keras: run_framework<cs::framework::keras>(c); break;
    case cs::framework::onnx: run_framework<cs::framework::onnx>(c); break;
  }
  return 0;
}
