// shape_program: a network checked at compile time, replayed on run-time
// input sizes. Its fast paths must give what the network gives, shape for
// shape and message for message, on every input.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include <catch2/catch.hpp>
#include <convshape/convshape.hpp>

#include "../../examples/models/resnet50.hpp"

namespace cs = convshape;

namespace {

constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();

constexpr auto resnet50_program = models::resnet50_program();
constexpr auto resnet50_slim_program = models::resnet50_program(models::resnet_stride::slim);

/// LeNet-5 as a builder, for programs and networks alike.
template <class Net>
constexpr Net lenet5_into(Net net) {
  auto x = net(net.input(), cs::conv2d({.filters = 6, .kernel = 5}, "c1"));
  x = net(x, cs::avg_pool2d({.window = 2}, "s2"));
  x = net(x, cs::conv2d({.filters = 16, .kernel = 5}, "c3"));
  x = net(x, cs::avg_pool2d({.window = 2}, "s4"));
  x = net(x, cs::flatten("flatten"));
  x = net(x, cs::dense({.in_features = 400, .units = 120}, "f5"));
  x = net(x, cs::activation("tanh"));
  net(x, cs::dense({.in_features = 120, .units = 10}, "f6"));
  return net;
}
constexpr auto lenet5_program = lenet5_into(cs::shape_program<cs::layout::nchw, 9>(cs::nchw(1, 1, 32, 32)));

// In constant evaluation: a run is a value, and a failing run does not compile
// (tests/compile_fail/program_run_at_an_odd_size.cpp).
static_assert(lenet5_program.run(cs::nchw(8, 1, 32, 32)).output() == cs::nchw(8, 10, 1, 1));
static_assert(lenet5_program.run(cs::nchw(8, 1, 32, 32))[2] == cs::nchw(8, 6, 14, 14));
static_assert(resnet50_program.run(cs::nchw(1, 3, 512, 384))[resnet50_program.network().index_of("layer4.2.relu")] ==
              cs::nchw(1, 2048, 16, 12));

/// What a network gives on `input`: every record's shape, or the message of
/// the error that stops it.
struct outcome {
  std::string error;
  std::size_t count = 0;
  cs::nchw_shape shapes[200]{};
};

template <class Program>
void check_same(const Program& program, const outcome& expected, const cs::nchw_shape& input) {
  typename Program::shapes got;
  const cs::error_info e = program.try_run(input, got);
  INFO("input " << input.height() << "x" << input.width() << ", batch " << input.batch());
  CHECK(std::string(e.what()) == expected.error);
  if (expected.error.empty()) {
    REQUIRE(got.size() == expected.count);
    for (std::size_t i = 0; i < got.size(); ++i) {
      INFO("record " << i);
      CHECK(got[i] == expected.shapes[i]);
    }
  }
}

/// The program against the network `build` makes on the same input.
template <class Program, class Build>
void check_same(const Program& program, const Build& build, const cs::nchw_shape& input) {
  outcome expected;
  try {
    const auto net = build(input);
    expected.count = net.size();
    for (std::size_t i = 0; i < net.size(); ++i) expected.shapes[i] = net[i].output;
  } catch (const cs::shape_error& e) {
    expected.error = e.what();
  }
  check_same(program, expected, input);
}

}  // namespace

TEST_CASE("A ResNet-50 program gives the network's shapes at every input size", "[program]") {
  const auto torchvision = [](const cs::nchw_shape& x) { return models::resnet50(x); };
  const auto slim = [](const cs::nchw_shape& x) { return models::resnet50(x, models::resnet_stride::slim); };
  for (std::int64_t h = 1; h <= 80; ++h) {
    for (std::int64_t w : {h, h + 1, 2 * h + 7}) {
      check_same(resnet50_program, torchvision, cs::nchw(2, 3, h, w));
      check_same(resnet50_slim_program, slim, cs::nchw(1, 3, h, w));
    }
  }
  for (std::int64_t side : {224, 225, 299, 512, 1000, 4097})
    check_same(resnet50_program, torchvision, cs::nchw(3, 3, side, side));
}

