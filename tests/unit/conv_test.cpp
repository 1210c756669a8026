// Convolution: output shapes in 1-D, 2-D and 3-D, both layout families, every
// parameter and padding mode. Each check runs in constant evaluation and
// again at run time on an input the compiler cannot see (test::opaque).
//
// Expected extents come from o = floor((i + pb + pe - eff) / s) + 1 with
// eff = d * (k - 1) + 1, worked out by hand in the comments, from well-known
// networks, or from the frameworks' own answers in
// /work/shared/spec/sample-cases.jsonl (ONNX and Keras, as noted).
#include "support.hpp"

using test::opaque;

TEMPLATE_TEST_CASE("conv1d: lengths for valid, strided, dilated and padded windows", "[conv][1d]", test::ncw_t,
                   test::nwc_t) {
  constexpr auto L = TestType::value;
  constexpr auto x = cs::make_shape<L>(8, 16, 100);
  // 100 - 5 + 1 = 96
  CHECK_BOTH(cs::conv1d(opaque(x), {.filters = 32, .kernel = 5}) == cs::make_shape<L>(8, 32, 96));
  // floor((100 - 5) / 2) + 1 = 48
  CHECK_BOTH(cs::conv1d(opaque(x), {.filters = 32, .kernel = 5, .strides = 2}) == cs::make_shape<L>(8, 32, 48));
  // eff = 4 * 2 + 1 = 9: 100 - 9 + 1 = 92
  CHECK_BOTH(cs::conv1d(opaque(x), {.filters = 4, .kernel = 3, .dilation = 4}) == cs::make_shape<L>(8, 4, 92));
  // 100 + 2 - 3 + 1 = 100
  CHECK_BOTH(cs::conv1d(opaque(x), {.filters = 4, .kernel = 3, .padding = 1}) == cs::make_shape<L>(8, 4, 100));
  // pads 3 + 0: 100 + 3 - 3 + 1 = 101
  CHECK_BOTH(cs::conv1d(opaque(x), {.filters = 4, .kernel = 3, .padding = cs::pads({3}, {0})}) ==
             cs::make_shape<L>(8, 4, 101));
  // The generic entry point is the same function.
  CHECK_BOTH(cs::conv(opaque(x), {.filters = 32, .kernel = 5, .strides = 2}) == cs::make_shape<L>(8, 32, 48));
}

TEMPLATE_TEST_CASE("conv1d: causal padding pads dilation * (kernel - 1) at the start", "[conv][1d][padding]",
                   test::ncw_t, test::nwc_t) {
  constexpr auto L = TestType::value;
  constexpr auto x = cs::make_shape<L>(1, 1, 100);
  // WaveNet-style: eff = 4 * 2 + 1 = 9, pads 8 + 0, output = input.
  constexpr cs::conv_params<1> wavenet{.filters = 2, .kernel = 3, .padding = cs::causal, .dilation = 4};
  CHECK_BOTH(cs::conv1d(opaque(x), wavenet) == cs::make_shape<L>(1, 2, 100));
  CHECK_BOTH(cs::resolve_padding(opaque(x), wavenet) == cs::pads({8}, {0}));
  // Strided causal: ceil(100 / 3) = 34 (padded 108, floor((108 - 9) / 3) + 1 = 34).
  CHECK_BOTH(cs::conv1d(opaque(x), {.filters = 2, .kernel = 3, .strides = 3, .padding = cs::causal, .dilation = 4}) ==
             cs::make_shape<L>(1, 2, 34));
  // A kernel longer than the input still fits: pads 9 + 0 on 3, output 3.
  CHECK_BOTH(cs::conv1d(opaque(cs::make_shape<L>(1, 1, 3)), {.filters = 1, .kernel = 10, .padding = cs::causal}) ==
             cs::make_shape<L>(1, 1, 3));
}

