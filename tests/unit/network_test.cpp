// Composition: the layers that join, flatten and resize, the network that
// records them, its figures and its errors.
#include <array>
#include <cstdint>
#include <string>
#include <utility>

#include "support.hpp"

using Catch::Matchers::Contains;
using test::opaque;

namespace {

/// The message of the shape_error that `f` throws, or "" if it throws none.
template <class F>
std::string error_of(F f, cs::errc code) {
  try {
    (void)f();
  } catch (const cs::shape_error& e) {
    CHECK(e.code() == code);
    return e.what();
  }
  FAIL("no shape_error");
  return "";
}

}  // namespace

TEST_CASE("flatten multiplies channels and spatial extents, in either layout", "[network][flat]") {
  CHECK_BOTH(cs::flatten(opaque(cs::nchw(2, 512, 7, 7))) == cs::flat_shape{2, 25088});
  CHECK_BOTH(cs::flatten(opaque(cs::nhwc(2, 7, 7, 512))) == cs::flat_shape{2, 25088});
  CHECK_BOTH(cs::flatten(opaque(cs::ncdhw(1, 2, 3, 4, 5))) == cs::flat_shape{1, 120});
  const auto huge = cs::nchw(1, test::int64_max / 2, 2, 2);
  CHECK(cs::try_flatten(huge).error().code == cs::errc::overflow);
}

TEST_CASE("dense takes a flat input and checks in_features when it is given", "[network][flat]") {
  CHECK_BOTH(cs::dense(cs::flat_shape{4, opaque(120)}, {.units = 84}) == cs::flat_shape{4, 84});
  CHECK_BOTH(cs::dense(cs::flat_shape{4, opaque(120)}, {.in_features = 120, .units = 84}) == cs::flat_shape{4, 84});
  const std::string m = error_of([] { return cs::dense(cs::flat_shape{1, opaque(25088)}, {.in_features = 4096, .units = 10}); },
                                 cs::errc::shapes_differ);
  CHECK_THAT(m, Contains("in_features 4096") && Contains("25088"));
  CHECK_THAT(error_of([] { return cs::dense(cs::flat_shape{1, 8}, {.units = opaque(0)}); }, cs::errc::units_below_one),
             Contains("units must be at least 1, got 0"));
  CHECK(cs::try_dense({0, 8}, {.units = 2}).error().code == cs::errc::extent_below_one);
}

TEST_CASE("add wants equal shapes, concat equal batch and spatial extents", "[network][merge]") {
  static constexpr auto a = cs::nchw(1, 64, 56, 56);
  CHECK_BOTH(cs::add(opaque(a), a) == a);
  CHECK_BOTH(cs::concat(opaque(a), cs::nchw(1, 32, 56, 56)) == cs::nchw(1, 96, 56, 56));
  CHECK_BOTH(cs::concat(opaque(cs::nhwc(1, 56, 56, 64)), cs::nhwc(1, 56, 56, 32)) == cs::nhwc(1, 56, 56, 96));

  // Both shapes and the layer are named.
  const std::string sum = error_of([&] { return cs::add(a, cs::nchw(1, 64, 56, 55), "res2a"); }, cs::errc::shapes_differ);
  CHECK(sum == "add 'res2a': shapes must match, got NCHW(1, 64, 56, 56) and NCHW(1, 64, 56, 55)");
  const std::string skip = error_of([&] { return cs::concat(a, cs::nchw(1, 64, 57, 57), "cat4"); }, cs::errc::shapes_differ);
  CHECK(skip == "concat 'cat4': spatial extents must match, got NCHW(1, 64, 56, 56) and NCHW(1, 64, 57, 57)");
  CHECK_THAT(error_of([&] { return cs::concat(a, cs::nchw(2, 64, 56, 56)); }, cs::errc::shapes_differ),
             Contains("concat: batch must match"));
  CHECK(cs::try_concat(cs::ncw(1, test::int64_max, 4), cs::ncw(1, 1, 4)).error().code == cs::errc::overflow);
  CHECK(cs::try_add(cs::ncw_shape{1, 0, 4}, cs::ncw_shape{1, 0, 4}).error().code == cs::errc::extent_below_one);
}