TEST_CASE("A LeNet-5 program fails where the network fails, with its message", "[program]") {
  const auto build = [](const cs::nchw_shape& x) {
    return lenet5_into(cs::network<cs::layout::nchw, 9>(x));
  };
  for (std::int64_t h = 1; h <= 40; ++h)
    for (std::int64_t w = 1; w <= 40; w += 3) check_same(lenet5_program, build, cs::nchw(1, 1, h, w));

  // 36x36 reaches f5 with 16x6x6 = 576 features, not 400.
  typename decltype(lenet5_program)::shapes got;
  const cs::error_info e = lenet5_program.try_run(cs::nchw(1, 1, 36, 36), got);
  CHECK(e.code == cs::errc::shapes_differ);
  CHECK_THAT(e.what(), Catch::Matchers::StartsWith("layer 6 'f5' (dense): "));
  // The records before the failing one are there.
  REQUIRE(got.size() == 6);
  CHECK(got[5] == cs::nchw(1, 576, 1, 1));
  CHECK_THROWS_AS(lenet5_program.run(cs::nchw(1, 1, 36, 36)), cs::shape_error);
}

TEST_CASE("A program's input must have the reference input's channels", "[program]") {
  typename decltype(lenet5_program)::shapes got;
  cs::error_info e = lenet5_program.try_run(cs::nchw(1, 3, 32, 32), got);
  CHECK(e.code == cs::errc::shapes_differ);
  CHECK(std::string(e.what()) == "shape_program input: built for 1 channels, got 3");
  CHECK(got.size() == 0);
  e = lenet5_program.try_run(cs::shape<cs::layout::nchw>{1, 1, {0, 32}}, got);
  CHECK(e.code == cs::errc::extent_below_one);
  CHECK(std::string(e.what()) == "shape_program input: input extent must be at least 1, got 0 in spatial dim 0");
}