TEMPLATE_TEST_CASE("conv2d: well-known networks' layers", "[conv][2d]", test::nchw_t, test::nhwc_t) {
  constexpr auto L = TestType::value;
  // ResNet stem: 224 -> 7x7, stride 2, pad 3 -> floor(223 / 2) + 1 = 112.
  CHECK_BOTH(cs::conv2d(opaque(cs::make_shape<L>(1, 3, {224, 224})),
                        {.filters = 64, .kernel = 7, .strides = 2, .padding = 3}) ==
             cs::make_shape<L>(1, 64, {112, 112}));
  // VGG: 3x3, pad 1 keeps 224.
  CHECK_BOTH(cs::conv2d(opaque(cs::make_shape<L>(1, 64, {224, 224})), {.filters = 64, .kernel = 3, .padding = 1}) ==
             cs::make_shape<L>(1, 64, {224, 224}));
  // AlexNet conv1: 227 -> 11x11, stride 4 -> (227 - 11) / 4 + 1 = 55.
  CHECK_BOTH(cs::conv2d(opaque(cs::make_shape<L>(1, 3, {227, 227})), {.filters = 96, .kernel = 11, .strides = 4}) ==
             cs::make_shape<L>(1, 96, {55, 55}));
  // AlexNet conv2: 27, 5x5, pad 2, two groups of 48 -> 27.
  CHECK_BOTH(cs::conv2d(opaque(cs::make_shape<L>(1, 96, {27, 27})),
                        {.filters = 256, .kernel = 5, .padding = 2, .groups = 2}) ==
             cs::make_shape<L>(1, 256, {27, 27}));
  // MobileNet depthwise 3x3, stride 2, pad 1: 112 -> 56; then a multiplier of 2.
  CHECK_BOTH(cs::conv2d(opaque(cs::make_shape<L>(1, 32, {112, 112})),
                        {.filters = 32, .kernel = 3, .strides = 2, .padding = 1, .groups = 32}) ==
             cs::make_shape<L>(1, 32, {56, 56}));
  CHECK_BOTH(cs::conv2d(opaque(cs::make_shape<L>(1, 32, {56, 56})),
                        {.filters = 64, .kernel = 3, .padding = 1, .groups = 32}) ==
             cs::make_shape<L>(1, 64, {56, 56}));
}

TEST_CASE("conv2d: memory-order factories in and out", "[conv][2d]") {
  // The README's examples; AlexNet conv1 in NHWC.
  CHECK_BOTH(cs::conv2d(opaque(cs::nhwc(4, 28, 28, 3)),
                        {.filters = 16, .kernel = 5, .strides = 2, .padding = cs::same}) == cs::nhwc(4, 14, 14, 16));
  // eff = 2 * 2 + 1 = 5: 32 + 2 - 5 + 1 = 30, not 32.
  CHECK_BOTH(cs::conv2d(opaque(cs::nchw(1, 64, 32, 32)), {.filters = 128, .kernel = 3, .padding = 1, .dilation = 2}) ==
             cs::nchw(1, 128, 30, 30));
  CHECK_BOTH(cs::conv2d(opaque(cs::nhwc(10, 227, 227, 3)), {.filters = 96, .kernel = 11, .strides = 4}) ==
             cs::nhwc(10, 55, 55, 96));
}