TEST_CASE("a merge's receptive field is the union of its inputs' along each dimension", "[network][merge]") {
  constexpr auto net = [] {
    cs::network<cs::layout::nchw, 4> n(cs::nchw(1, 1, 16, 16));
    const auto a = n(n.input(), cs::conv2d({.filters = 1, .kernel = 3, .padding = 1}));
    const auto b = n(n.input(), cs::conv2d({.filters = 1, .kernel = {4, 3}, .padding = cs::pads<2>({0, 2}, {3, 0})}));
    n.concat(a, b, "cat");
    return n;
  }();
  STATIC_REQUIRE(net.at("cat").output == cs::nchw(1, 2, 16, 16));
  // Height: [-1, 2) and [0, 4), so [-1, 4). Width: [-1, 2) and [-2, 1), so [-2, 2).
  STATIC_REQUIRE(net.at("cat").receptive_field.defined);
  STATIC_REQUIRE(net.at("cat").receptive_field.start == cs::per_dim<2>{-1, -2});
  STATIC_REQUIRE(net.at("cat").receptive_field.size == cs::per_dim<2>{5, 4});
  STATIC_REQUIRE(net.at("cat").receptive_field.jump == cs::per_dim<2>{1, 1});
}

TEST_CASE("upsample, center_crop and the global pools", "[network][resize]") {
  CHECK_BOTH(cs::upsample(opaque(cs::nchw(1, 8, 7, 9)), {.scale = {2, 3}}) == cs::nchw(1, 8, 14, 27));
  CHECK_BOTH(cs::upsample(opaque(cs::nwc(1, 5, 8)), {}) == cs::nwc(1, 10, 8));  // Keras' default size 2
  CHECK(cs::try_upsample(cs::ncw(1, 1, test::int64_max / 2 + 1), {.scale = 2}).error().code == cs::errc::overflow);
  CHECK_THAT(error_of([] { return cs::upsample(cs::nchw(1, 1, 4, 4), {.scale = {1, opaque(-1)}}); },
                      cs::errc::scale_below_one),
             Contains("scale must be at least 1, got -1 in spatial dim 1"));

  CHECK_BOTH(cs::center_crop(opaque(cs::nchw(1, 512, 64, 64)), {56, 56}) == cs::nchw(1, 512, 56, 56));
  CHECK_BOTH(cs::center_crop_offset(64, 56) == 4);
  CHECK_BOTH(cs::center_crop_offset(7, 4) == 1);  // the odd element is cut at the end
  CHECK_THAT(error_of([] { return cs::center_crop(cs::nchw(1, 1, 56, 56), {opaque(57), 56}); }, cs::errc::shapes_differ),
             Contains("target extent 57 in spatial dim 0 must lie in [1, 56]"));
  CHECK(cs::try_center_crop(cs::nchw(1, 1, 8, 8), {0, 8}).error().code == cs::errc::extent_below_one);

  CHECK_BOTH(cs::global_avg_pool(opaque(cs::nchw(8, 2048, 7, 7))) == cs::nchw(8, 2048, 1, 1));
  CHECK_BOTH(cs::global_max_pool(opaque(cs::ndhwc(1, 4, 5, 6, 3))) == cs::ndhwc(1, 1, 1, 1, 3));
  CHECK_BOTH(cs::activation(opaque(cs::nchw(1, 3, 4, 5))) == cs::nchw(1, 3, 4, 5));
  CHECK_BOTH(cs::batch_norm(opaque(cs::nhwc(1, 4, 5, 3))) == cs::nhwc(1, 4, 5, 3));
}

