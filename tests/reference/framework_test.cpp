// The naive reference kernels against PyTorch and TensorFlow.js.
//
// tools/gen/gen_torch.py and tools/gen/gen_tfjs.js ran the real frameworks on
// random small inputs (fixed seeds) and stored inputs, weights, biases,
// parameters and the frameworks' outputs in tests/reference/data. This test
// only reads those files: CI never runs a framework. For every case it reruns
// the convshape reference kernel in float and requires
//   * the framework's output shape, and the same shape from the constexpr
//     formula (convshape::try_conv, try_conv_transpose, try_max_pool,
//     try_avg_pool);
//   * every value within 1e-4 relative error: |a - b| <= 1e-4 * max(1, |b|),
//     a from the kernel, b from the framework;
//   * at least 200 cases in all, so that a lost data file fails.
// It prints, once, the number of cases checked and the largest error seen
// (|a - b| / max(1, |b|)).
//
// Data format (format 1; also in tools/gen/README.md). Per framework F (torch,
// tfjs) there are two files:
//
//   F.bin       little-endian IEEE float32 values, every array of every case
//               concatenated, nothing else.
//   F.manifest  text, one case per line; '#' starts a comment line, blank
//               lines are skipped. A line is space-separated key=value tokens:
//
//     case=NAME          unique within the file
//     op=OP              conv | conv_transpose | max_pool | avg_pool
//     fw=F               torch | tfjs (must match the file)
//     layout=L           NCW NCHW NCDHW (torch) | NWC NHWC NDHWC (tfjs)
//     call=TEXT          the framework call that made the output (information)
//     x=DIMS@OFF         input: its shape in memory order, as the framework
//                        prints it, and its offset in float32 elements
//     w=FL:DIMS@OFF      weights (conv, conv_transpose): filter layout FL
//                        (oihw, iohw, hwio or hwoi) and shape in that order:
//                        oihw (C_out, C_in/g, *k), iohw (C_in, C_out/g, *k),
//                        hwio (*k, C_in/g, C_out), hwoi (*k, C_out/g, C_in)
//     b=N@OFF | b=-      bias of N = filters values, or none
//     y=DIMS@OFF         the framework's output, memory order
//   conv and conv_transpose:
//     filters=N kernel=K strides=S padding=P dilation=D groups=G
//     output_padding=O   (conv_transpose only)
//   max_pool: window=K strides=S padding=P dilation=D ceil=0|1
//   avg_pool: window=K strides=S padding=P ceil=0|1 divisor=counted|ignored
//
// K, S, D, O are comma-separated, one value per spatial dimension, outermost
// first (depth, height, width). P is valid, same, same_lower, causal, or
// explicit:B:E with B and E the comma-separated begin and end pads. These are
// exactly convshape's parameter structs; divisor is reference::pad_cells.
#include <catch2/catch.hpp>

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <span>
#include <sstream>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include <convshape/convshape.hpp>
#include <convshape/reference.hpp>

#ifndef CONVSHAPE_REFERENCE_DATA_DIR
#error "CONVSHAPE_REFERENCE_DATA_DIR must name tests/reference/data"
#endif

namespace {

namespace cs = convshape;
namespace ref = convshape::reference;

constexpr double tolerance = 1e-4;

/// A malformed data file: the test fails with this message.
struct bad_data : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t at = s.find(sep, start);
    parts.push_back(s.substr(start, at - start));
    if (at == std::string::npos) return parts;
    start = at + 1;
  }
}

std::int64_t parse_int(const std::string& s) {
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || end != s.data() + s.size()) throw bad_data("not an integer: '" + s + "'");
  return v;
}

std::vector<std::int64_t> parse_ints(const std::string& s) {
  std::vector<std::int64_t> v;
  for (const auto& part : split(s, ',')) v.push_back(parse_int(part));
  return v;
}

/// An array in the .bin file: its shape (memory order) and where it starts.
struct array_ref {
  std::vector<std::int64_t> dims;
  std::size_t offset = 0;

  std::size_t count() const {
    std::size_t n = 1;
    for (auto d : dims) n *= static_cast<std::size_t>(d);
    return n;
  }
};