namespace {

/// One layer between two convolutions that keep extents, so that both the
/// layer's own rule and the extents kept around it are replayed; the second
/// branch, added back, makes the merge compare two computed records.
template <class Net>
constexpr Net around_into(Net net, const cs::layer<2>& middle) {
  const auto same3 = cs::conv2d({.filters = 4, .kernel = 3, .padding = 1});
  auto x = net(net.input(), same3);
  auto a = net(x, middle);
  auto b = net(x, middle);
  auto y = net.add(a, b);
  net(net(y, cs::activation()), same3);
  return net;
}

/// around_into's shapes through the plain shape functions alone: where the
/// extents are so large that the network's MAC counts overflow, what a
/// program, which counts none, must give.
template <cs::framework F>
outcome shapes_only(const cs::nchw_shape& input, const cs::layer<2>& middle) {
  const cs::conv_params<2> same3{.filters = 4, .kernel = 3, .padding = 1};
  const auto apply = [&](const cs::nchw_shape& x) -> cs::result<cs::nchw_shape> {
    switch (middle.kind) {
      case cs::layer_kind::conv: return cs::try_conv<F>(x, middle.conv);
      case cs::layer_kind::depthwise_conv: return cs::try_depthwise_conv<F>(x, middle.depthwise);
      case cs::layer_kind::conv_transpose: return cs::try_conv_transpose<F>(x, middle.conv_transpose);
      case cs::layer_kind::max_pool: return cs::try_max_pool<F>(x, middle.max_pool);
      case cs::layer_kind::avg_pool: return cs::try_avg_pool<F>(x, middle.avg_pool);
      case cs::layer_kind::upsample: return cs::try_upsample(x, middle.upsample);
      case cs::layer_kind::pad: return cs::try_pad<F>(x, middle.pad);
      case cs::layer_kind::crop: return cs::try_crop(x, middle.crop);
      case cs::layer_kind::resize: return cs::try_resize(x, middle.resize);
      case cs::layer_kind::layer_norm:
      case cs::layer_kind::affine: return cs::try_elementwise(x);
      case cs::layer_kind::channel_shuffle: return cs::try_channel_shuffle(x, middle.channel_shuffle);
      case cs::layer_kind::channel_slice: return cs::try_channel_slice(x, middle.channel_slice);
      default: return cs::try_global_pool(x);
    }
  };
  outcome o;
  const auto step = [&](std::size_t index, cs::layer_kind kind, const cs::result<cs::nchw_shape>& r) {
    if (!o.error.empty()) return;
    if (!r) {
      o.error = "layer " + std::to_string(index) + " (" + cs::name(kind) + "): " + r.error().what();
      return;
    }
    o.shapes[index] = *r;
    o.count = index + 1;
  };
  o.shapes[0] = input;
  step(1, cs::layer_kind::conv, cs::try_conv<F>(input, same3));
  step(2, middle.kind, apply(o.shapes[1]));
  step(3, middle.kind, apply(o.shapes[1]));
  step(4, cs::layer_kind::add, cs::try_add(o.shapes[2], o.shapes[3]));
  step(5, cs::layer_kind::activation, o.shapes[4]);
  step(6, cs::layer_kind::conv, cs::try_conv<F>(o.shapes[5], same3));
  return o;
}

template <cs::framework F>
void sweep(const cs::layer<2>& middle) {
  const auto build = [&](const cs::nchw_shape& x) {
    return around_into(cs::network<cs::layout::nchw, 8, F>(x), middle);
  };
  // Built at run time: the constructor checks the layers on the reference.
  const auto program = [&] {
    try {
      return std::optional(around_into(cs::shape_program<cs::layout::nchw, 8, F>(cs::nchw(1, 4, 64, 64)), middle));
    } catch (const cs::shape_error&) {
      return std::optional<cs::shape_program<cs::layout::nchw, 8, F>>();
    }
  }();
  if (!program) return;  // the framework rejects the layer on any input
  for (std::int64_t h = 1; h <= 24; ++h) check_same(*program, build, cs::nchw(1, 4, h, 2 * h + 1));
  for (std::int64_t big : {int64_max, int64_max - 1, int64_max - 2, int64_max / 2, std::int64_t{1} << 40})
    check_same(*program, shapes_only<F>(cs::nchw(1, 4, 3, big), middle), cs::nchw(1, 4, 3, big));
}

}  // namespace

TEST_CASE("Every window rule replays as the shape functions compute it", "[program]") {
  int layers = 0;
  for (std::int64_t kernel = 1; kernel <= 4; ++kernel) {
    for (std::int64_t stride = 1; stride <= 3; ++stride) {
      for (std::int64_t dilation = 1; dilation <= 2; ++dilation) {
        for (std::int64_t pad = 0; pad <= 2; ++pad) {
          for (const cs::padding<2>& padding :
               {cs::padding<2>(pad), cs::padding<2>(cs::valid), cs::padding<2>(cs::same),
                cs::padding<2>(cs::same_lower), cs::pads<2>({pad, 0}, {0, pad})}) {
            const cs::layer<2> conv = cs::conv2d(
                {.filters = 4, .kernel = kernel, .strides = stride, .padding = padding, .dilation = dilation});
            const cs::layer<2> depthwise = cs::depthwise_conv<2>(
                {.kernel = kernel, .strides = stride, .padding = padding, .dilation = dilation});
            for (bool ceil_mode : {false, true}) {
              const cs::layer<2> max_pool = cs::max_pool2d({.window = kernel, .strides = stride, .padding = padding,
                                                            .dilation = dilation, .ceil_mode = ceil_mode});
              const cs::layer<2> avg_pool =
                  cs::avg_pool2d({.window = kernel, .strides = stride, .padding = padding, .ceil_mode = ceil_mode});
              for (const auto& l : {conv, depthwise, max_pool, avg_pool}) {
                sweep<cs::generic>(l);
                sweep<cs::torch>(l);
                sweep<cs::keras>(l);
                sweep<cs::onnx>(l);
                ++layers;
              }
            }
          }
        }
      }
    }
  }
  CHECK(layers == 4 * 3 * 2 * 3 * 5 * 2 * 4);
}