TEST_CASE("depthwise and pointwise convolution are convolutions with groups and 1x1 kernels", "[network][depthwise]") {
  static constexpr auto x = cs::nhwc(1, 112, 112, 32);
  CHECK_BOTH(cs::depthwise_conv(opaque(x), {.kernel = 3, .strides = 2, .padding = cs::same}) == cs::nhwc(1, 56, 56, 32));
  CHECK_BOTH(cs::depthwise_conv(opaque(x), {.kernel = 3, .padding = 1, .depth_multiplier = 2}) ==
             cs::nhwc(1, 112, 112, 64));
  CHECK_BOTH(cs::pointwise_conv(opaque(x), 64) == cs::nhwc(1, 112, 112, 64));
  CHECK(cs::try_depthwise_conv(x, {.kernel = 3, .depth_multiplier = 0}).error().code == cs::errc::filters_below_one);
  CHECK(cs::try_depthwise_conv(cs::nhwc(1, 8, 8, test::int64_max), {.kernel = 3, .depth_multiplier = 2}).error().code ==
        cs::errc::overflow);
}

TEST_CASE("a network records each layer's output, parameters and multiply-accumulates", "[network]") {
  // Counted by hand: weights = filters * channels / groups * window (+ filters
  // for the bias); MACs = output elements * channels / groups * window.
  constexpr auto net = cs::sequential(cs::nchw(2, 32, 16, 16),                                          //
                                      cs::conv2d({.filters = 64, .kernel = 3, .padding = 1, .groups = 4}),  //
                                      cs::batch_norm(),                                                 //
                                      cs::depthwise_conv<2>({.kernel = 3, .strides = 2, .padding = 1, .bias = false}),
                                      cs::conv2d_transpose({.filters = 8, .kernel = 2, .strides = 2, .bias = false}),
                                      cs::global_avg_pool(), cs::flatten(), cs::dense({.units = 10}));
  STATIC_REQUIRE(net.size() == 8);
  STATIC_REQUIRE(net[1].params == 64 * 8 * 9 + 64);
  STATIC_REQUIRE(net[1].macs == (2 * 64 * 16 * 16) * 8 * 9);
  STATIC_REQUIRE(net[2].params == 2 * 64);
  STATIC_REQUIRE(net[3].output == cs::nchw(2, 64, 8, 8));
  STATIC_REQUIRE(net[3].params == 64 * 1 * 9);
  STATIC_REQUIRE(net[3].macs == (2 * 64 * 8 * 8) * 9);
  // Transposed: every input element meets filters / groups windows.
  STATIC_REQUIRE(net[4].output == cs::nchw(2, 8, 16, 16));
  STATIC_REQUIRE(net[4].params == 64 * 8 * 4);
  STATIC_REQUIRE(net[4].macs == (2 * 64 * 8 * 8) * 8 * 4);
  STATIC_REQUIRE(net[6].flat && net[6].flat_output() == cs::flat_shape{2, 8});
  STATIC_REQUIRE(net[7].params == 8 * 10 + 10);
  STATIC_REQUIRE(net[7].macs == 2 * 8 * 10);
  STATIC_REQUIRE(net.params() == net[1].params + net[2].params + net[3].params + net[4].params + net[7].params);
  STATIC_REQUIRE(net.macs() == net[1].macs + net[3].macs + net[4].macs + net[7].macs);
  // The record of a name, and the names as given.
  STATIC_REQUIRE(net[0].name == cs::layer_name("input"));
  STATIC_REQUIRE(net[1].name.empty());
}

namespace {

/// Whether a layer and a merge named `name` both keep its first `kept`
/// characters, and only those.
constexpr bool keeps(const char* name, std::size_t kept) {
  cs::network<cs::layout::nchw, 3> net(cs::nchw(1, 2, 4, 4));
  const auto x = net(net.input(), cs::activation(name));
  net.concat(x, x, name);
  for (std::size_t i = 1; i < net.size(); ++i) {
    const cs::layer_name& copy = net[i].name;
    if (copy.length != kept || copy.text[kept] != '\0') return false;
    for (std::size_t c = 0; c < kept; ++c)
      if (copy.text[c] != name[c]) return false;
  }
  return true;
}

/// The last `length` of 200 characters.
constexpr const char* last(std::size_t length) {
  constexpr const char* digits =
      "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklmnopqrstuvwxyzAB"
      "CDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcd";
  static_assert(std::char_traits<char>::length(digits) == 200);
  return digits + 200 - length;
}

/// A name composed in constant evaluation, as examples/models/resnet50.hpp composes its own.
constexpr bool keeps_composed() {
  const cs::layer_name composed = cs::layer_name("layer").append(std::int64_t{3}).append(".conv").append(std::int64_t{12});
  return test::same_text(composed.c_str(), "layer3.conv12") && keeps(composed.c_str(), 13);
}

}  // namespace