TEMPLATE_TEST_CASE("conv2d: every parameter per dimension", "[conv][2d]", test::nchw_t, test::nhwc_t) {
  constexpr auto L = TestType::value;
  constexpr auto x = cs::make_shape<L>(2, 4, {10, 20});
  // kernel {3, 5}: {10 - 3 + 1, 20 - 5 + 1}
  CHECK_BOTH(cs::conv2d(opaque(x), {.filters = 6, .kernel = {3, 5}}) == cs::make_shape<L>(2, 6, {8, 16}));
  // strides {1, 2}: {8, floor(15 / 2) + 1}
  CHECK_BOTH(cs::conv2d(opaque(x), {.filters = 6, .kernel = {3, 5}, .strides = {1, 2}}) ==
             cs::make_shape<L>(2, 6, {8, 8}));
  // dilation {2, 1}: eff {5, 3}: {6, 18}
  CHECK_BOTH(cs::conv2d(opaque(x), {.filters = 6, .kernel = 3, .dilation = {2, 1}}) ==
             cs::make_shape<L>(2, 6, {6, 18}));
  // padding {1, 2} pads both sides of each dimension: {10 + 2 - 3 + 1, 20 + 4 - 5 + 1}
  CHECK_BOTH(cs::conv2d(opaque(x), {.filters = 6, .kernel = {3, 5}, .padding = {1, 2}}) ==
             cs::make_shape<L>(2, 6, {10, 20}));
  // pads({1, 0}, {2, 1}): top 1, left 0, bottom 2, right 1: {10 + 3 - 3 + 1, 20 + 1 - 3 + 1}
  CHECK_BOTH(cs::conv2d(opaque(x), {.filters = 6, .kernel = 3, .padding = cs::pads({1, 0}, {2, 1})}) ==
             cs::make_shape<L>(2, 6, {11, 19}));
  // Inception's 1x7 with padding {0, 3} keeps the extents.
  CHECK_BOTH(cs::conv2d(opaque(x), {.filters = 6, .kernel = {1, 7}, .padding = {0, 3}}) ==
             cs::make_shape<L>(2, 6, {10, 20}));
  // All at once: eff {3, 9}; H floor((10 + 2 - 3) / 3) + 1 = 4; W floor((20 + 0 + 4 - 9) / 1) + 1 = 16
  CHECK_BOTH(cs::conv2d(opaque(x), {.filters = 8,
                                    .kernel = {3, 5},
                                    .strides = {3, 1},
                                    .padding = cs::pads({1, 0}, {1, 4}),
                                    .dilation = {1, 2},
                                    .groups = 2}) == cs::make_shape<L>(2, 8, {4, 16}));
}

TEST_CASE("conv: one number broadcasts to every spatial dimension", "[conv][per_dim]") {
  STATIC_REQUIRE(cs::conv_params<3>{.filters = 8, .kernel = 3, .strides = 2, .padding = 1, .dilation = 2} ==
                 cs::conv_params<3>{.filters = 8,
                                    .kernel = {3, 3, 3},
                                    .strides = {2, 2, 2},
                                    .padding = cs::pads({1, 1, 1}, {1, 1, 1}),
                                    .dilation = {2, 2, 2}});
  STATIC_REQUIRE(cs::conv_params<2>{.filters = 1, .kernel = {3, 5}} !=
                 cs::conv_params<2>{.filters = 1, .kernel = {5, 3}});
  // 2-D padding {1, 2} is symmetric per dimension, not begin/end.
  STATIC_REQUIRE(cs::padding<2>{1, 2} == cs::pads({1, 2}, {1, 2}));
  // Two numbers are never read as (begin, end): that would mean something else
  // in 1-D and 3-D than in 2-D.
  STATIC_REQUIRE_FALSE(std::is_constructible_v<cs::padding<1>, int, int>);
  STATIC_REQUIRE_FALSE(std::is_constructible_v<cs::padding<3>, int, int>);
  // The default parameters: stride 1, valid, dilation 1, one group.
  STATIC_REQUIRE(
      cs::conv_params<2>{} ==
      cs::conv_params<2>{.filters = 0, .kernel = 0, .strides = 1, .padding = cs::valid, .dilation = 1, .groups = 1});
}