TEST_CASE("Layers without a fast rule replay through the shape functions", "[program]") {
  sweep<cs::torch>(cs::conv2d_transpose({.filters = 4, .kernel = 3, .strides = 2, .padding = 1, .output_padding = 1}));
  sweep<cs::keras>(cs::conv2d_transpose({.filters = 4, .kernel = 3, .strides = 2, .padding = cs::same}));
  sweep<cs::generic>(cs::upsample<2>({.scale = {2, 3}}));
  for (const auto& size : {cs::per_dim<2>{1, 1}, cs::per_dim<2>{7, 3}, cs::per_dim<2>{224, 224}}) {
    sweep<cs::generic>(cs::resize2d({.size = size}));
    sweep<cs::torch>(cs::resize2d({.size = size}));
    sweep<cs::keras>(cs::resize2d({.size = size}));
    sweep<cs::onnx>(cs::resize2d({.size = size}));
  }
  sweep<cs::generic>(cs::global_avg_pool());
}

TEST_CASE("Layers that keep the extents replay as derived records", "[program][layer_norm][affine][channel]") {
  for (const cs::layer<2>& keeps :
       {cs::layer<2>(cs::layer_norm()), cs::layer<2>(cs::affine({})), cs::layer<2>(cs::affine({.scale = false})),
        cs::layer<2>(cs::channel_shuffle({.groups = 2})), cs::layer<2>(cs::channel_shuffle({.groups = 4})),
        cs::layer<2>(cs::channel_slice({.begin = 1, .end = 3})), cs::layer<2>(cs::channel_slice({.end = 4}))}) {
    sweep<cs::generic>(keeps);
    sweep<cs::torch>(keeps);
    sweep<cs::keras>(keeps);
    sweep<cs::onnx>(keeps);
  }
}

TEST_CASE("Explicit padding replays as the shape functions compute it, crops included", "[program][pad]") {
  int layers = 0;
  for (std::int64_t top : {-3, -1, 0, 2}) {
    for (std::int64_t left : {-2, 0, 1}) {
      for (std::int64_t bottom : {-5, 0, 3}) {
        for (std::int64_t right : {-4, 0, 2}) {
          const cs::layer<2> pad = cs::pad2d({.begin = {top, left}, .end = {bottom, right}});
          sweep<cs::generic>(pad);
          sweep<cs::torch>(pad);
          sweep<cs::keras>(pad);
          sweep<cs::onnx>(pad);
          ++layers;
        }
      }
    }
  }
  CHECK(layers == 108);
}

TEST_CASE("Explicit cropping replays as the shape functions compute it, empty outputs included", "[program][crop]") {
  int layers = 0;
  for (std::int64_t top : {0, 1, 3}) {
    for (std::int64_t left : {0, 2}) {
      for (std::int64_t bottom : {0, 4}) {
        for (std::int64_t right : {0, 1, 5}) {
          const cs::layer<2> crop = cs::crop2d({.begin = {top, left}, .end = {bottom, right}});
          sweep<cs::generic>(crop);
          sweep<cs::torch>(crop);
          sweep<cs::keras>(crop);
          sweep<cs::onnx>(crop);
          ++layers;
        }
      }
    }
  }
  CHECK(layers == 36);
}