TEST_CASE("a network keeps a copy of every name, up to 127 characters", "[network]") {
  // Every length around the ones at which a network copies a name
  // differently (network::name_of), a layer's and a merge's, in both
  // evaluations.
  STATIC_REQUIRE(keeps(last(0), 0));
  STATIC_REQUIRE(keeps(last(1), 1));
  STATIC_REQUIRE(keeps(last(31), 31));
  STATIC_REQUIRE(keeps(last(32), 32));
  STATIC_REQUIRE(keeps(last(33), 33));
  STATIC_REQUIRE(keeps(last(64), 64));
  STATIC_REQUIRE(keeps(last(65), 65));
  STATIC_REQUIRE(keeps(last(126), 126));
  STATIC_REQUIRE(keeps(last(127), 127));
  STATIC_REQUIRE(keeps(last(128), 127));
  STATIC_REQUIRE(keeps(last(200), 127));
  STATIC_REQUIRE(keeps(nullptr, 0));
  STATIC_REQUIRE(keeps_composed());
  constexpr std::size_t lengths[] = {0, 1, 31, 32, 33, 64, 65, 126, 127, 128, 200};
  for (const std::size_t length : lengths) {
    INFO("length " << length);
    CHECK(keeps(last(static_cast<std::size_t>(test::opaque(static_cast<std::int64_t>(length)))),
                length < 127 ? length : 127));
  }
  CHECK(keeps(nullptr, 0));
  CHECK(keeps_composed());
  // And the lookup by name finds the long names.
  constexpr auto net = cs::sequential(cs::nchw(1, 2, 4, 4), cs::activation(last(126)), cs::activation(last(65)));
  STATIC_REQUIRE(net.index_of(last(65)) == 2);
  CHECK(net.index_of(last(126)) == 1);
}

TEST_CASE("a batch norm's parameters are counted as its network's framework counts them", "[network][framework]") {
  // PyTorch's parameters() holds weight and bias (the running statistics are
  // buffers); Keras' countParams() and ONNX's initializers hold the moving
  // mean and variance too.
  constexpr auto bn_params = [](const auto& net) { return net.at("bn").params; };
  CHECK_BOTH(bn_params(cs::sequential(opaque(cs::nchw(1, 16, 8, 8)), cs::batch_norm("bn"))) == 2 * 16);
  CHECK_BOTH(bn_params(cs::sequential<cs::torch>(opaque(cs::nchw(1, 16, 8, 8)), cs::batch_norm("bn"))) == 2 * 16);
  CHECK_BOTH(bn_params(cs::sequential<cs::keras>(opaque(cs::nhwc(1, 8, 8, 16)), cs::batch_norm("bn"))) == 4 * 16);
  CHECK_BOTH(bn_params(cs::sequential<cs::onnx>(opaque(cs::nchw(1, 16, 8, 8)), cs::batch_norm("bn"))) == 4 * 16);
  // After flatten, per feature: Keras' BatchNormalization on (N, 120).
  CHECK_BOTH(cs::sequential<cs::keras>(opaque(cs::nhwc(2, 2, 3, 20)), cs::flatten(), cs::batch_norm("bn")).params() ==
             4 * 120);
  // Four a channel overflow where two do not.
  cs::network<cs::layout::nchw, 2> generic(opaque(cs::nchw(1, test::int64_max / 3, 1, 1)));
  CHECK(generic.try_apply(generic.input(), cs::batch_norm()));
  cs::network<cs::layout::nchw, 2, cs::onnx> onnx(opaque(cs::nchw(1, test::int64_max / 3, 1, 1)));
  const auto overflowed = onnx.try_apply(onnx.input(), cs::batch_norm("bn"));
  REQUIRE(!overflowed);
  CHECK(std::string(overflowed.error().what()) ==
        "layer 1 'bn' (batch_norm): parameter or multiply-accumulate count overflows int64");
}