array_ref parse_array(const std::string& s) {
  const auto parts = split(s, '@');
  if (parts.size() != 2) throw bad_data("array is not DIMS@OFFSET: '" + s + "'");
  array_ref a{parse_ints(parts[0]), static_cast<std::size_t>(parse_int(parts[1]))};
  for (auto d : a.dims)
    if (d < 1) throw bad_data("array extent below 1: '" + s + "'");
  return a;
}

struct test_case {
  std::size_t line = 0;
  std::map<std::string, std::string> fields;

  const std::string& get(const std::string& key) const {
    const auto it = fields.find(key);
    if (it == fields.end()) throw bad_data("missing key '" + key + "'");
    return it->second;
  }
  const std::string& name() const { return get("case"); }
};

struct framework_data {
  std::string name;
  std::vector<float> blob;
  std::vector<test_case> cases;
};

std::vector<float> read_floats(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw bad_data("cannot open " + path);
  const std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.size() % 4 != 0) throw bad_data(path + ": size is not a multiple of 4");
  std::vector<float> values(bytes.size() / 4);
  for (std::size_t i = 0; i < values.size(); ++i) {
    const std::uint32_t u = static_cast<std::uint32_t>(bytes[4 * i]) |
                            static_cast<std::uint32_t>(bytes[4 * i + 1]) << 8 |
                            static_cast<std::uint32_t>(bytes[4 * i + 2]) << 16 |
                            static_cast<std::uint32_t>(bytes[4 * i + 3]) << 24;
    values[i] = std::bit_cast<float>(u);  // little-endian whatever the host
  }
  return values;
}

const std::set<std::string>& keys_of(const std::string& op) {
  static const std::map<std::string, std::set<std::string>> keys{
      {"conv", {"filters", "kernel", "strides", "padding", "dilation", "groups", "w", "b"}},
      {"conv_transpose",
       {"filters", "kernel", "strides", "padding", "output_padding", "dilation", "groups", "w", "b"}},
      {"max_pool", {"window", "strides", "padding", "dilation", "ceil"}},
      {"avg_pool", {"window", "strides", "padding", "ceil", "divisor"}},
  };
  const auto it = keys.find(op);
  if (it == keys.end()) throw bad_data("unknown op '" + op + "'");
  return it->second;
}

framework_data load(const std::string& framework) {
  const std::string dir = CONVSHAPE_REFERENCE_DATA_DIR;
  framework_data data{framework, read_floats(dir + "/" + framework + ".bin"), {}};
  const std::string path = dir + "/" + framework + ".manifest";
  std::ifstream in(path);
  if (!in) throw bad_data("cannot open " + path);

  std::set<std::string> names;
  std::size_t covered = 0;  // the arrays must tile the .bin file exactly
  std::string text;
  for (std::size_t line = 1; std::getline(in, text); ++line) {
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (text.empty() || text[0] == '#') continue;
    const std::string where = path + ":" + std::to_string(line) + ": ";
    try {
      test_case c;
      c.line = line;
      std::istringstream tokens(text);
      std::string token;
      while (tokens >> token) {
        const std::size_t eq = token.find('=');
        if (eq == std::string::npos || eq == 0) throw bad_data("token is not key=value: '" + token + "'");
        if (!c.fields.emplace(token.substr(0, eq), token.substr(eq + 1)).second)
          throw bad_data("repeated key in '" + token + "'");
      }
      std::set<std::string> allowed = keys_of(c.get("op"));
      allowed.insert({"case", "op", "fw", "layout", "call", "x", "y"});
      for (const auto& key : allowed)
        if (c.fields.count(key) == 0) throw bad_data("missing key '" + key + "'");
      for (const auto& [key, value] : c.fields)
        if (allowed.count(key) == 0) throw bad_data("unexpected key '" + key + "'");
      if (c.get("fw") != framework) throw bad_data("fw=" + c.get("fw") + " in the " + framework + " manifest");
      if (!names.insert(c.name()).second) throw bad_data("duplicate case " + c.name());

      std::vector<array_ref> arrays{parse_array(c.get("x")), parse_array(c.get("y"))};
      if (c.fields.count("w")) {
        const auto parts = split(c.get("w"), ':');
        if (parts.size() != 2) throw bad_data("w is not LAYOUT:DIMS@OFFSET");
        arrays.push_back(parse_array(parts[1]));
        if (c.get("b") != "-") arrays.push_back(parse_array(c.get("b")));
      }
      for (const auto& a : arrays) {
        if (a.offset > data.blob.size() || a.count() > data.blob.size() - a.offset)
          throw bad_data("array past the end of " + framework + ".bin");
        covered += a.count();
      }
      data.cases.push_back(std::move(c));
    } catch (const bad_data& e) {
      throw bad_data(where + e.what());
    }
  }
  if (covered != data.blob.size())
    throw bad_data(path + ": the arrays cover " + std::to_string(covered) + " of the " +
                   std::to_string(data.blob.size()) + " floats in " + framework + ".bin");
  return data;
}