TEMPLATE_TEST_CASE("conv3d: video networks and per-dimension parameters", "[conv][3d]", test::ncdhw_t, test::ndhwc_t) {
  constexpr auto L = TestType::value;
  // C3D: 3x3x3, pad 1 keeps 16x112x112.
  CHECK_BOTH(cs::conv3d(opaque(cs::make_shape<L>(2, 3, {16, 112, 112})), {.filters = 64, .kernel = 3, .padding = 1}) ==
             cs::make_shape<L>(2, 64, {16, 112, 112}));
  // I3D stem: 7x7x7, stride 2, pad 3: 64 -> floor(63 / 2) + 1 = 32, 224 -> 112.
  CHECK_BOTH(cs::conv3d(opaque(cs::make_shape<L>(1, 3, {64, 224, 224})),
                        {.filters = 64, .kernel = 7, .strides = 2, .padding = 3}) ==
             cs::make_shape<L>(1, 64, {32, 112, 112}));
  // (2+1)D-style: kernel {3, 7, 7}, strides {1, 2, 2}, padding {1, 3, 3}:
  // D 16 + 2 - 3 + 1 = 16; H, W floor((112 + 6 - 7) / 2) + 1 = 56.
  CHECK_BOTH(cs::conv3d(opaque(cs::make_shape<L>(1, 3, {16, 112, 112})),
                        {.filters = 45, .kernel = {3, 7, 7}, .strides = {1, 2, 2}, .padding = {1, 3, 3}}) ==
             cs::make_shape<L>(1, 45, {16, 56, 56}));
  // Asymmetric pads({1, 0, 2}, {0, 1, 2}) on {4, 5, 6}, kernel 3: {3, 4, 8}.
  CHECK_BOTH(cs::conv3d(opaque(cs::make_shape<L>(1, 1, {4, 5, 6})),
                        {.filters = 1, .kernel = 3, .padding = cs::pads({1, 0, 2}, {0, 1, 2})}) ==
             cs::make_shape<L>(1, 1, {3, 4, 8}));
  // 'same' with strides {1, 3, 3} (ONNX's answer): ceil({2, 7, 13} / {1, 3, 3}) = {2, 3, 5}.
  CHECK_BOTH(cs::conv3d(opaque(cs::make_shape<L>(3, 8, {2, 7, 13})),
                        {.filters = 6, .kernel = {2, 1, 1}, .strides = {1, 3, 3}, .padding = cs::same, .groups = 2}) ==
             cs::make_shape<L>(3, 6, {2, 3, 5}));
  // 'same' with dilation (ONNX's answer): ceil({21, 3, 16} / {2, 4, 3}) = {11, 1, 6}.
  CHECK_BOTH(
      cs::conv3d(
          opaque(cs::make_shape<L>(1, 8, {21, 3, 16})),
          {.filters = 2, .kernel = {5, 6, 5}, .strides = {2, 4, 3}, .padding = cs::same, .dilation = {3, 1, 1}}) ==
      cs::make_shape<L>(1, 2, {11, 1, 6}));
}

TEST_CASE("conv3d: Keras 'same' in NDHWC", "[conv][3d][padding]") {
  // Keras' answer: ceil({7, 17, 23} / {2, 1, 4}) = {4, 17, 6}.
  CHECK_BOTH(cs::conv3d(opaque(cs::ndhwc(3, 7, 17, 23, 1)),
                        {.filters = 4, .kernel = {2, 1, 1}, .strides = {2, 1, 4}, .padding = cs::same}) ==
             cs::ndhwc(3, 4, 17, 6, 4));
}

TEST_CASE("conv: 'same' gives ceil(input / stride) and splits the pad, odd extra at the end", "[conv][padding]") {
  // TensorFlow's documented case: width 13, kernel 6, stride 5. Output
  // ceil(13 / 5) = 3; total pad (3 - 1) * 5 + 6 - 13 = 3: 1 at the start, 2 at the end.
  constexpr auto x = cs::nwc(1, 13, 1);
  constexpr cs::conv_params<1> tf{.filters = 1, .kernel = 6, .strides = 5, .padding = cs::same};
  CHECK_BOTH(cs::conv1d(opaque(x), tf) == cs::nwc(1, 3, 1));
  CHECK_BOTH(cs::resolve_padding(opaque(x), tf) == cs::pads({1}, {2}));
  // 'valid' drops the last columns: floor((13 - 6) / 5) + 1 = 2, no pads.
  CHECK_BOTH(cs::conv1d(opaque(x), {.filters = 1, .kernel = 6, .strides = 5}) == cs::nwc(1, 2, 1));
  CHECK_BOTH(cs::resolve_padding(opaque(x), cs::conv_params<1>{.filters = 1, .kernel = 6, .strides = 5}) ==
             cs::pads({0}, {0}));
  // Even input, stride 2, kernel 3: total (4 - 1) * 2 + 3 - 8 = 1, all at the end.
  CHECK_BOTH(cs::resolve_padding(opaque(cs::ncw(1, 1, 8)),
                                 cs::conv_params<1>{.filters = 1, .kernel = 3, .strides = 2, .padding = cs::same}) ==
             cs::pads({0}, {1}));
  // Odd input, stride 2, kernel 3: total 2, split evenly.
  CHECK_BOTH(cs::resolve_padding(opaque(cs::ncw(1, 1, 7)),
                                 cs::conv_params<1>{.filters = 1, .kernel = 3, .strides = 2, .padding = cs::same}) ==
             cs::pads({1}, {1}));
  // Stride larger than the kernel: (4 - 1) * 3 + 1 - 10 = 0, no padding at all.
  CHECK_BOTH(cs::resolve_padding(opaque(cs::ncw(1, 1, 10)),
                                 cs::conv_params<1>{.filters = 1, .kernel = 1, .strides = 3, .padding = cs::same}) ==
             cs::pads({0}, {0}));
  // Dilation counts: eff 5 on 10, stride 1: total 4.
  CHECK_BOTH(cs::resolve_padding(opaque(cs::ncw(1, 1, 10)),
                                 cs::conv_params<1>{.filters = 1, .kernel = 3, .padding = cs::same, .dilation = 2}) ==
             cs::pads({2}, {2}));
}