TEST_CASE("activation totals: every output, the largest tensor, and the peak alive at once", "[network]") {
  // input 100 -> a 200 -> b 50 -> add(b, c) where c reads the input: the
  // input stays alive until c has run.
  constexpr auto figures = [] {
    cs::network<cs::layout::ncw, 8> net(cs::ncw(1, 1, 100));
    const auto in = net.input();
    const auto a = net(in, cs::conv1d({.filters = 2, .kernel = 1}));           // 200, input still needed
    const auto b = net(a, cs::max_pool1d({.window = 4}));                      // 50
    const auto c = net(in, cs::conv1d({.filters = 2, .kernel = 4, .strides = 4}));  // 50; frees input and nothing else
    const auto d = net.add(b, c);                                                // 50
    struct {
      std::int64_t total, largest, peak;
    } f{net.total_activation(), net.largest_activation(), net.peak_activation()};
    (void)d;
    return f;
  }();
  STATIC_REQUIRE(figures.total == 200 + 50 + 50 + 50);
  STATIC_REQUIRE(figures.largest == 200);
  // While a runs: input 100 + a 200. While b runs: input + a + b = 350, the peak.
  STATIC_REQUIRE(figures.peak == 350);

  // A chain holds at most one input and one output at once.
  constexpr auto chain = cs::sequential(cs::nchw(1, 3, 8, 8), cs::conv2d({.filters = 4, .kernel = 1}),
                                        cs::conv2d({.filters = 2, .kernel = 1}), cs::conv2d({.filters = 8, .kernel = 1}));
  STATIC_REQUIRE(chain.peak_activation() == 2 * 64 + 8 * 64);
  std::array<float, chain.peak_activation()> arena{};  // the point: a static buffer sized at compile time
  CHECK(arena.size() == 640);
}

TEST_CASE("a failing layer is named by index and name, with its own message", "[network][error]") {
  const cs::layer<2> layers[] = {cs::conv2d({.filters = 8, .kernel = 3}, "c1"), cs::max_pool2d({.window = 2}, "p1"),
                                 cs::conv2d({.filters = 8, .kernel = 5}, "c2")};
  CHECK(cs::sequential(cs::nchw(1, 3, 16, 16), layers).output() == cs::nchw(1, 8, 3, 3));
  const std::string m = error_of([&] { return cs::sequential(cs::nchw(1, 3, opaque(10), 10), layers); },
                                 cs::errc::kernel_exceeds_padded_input);
  CHECK(m == "layer 3 'c2' (conv): conv2d: effective kernel 5 (kernel 5, dilation 1) exceeds padded input 4 in spatial dim 0");

  CHECK_THAT(error_of([] { return cs::sequential(cs::nchw(1, 3, 8, 8), cs::flatten("f"), cs::conv2d({.filters = 1, .kernel = 1}, "c")); },
                      cs::errc::wrong_rank),
             Contains("layer 2 'c' (conv): needs a spatial input, got the flattened output of layer 1"));
  CHECK_THAT(error_of([] { return cs::sequential(cs::nchw(1, 3, 8, 8), cs::dense({.units = 4}, "fc")); }, cs::errc::wrong_rank),
             Contains("layer 1 'fc' (dense): needs a flattened input, got NCHW(1, 3, 8, 8): add flatten before it"));
  CHECK_THAT(error_of([] { return cs::sequential(cs::nchw(1, 512, 7, 6), cs::flatten(), cs::dense({.in_features = 25088, .units = 10}, "fc")); },
                      cs::errc::shapes_differ),
             Contains("layer 2 'fc' (dense): dense: in_features 25088 does not match the input's 21504 features"));
  CHECK_THAT(error_of([] { return cs::sequential(cs::nchw_shape{1, 0, {8, 8}}, cs::flatten()); }, cs::errc::extent_below_one),
             Contains("network input: input channels must be at least 1, got 0"));

  cs::network<cs::layout::nchw, 3> small(cs::nchw(1, 3, 8, 8));
  cs::network<cs::layout::nchw, 3> other(cs::nchw(1, 3, 9, 9));
  const auto x = small(small.input(), cs::activation());
  CHECK_THAT(error_of([&] { return other(x, cs::activation("relu")); }, cs::errc::no_such_layer),
             Contains("layer 1 'relu' (activation): the input tensor does not come from this network"));
  (void)small(x, cs::activation());
  CHECK_THAT(error_of([&] { return small(x, cs::activation("one too many")); }, cs::errc::capacity_exceeded),
             Contains("the network holds at most 3 records"));
  CHECK_THAT(error_of([&] { return small.at("nothing"); }, cs::errc::no_such_layer), Contains("no layer is named 'nothing'"));

  // The non-throwing forms leave the network as it was.
  cs::network<cs::layout::nchw, 4> net(cs::nchw(1, 3, 8, 8));
  const auto bad = net.try_apply(net.input(), cs::conv2d({.filters = 4, .kernel = 9}));
  CHECK(bad.error().code == cs::errc::kernel_exceeds_padded_input);
  CHECK(net.size() == 1);
  CHECK(net.try_merge(cs::layer_kind::add, net.input(), net(net.input(), cs::conv2d({.filters = 4, .kernel = 1}))).error().code ==
        cs::errc::shapes_differ);
  CHECK(net.size() == 2);
}