// --- from manifest text to convshape parameters ---------------------------

template <std::size_t N>
cs::per_dim<N> per_dim_of(const std::string& s) {
  const auto v = parse_ints(s);
  if (v.size() != N) throw bad_data("expected " + std::to_string(N) + " values, got '" + s + "'");
  cs::per_dim<N> p;
  for (std::size_t i = 0; i < N; ++i) p[i] = v[i];
  return p;
}

template <std::size_t N>
cs::padding<N> padding_of(const std::string& s) {
  if (s == "valid") return cs::valid;
  if (s == "same") return cs::same;
  if (s == "same_lower") return cs::same_lower;
  if (s == "causal") return cs::causal;
  const auto parts = split(s, ':');
  if (parts.size() != 3 || parts[0] != "explicit") throw bad_data("bad padding '" + s + "'");
  return cs::pads(per_dim_of<N>(parts[1]), per_dim_of<N>(parts[2]));
}

bool flag_of(const std::string& s) {
  if (s == "0") return false;
  if (s == "1") return true;
  throw bad_data("bad flag '" + s + "'");
}

/// A shape from its extents in memory order.
template <cs::layout L>
cs::shape<L> shape_of(const std::vector<std::int64_t>& d) {
  constexpr std::size_t n = cs::spatial_rank(L);
  if (d.size() != n + 2) throw bad_data("expected a rank " + std::to_string(n + 2) + " array");
  cs::per_dim<n> spatial;
  const std::size_t first = cs::is_channels_last(L) ? 1 : 2;
  for (std::size_t i = 0; i < n; ++i) spatial[i] = d[first + i];
  return cs::make_shape<L>(d[0], cs::is_channels_last(L) ? d[n + 1] : d[1], spatial);
}

template <cs::layout L>
ref::tensor<float, L> tensor_of(const array_ref& a, const std::vector<float>& blob) {
  ref::tensor<float, L> t(shape_of<L>(a.dims));
  std::copy_n(blob.begin() + static_cast<std::ptrdiff_t>(a.offset), a.count(), t.data().begin());
  return t;
}

/// Weights from "FL:DIMS@OFF"; `transposed` says which filter layouts fit.
template <std::size_t N>
ref::filter<float, N> filter_of(const std::string& s, const std::vector<float>& blob, bool transposed) {
  const auto parts = split(s, ':');
  const array_ref a = parse_array(parts.at(1));
  if (a.dims.size() != N + 2) throw bad_data("weights of the wrong rank: '" + s + "'");
  ref::filter_layout fl{};
  if (parts[0] == "oihw" && !transposed) fl = ref::filter_layout::oihw;
  else if (parts[0] == "hwio" && !transposed) fl = ref::filter_layout::hwio;
  else if (parts[0] == "iohw" && transposed) fl = ref::filter_layout::iohw;
  else if (parts[0] == "hwoi" && transposed) fl = ref::filter_layout::hwoi;
  else throw bad_data("filter layout '" + parts[0] + "' does not fit this op");

  // (outer, inner) is (C_out, C_in/g) for convolution, (C_in, C_out/g) for
  // transposed convolution; oihw/iohw store it first, hwio/hwoi store
  // (inner, outer) last.
  const bool channels_first = fl == ref::filter_layout::oihw || fl == ref::filter_layout::iohw;
  cs::per_dim<N> kernel;
  for (std::size_t i = 0; i < N; ++i) kernel[i] = a.dims[channels_first ? 2 + i : i];
  const std::int64_t outer = channels_first ? a.dims[0] : a.dims[N + 1];
  const std::int64_t inner = channels_first ? a.dims[1] : a.dims[N];
  ref::filter<float, N> w(fl, outer, inner, kernel);
  std::copy_n(blob.begin() + static_cast<std::ptrdiff_t>(a.offset), a.count(), w.data().begin());
  return w;
}