TEST_CASE("conv: 'same_lower' puts the odd extra pad at the start", "[conv][padding]") {
  // Kernel 4 on 5, stride 1: total 3. same: 1 + 2; same_lower: 2 + 1; both keep 5.
  constexpr auto x = cs::ncw(1, 1, 5);
  CHECK_BOTH(cs::resolve_padding(opaque(x), cs::conv_params<1>{.filters = 1, .kernel = 4, .padding = cs::same}) ==
             cs::pads({1}, {2}));
  CHECK_BOTH(cs::resolve_padding(opaque(x), cs::conv_params<1>{.filters = 1, .kernel = 4, .padding = cs::same_lower}) ==
             cs::pads({2}, {1}));
  CHECK_BOTH(cs::conv1d(opaque(x), {.filters = 1, .kernel = 4, .padding = cs::same_lower}) == cs::ncw(1, 1, 5));
  // 2-D, kernel {4, 3}, strides {1, 2} on {5, 8}: H total 3; W out 4, total 3 * 2 + 3 - 8 = 1.
  constexpr auto y = cs::nhwc(1, 5, 8, 1);
  constexpr cs::conv_params<2> upper{.filters = 1, .kernel = {4, 3}, .strides = {1, 2}, .padding = cs::same};
  constexpr cs::conv_params<2> lower{.filters = 1, .kernel = {4, 3}, .strides = {1, 2}, .padding = cs::same_lower};
  CHECK_BOTH(cs::resolve_padding(opaque(y), upper) == cs::pads({1, 0}, {2, 1}));
  CHECK_BOTH(cs::resolve_padding(opaque(y), lower) == cs::pads({2, 1}, {1, 0}));
  CHECK_BOTH(cs::conv2d(opaque(y), lower) == cs::nhwc(1, 5, 4, 1));
  // ONNX's answer for SAME_LOWER, kernel {6, 6}, dilation {3, 1}: the input extents.
  CHECK_BOTH(cs::conv2d(opaque(cs::nchw(1, 4, 14, 7)),
                        {.filters = 4, .kernel = 6, .padding = cs::same_lower, .dilation = {3, 1}, .groups = 2}) ==
             cs::nchw(1, 4, 14, 7));
}

TEST_CASE("conv: explicit pads resolve to themselves", "[conv][padding]") {
  constexpr auto x = cs::nchw(1, 1, 9, 9);
  CHECK_BOTH(cs::resolve_padding(opaque(x), cs::conv_params<2>{.filters = 1, .kernel = 3, .padding = 2}) ==
             cs::pads({2, 2}, {2, 2}));
  CHECK_BOTH(cs::resolve_padding(opaque(x), cs::conv_params<2>{.filters = 1, .kernel = 3, .padding = {1, 2}}) ==
             cs::pads({1, 2}, {1, 2}));
  CHECK_BOTH(cs::resolve_padding(opaque(x),
                                 cs::conv_params<2>{.filters = 1, .kernel = 3, .padding = cs::pads({0, 1}, {2, 3})}) ==
             cs::pads({0, 1}, {2, 3}));
  CHECK_BOTH(cs::resolve_padding(opaque(x), cs::conv_params<2>{.filters = 1, .kernel = 3}) == cs::pads({0, 0}, {0, 0}));
}