namespace {

/// Three products a program replays three ways: by a global pool's weights
/// (its extents are the map's), by itself (its extents are its input's), and
/// by a map whose extents come from elsewhere, which the shape functions
/// decide, an error included where the extents neither match nor are 1.
template <class Net>
constexpr Net products_into(Net net) {
  const auto x = net(net.input(), cs::conv2d({.filters = 4, .kernel = 3, .padding = cs::same}, "conv"));
  auto s = net(x, cs::global_avg_pool("squeeze"));
  s = net(s, cs::conv2d({.filters = 4, .kernel = 1}, "excite"));
  const auto scaled = net.multiply(x, s, "scale");
  const auto squared = net.multiply(scaled, scaled, "square");
  const auto up = net(net(squared, cs::max_pool2d({.window = 2})), cs::upsample<2>({}));
  net.multiply(squared, up, "gate");
  return net;
}

/// An add of two maps that agree on even sizes only: where they do not, the
/// program's message names the layer as the network's does.
template <class Net>
constexpr Net named_sum_into(Net net) {
  const auto x = net(net.input(), cs::conv2d({.filters = 4, .kernel = 3, .padding = cs::same}, "conv"));
  net.add(x, net(net(x, cs::max_pool2d({.window = 2})), cs::upsample<2>({})), "sum");
  return net;
}

template <cs::framework F>
void check_products() {
  constexpr auto program = products_into(cs::shape_program<cs::layout::nchw, 10, F>(cs::nchw(1, 4, 8, 8)));
  const auto build = [](const cs::nchw_shape& x) { return products_into(cs::network<cs::layout::nchw, 10, F>(x)); };
  for (std::int64_t h = 1; h <= 24; ++h)
    for (std::int64_t w : {h, h + 1, 2 * h}) check_same(program, build, cs::nchw(2, 4, h, w));
  constexpr auto sum = named_sum_into(cs::shape_program<cs::layout::nchw, 5, F>(cs::nchw(1, 4, 8, 8)));
  const auto build_sum = [](const cs::nchw_shape& x) { return named_sum_into(cs::network<cs::layout::nchw, 5, F>(x)); };
  for (std::int64_t h = 1; h <= 12; ++h) check_same(sum, build_sum, cs::nchw(1, 4, h, h + 1));
}

}  // namespace

TEST_CASE("multiply replays as the network computes it, broadcasting and failing alike", "[program][multiply]") {
  check_products<cs::generic>();
  check_products<cs::torch>();
  check_products<cs::keras>();
  check_products<cs::onnx>();
  // At 9x9 the pooled and upsampled map is 8x8: the network's own message.
  constexpr auto program = products_into(cs::shape_program<cs::layout::nchw, 10>(cs::nchw(1, 4, 8, 8)));
  typename decltype(program)::shapes got;
  CHECK_THAT(program.try_run(cs::nchw(1, 4, 9, 9), got).what(),
             Catch::Matchers::StartsWith("layer 8 'gate' (multiply): multiply 'gate': extents in spatial dim 0"));
}