std::vector<float> bias_of(const std::string& s, const std::vector<float>& blob) {
  if (s == "-") return {};
  const array_ref a = parse_array(s);
  if (a.dims.size() != 1) throw bad_data("bias is not 1-D: '" + s + "'");
  const auto first = blob.begin() + static_cast<std::ptrdiff_t>(a.offset);
  return {first, first + static_cast<std::ptrdiff_t>(a.count())};
}

// --- running and comparing -------------------------------------------------

/// "NHWC(2, 5, 5, 3)": the layout, then the extents in memory order.
template <cs::layout L>
std::string text(const cs::shape<L>& s) {
  std::string t = std::string(cs::name(L)) + "(";
  for (std::size_t i = 0; i < s.rank(); ++i) t += (i ? ", " : "") + std::to_string(s[i]);
  return t + ")";
}

struct tally {
  std::size_t cases = 0;
  std::size_t values = 0;
  double largest_error = 0;
  std::string largest_in;
};

/// The kernel's output and the formula's shape against the framework's.
template <cs::layout L>
void compare(const test_case& c, const std::vector<float>& blob, const ref::tensor<float, L>& got,
             const cs::result<cs::shape<L>>& formula, tally& t) {
  const array_ref want = parse_array(c.get("y"));
  const cs::shape<L> want_shape = shape_of<L>(want.dims);
  INFO("framework output " << text(want_shape) << ", kernel output " << text(got.dims()));
  CHECK(got.dims() == want_shape);
  if (formula.has_value()) {
    INFO("formula " << text(formula.value()));
    CHECK(formula.value() == want_shape);
  } else {
    FAIL_CHECK("the formula rejects the case: " << formula.error().what());
  }
  if (got.dims() != want_shape) return;

  std::size_t bad = 0, first_bad = 0;
  double worst = 0;
  for (std::size_t i = 0; i < want.count(); ++i) {
    const double a = got.data()[i];
    const double b = blob[want.offset + i];
    const double err = std::fabs(a - b) / std::max(1.0, std::fabs(b));
    if (!(err <= tolerance)) {  // NaN fails too
      if (bad++ == 0) first_bad = i;
    }
    if (!(err <= worst)) worst = err;
  }
  if (bad != 0) {
    INFO(bad << " of " << want.count() << " values differ; first at element " << first_bad << ": kernel "
              << got.data()[first_bad] << ", framework " << blob[want.offset + first_bad]);
    CHECK(bad == 0);
  }
  ++t.cases;
  t.values += want.count();
  if (!(worst <= t.largest_error)) {
    t.largest_error = worst;
    t.largest_in = c.name();
  }
}