TEST_CASE("conv: agrees with the frameworks' answers on explicit pads", "[conv][padding]") {
  // ONNX: pads {1, 3} / {2, 3} on {10, 15}, kernel {1, 4}, strides {4, 2}:
  // H floor((10 + 3 - 1) / 4) + 1 = 4; W floor((15 + 6 - 4) / 2) + 1 = 9.
  CHECK_BOTH(
      cs::conv2d(
          opaque(cs::nchw(1, 6, 10, 15)),
          {.filters = 6, .kernel = {1, 4}, .strides = {4, 2}, .padding = cs::pads({1, 3}, {2, 3}), .groups = 2}) ==
      cs::nchw(1, 6, 4, 9));
  // ONNX 1-D: pads 3 / 1, kernel 3, stride 3 on 24: floor((24 + 4 - 3) / 3) + 1 = 9.
  CHECK_BOTH(cs::conv1d(opaque(cs::ncw(2, 8, 24)),
                        {.filters = 6, .kernel = 3, .strides = 3, .padding = cs::pads({3}, {1}), .groups = 2}) ==
             cs::ncw(2, 6, 9));
  // PyTorch: padding {3, 1}, kernel {5, 2}, strides {1, 3} on {22, 4}: {24, 2}.
  CHECK_BOTH(cs::conv2d(opaque(cs::nchw(1, 1, 22, 4)),
                        {.filters = 4, .kernel = {5, 2}, .strides = {1, 3}, .padding = {3, 1}}) ==
             cs::nchw(1, 4, 24, 2));
  // PyTorch: kernel {2, 1}, dilation 2, strides {3, 1} on {23, 1}: floor((23 - 3) / 3) + 1 = 7.
  CHECK_BOTH(cs::conv2d(opaque(cs::nchw(1, 1, 23, 1)),
                        {.filters = 2, .kernel = {2, 1}, .strides = {3, 1}, .dilation = 2}) == cs::nchw(1, 2, 7, 1));
}

TEST_CASE("conv: try_conv and try_plan report the same result without throwing", "[conv][try]") {
  constexpr auto x = cs::nhwc(2, 13, 8, 4);
  constexpr cs::conv_params<2> p{.filters = 6, .kernel = {6, 3}, .strides = {5, 2}, .padding = cs::same, .groups = 2};
  STATIC_REQUIRE(noexcept(cs::try_conv(x, p)));
  STATIC_REQUIRE(noexcept(cs::try_plan(x, p)));
  // H: ceil(13 / 5) = 3, pads 1 + 2 (as above); W: ceil(8 / 2) = 4, total 3 * 2 + 3 - 8 = 1.
  CHECK_BOTH(cs::try_conv(opaque(x), p).has_value());
  CHECK_BOTH(cs::try_conv(opaque(x), p).value() == cs::nhwc(2, 3, 4, 6));
  CHECK_BOTH(*cs::try_conv(opaque(x), p) == cs::conv2d(x, p));
  CHECK_BOTH(cs::try_conv(opaque(x), p)->channels() == 6);
  CHECK_BOTH(cs::try_conv(opaque(x), p).error().code == cs::errc::none);
  CHECK_BOTH(cs::try_plan(opaque(x), p).value() ==
             cs::layer_plan<2>{.channels = 6, .output = {3, 4}, .pads = cs::pads({1, 0}, {2, 1})});
}

namespace {
// Const locals built from a function parameter, inside a constexpr function:
// g++ 12 once rejected this ("modifying a const object") when per_dim filled
// its values in the constructor body.
constexpr std::int64_t height_after(std::int64_t k) {
  const cs::conv_params<2> p{.filters = 8, .kernel = k, .strides = k, .padding = k};
  const cs::per_dim<3> d = k;
  return cs::conv2d(cs::nchw(1, 1, 9, 9), p).height() + d[2] - k;
}
}  // namespace

TEST_CASE("const parameters built from a function's arguments", "[conv]") {
  CHECK_BOTH(height_after(opaque(3)) == 5);  // (9 + 6 - 3) / 3 + 1
}