namespace {

/// Keras' squeeze-and-excitation, through flatten, dense layers and
/// unflatten: the features after a global pool are the channels, whatever
/// the input's size, so the program replays them as it replays a map's.
template <class Net>
constexpr Net flat_squeeze_excite_into(Net net) {
  const auto x = net(net.input(), cs::conv2d({.filters = 8, .kernel = 3, .strides = 2, .padding = cs::same}, "conv"));
  auto s = net(net(x, cs::global_avg_pool("squeeze")), cs::flatten("flat"));
  s = net(net(s, cs::dense({.in_features = 8, .units = 2}, "reduce")), cs::activation("relu"));
  s = net(net(s, cs::dense({.units = 8}, "expand")), cs::unflatten("reshape"));
  const auto scaled = net.multiply(x, s, "scale");
  net(net(scaled, cs::flatten("head")), cs::dense({.units = 3}, "out"));
  return net;
}

template <cs::framework F>
void check_flat_squeeze_excite() {
  constexpr auto program =
      flat_squeeze_excite_into(cs::shape_program<cs::layout::nhwc, 12, F>(cs::nhwc(1, 8, 8, 3)));
  const auto build = [](const cs::nhwc_shape& x) {
    return flat_squeeze_excite_into(cs::network<cs::layout::nhwc, 12, F>(x));
  };
  for (std::int64_t h = 1; h <= 20; ++h) {
    for (std::int64_t w : {h, h + 3}) {
      const auto input = cs::nhwc(2, h, w, 3);
      outcome expected;
      try {
        const auto net = build(input);
        expected.count = net.size();
        for (std::size_t i = 0; i < net.size(); ++i) expected.shapes[i] = cs::to_channels_first(net[i].output);
      } catch (const cs::shape_error& e) {
        expected.error = e.what();
      }
      typename decltype(program)::shapes got;
      const cs::error_info e = program.try_run(input, got);
      INFO("input " << h << "x" << w);
      CHECK(std::string(e.what()) == expected.error);
      if (expected.error.empty()) {
        REQUIRE(got.size() == expected.count);
        for (std::size_t i = 0; i < got.size(); ++i) CHECK(cs::to_channels_first(got[i]) == expected.shapes[i]);
      }
    }
  }
}

}  // namespace

TEST_CASE("unflatten replays where the features it takes are fixed, and a program refuses it where they vary",
          "[program][unflatten]") {
  check_flat_squeeze_excite<cs::generic>();
  check_flat_squeeze_excite<cs::keras>();
  check_flat_squeeze_excite<cs::onnx>();
  // After a global pool, flatten and dense layers derive their records.
  constexpr auto program =
      flat_squeeze_excite_into(cs::shape_program<cs::layout::nhwc, 12>(cs::nhwc(1, 8, 8, 3)));
  STATIC_REQUIRE(program.run(cs::nhwc(3, 30, 20, 3))[program.network().index_of("reshape")] == cs::nhwc(3, 1, 1, 8));
  STATIC_REQUIRE(program.run(cs::nhwc(3, 8, 7, 3)).output() == cs::nhwc(3, 1, 1, 3));

  // A flatten of a map whose extents vary gives features that vary: a map
  // made of them has channels a program cannot keep.
  const auto varying = [] {
    cs::shape_program<cs::layout::nchw, 4> p(cs::nchw(1, 2, 4, 4));
    p(p(p.input(), cs::flatten("flat")), cs::unflatten("back"));
  };
  try {
    varying();
    FAIL("built");
  } catch (const cs::shape_error& e) {
    CHECK(e.code() == cs::errc::not_supported);
    CHECK_THAT(e.what(), Catch::Matchers::StartsWith("layer 2 'back' (unflatten): a shape_program keeps every map's "
                                                     "channels"));
  }
}

namespace {

/// A slice of a flat tensor's features, whose count follows the input's
/// size: the shape functions decide, failing where the features are too few.
template <class Net>
constexpr Net feature_slice_into(Net net) {
  auto x = net(net.input(), cs::conv2d({.filters = 2, .kernel = 3, .strides = 2}, "conv"));
  x = net(x, cs::flatten("flat"));
  x = net(x, cs::channel_slice({.begin = 10, .end = 50}, "slice"));
  x = net(x, cs::activation("relu"));
  net(x, cs::dense({.in_features = 40, .units = 4}, "fc"));
  return net;
}

}  // namespace

TEST_CASE("A slice of features that follow the input's size replays through the shape functions",
          "[program][channel]") {
  constexpr auto program = feature_slice_into(cs::shape_program<cs::layout::nchw, 6>(cs::nchw(1, 3, 12, 12)));
  const auto build = [](const cs::nchw_shape& x) { return feature_slice_into(cs::network<cs::layout::nchw, 6>(x)); };
  for (std::int64_t h = 1; h <= 30; ++h)
    for (std::int64_t w : {h, h + 2, 3 * h}) check_same(program, build, cs::nchw(2, 3, h, w));
}