template <cs::layout L>
void run(const test_case& c, const std::vector<float>& blob, tally& t) {
  constexpr std::size_t n = cs::spatial_rank(L);
  const std::string& op = c.get("op");
  const auto x = tensor_of<L>(parse_array(c.get("x")), blob);
  if (op == "conv" || op == "conv_transpose") {
    const bool transposed = op == "conv_transpose";
    const auto w = filter_of<n>(c.get("w"), blob, transposed);
    const auto b = bias_of(c.get("b"), blob);
    const std::span<const float> bias(b);
    if (transposed) {
      const cs::conv_transpose_params<n> p{.filters = parse_int(c.get("filters")),
                                           .kernel = per_dim_of<n>(c.get("kernel")),
                                           .strides = per_dim_of<n>(c.get("strides")),
                                           .padding = padding_of<n>(c.get("padding")),
                                           .output_padding = per_dim_of<n>(c.get("output_padding")),
                                           .dilation = per_dim_of<n>(c.get("dilation")),
                                           .groups = parse_int(c.get("groups"))};
      compare(c, blob, ref::conv_transpose(x, w, bias, p), cs::try_conv_transpose(x.dims(), p), t);
    } else {
      const cs::conv_params<n> p{.filters = parse_int(c.get("filters")),
                                 .kernel = per_dim_of<n>(c.get("kernel")),
                                 .strides = per_dim_of<n>(c.get("strides")),
                                 .padding = padding_of<n>(c.get("padding")),
                                 .dilation = per_dim_of<n>(c.get("dilation")),
                                 .groups = parse_int(c.get("groups"))};
      compare(c, blob, ref::conv(x, w, bias, p), cs::try_conv(x.dims(), p), t);
    }
  } else if (op == "max_pool") {
    cs::max_pool_params<n> p;
    p.window = per_dim_of<n>(c.get("window"));
    p.strides = cs::pool_strides<n>(per_dim_of<n>(c.get("strides")));
    p.padding = padding_of<n>(c.get("padding"));
    p.dilation = per_dim_of<n>(c.get("dilation"));
    p.ceil_mode = flag_of(c.get("ceil"));
    compare(c, blob, ref::max_pool(x, p), cs::try_max_pool(x.dims(), p), t);
  } else {
    cs::avg_pool_params<n> p;
    p.window = per_dim_of<n>(c.get("window"));
    p.strides = cs::pool_strides<n>(per_dim_of<n>(c.get("strides")));
    p.padding = padding_of<n>(c.get("padding"));
    p.ceil_mode = flag_of(c.get("ceil"));
    const std::string& divisor = c.get("divisor");
    if (divisor != "counted" && divisor != "ignored") throw bad_data("bad divisor '" + divisor + "'");
    const auto cells = divisor == "counted" ? ref::pad_cells::counted : ref::pad_cells::ignored;
    compare(c, blob, ref::avg_pool(x, p, cells), cs::try_avg_pool(x.dims(), p), t);
  }
}

void run_case(const test_case& c, const std::vector<float>& blob, tally& t) {
  const std::string& layout = c.get("layout");
  if (layout == "NCW") return run<cs::layout::ncw>(c, blob, t);
  if (layout == "NWC") return run<cs::layout::nwc>(c, blob, t);
  if (layout == "NCHW") return run<cs::layout::nchw>(c, blob, t);
  if (layout == "NHWC") return run<cs::layout::nhwc>(c, blob, t);
  if (layout == "NCDHW") return run<cs::layout::ncdhw>(c, blob, t);
  if (layout == "NDHWC") return run<cs::layout::ndhwc>(c, blob, t);
  throw bad_data("unknown layout '" + layout + "'");
}

}  // namespace

TEST_CASE("reference kernels reproduce PyTorch and TensorFlow.js outputs", "[framework][reference]") {
  // At least this many cases per framework and in all: fewer means a data
  // file was lost or truncated.
  constexpr std::size_t min_per_framework = 80;
  constexpr std::size_t min_total = 200;

  tally total;
  std::map<std::string, std::size_t> per_framework;
  for (const std::string framework : {"torch", "tfjs"}) {
    framework_data data;
    try {
      data = load(framework);
    } catch (const std::exception& e) {
      FAIL("cannot load the " << framework << " reference data: " << e.what());
    }
    CHECK(data.cases.size() >= min_per_framework);
    for (const auto& c : data.cases) {
      INFO(framework << ".manifest:" << c.line << ": " << c.name() << " (" << c.get("call") << ")");
      const std::size_t before = total.cases;
      try {
        run_case(c, data.blob, total);
      } catch (const std::exception& e) {  // bad_data, ref::rejected, cs::shape_error
        FAIL_CHECK("threw: " << e.what());
      }
      per_framework[framework] += total.cases - before;
    }
  }

  std::printf("framework reference: %zu cases checked (torch %zu, tfjs %zu), %zu values; largest error "
              "|a-b|/max(1,|b|) = %.3g in %s (tolerance %g)\n",
              total.cases, per_framework["torch"], per_framework["tfjs"], total.values, total.largest_error,
              total.largest_in.empty() ? "-" : total.largest_in.c_str(), tolerance);
  REQUIRE(total.cases >= min_total);
  CHECK(total.largest_error <= tolerance);
}