TEST_CASE("the layer's framework decides, as for single layers", "[network][framework]") {
  // PyTorch has no 'same' for a strided convolution; the generic rule has.
  const cs::layer<2> strided_same[] = {cs::conv2d({.filters = 4, .kernel = 3, .strides = 2, .padding = cs::same}, "s")};
  CHECK(cs::sequential(cs::nchw(1, 3, 8, 8), strided_same).output() == cs::nchw(1, 4, 4, 4));
  CHECK_THAT(error_of([&] { return cs::sequential<cs::torch>(cs::nchw(1, 3, 8, 8), strided_same); }, cs::errc::not_supported),
             Contains("layer 1 's' (conv): conv2d (torch): padding='same' is not supported for strided convolutions"));
}

TEST_CASE("smallest_input counts up from 1, so a fixed in_features gives a band", "[network][solve]") {
  const cs::layer<2> features[] = {cs::conv2d({.filters = 8, .kernel = 3, .padding = 1}), cs::max_pool2d({.window = 2}),
                                   cs::conv2d({.filters = 8, .kernel = 3}), cs::max_pool2d({.window = 2})};
  CHECK(cs::smallest_input(cs::nchw(1, 3, 64, 48), features) == cs::per_dim<2>{8, 8});
  // Flattened into a dense layer that wants 8 * 3 * 3 features: only 16 to 19.
  const cs::layer<2> classifier[] = {features[0], features[1], features[2], features[3], cs::flatten(),
                                     cs::dense({.in_features = 72, .units = 10})};
  CHECK(cs::smallest_input(cs::nchw(1, 3, 18, 19), classifier) == cs::per_dim<2>{16, 16});
  CHECK_THROWS_AS(cs::smallest_input(cs::nchw(1, 3, 24, 24), classifier), cs::shape_error);
  STATIC_REQUIRE(cs::smallest_input(cs::ncw(1, 1, 10), {cs::conv1d({.filters = 1, .kernel = 3, .dilation = 2})}) ==
                 cs::per_dim<1>{5});
}

namespace {

// 300 activations: more than clang's fold nesting limit of 256.
template <std::size_t... I>
constexpr auto many_layers(std::index_sequence<I...>) {
  struct list {
    cs::layer<1> layers[sizeof...(I)];
  };
  return list{{(static_cast<void>(I), cs::layer<1>(cs::activation()))...}};
}

}  // namespace

TEST_CASE("sequential takes more layers than a compiler's fold limit", "[network]") {
  static constexpr auto list = many_layers(std::make_index_sequence<300>{});
  constexpr auto net = cs::sequential(cs::ncw(1, 2, 8), list.layers);
  STATIC_REQUIRE(net.size() == 301);
  STATIC_REQUIRE(net.output() == cs::ncw(1, 2, 8));
}
