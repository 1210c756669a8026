// Max and average pooling: output shapes in 1-D, 2-D and 3-D, both layout
// families, default and explicit strides, dilation, every padding mode and
// ceil_mode, at compile time and at run time.
//
// Expected extents come from o = floor((i + pb + pe - eff) / s) + 1, or with
// ceil_mode ceil(...) + 1 less one if that last window would start in the end
// padding (PyTorch's rule), worked out in the comments; some are the
// frameworks' answers from /work/shared/spec/sample-cases.jsonl.
#include "support.hpp"

using test::opaque;

namespace {
template <class P>
concept has_dilation = requires(const P& p) {
  p.dilation;
};
}  // namespace

TEMPLATE_TEST_CASE("pool2d: well-known networks' layers", "[pool][2d]", test::nchw_t, test::nhwc_t) {
  constexpr auto L = TestType::value;
  // ResNet: conv stem 224 -> 112 (conv_test), then max pool 3, stride 2, pad 1:
  // floor((112 + 2 - 3) / 2) + 1 = 56.
  CHECK_BOTH(cs::max_pool2d(opaque(cs::make_shape<L>(1, 64, {112, 112})), {.window = 3, .strides = 2, .padding = 1}) ==
             cs::make_shape<L>(1, 64, {56, 56}));
  // VGG: 2x2 windows, the stride defaults to the window: 224 -> 112.
  CHECK_BOTH(cs::max_pool2d(opaque(cs::make_shape<L>(1, 64, {224, 224})), {.window = 2}) ==
             cs::make_shape<L>(1, 64, {112, 112}));
  // AlexNet's overlapping pools, 3 stride 2: 55 -> 27 -> (conv) -> 13 -> 6.
  CHECK_BOTH(cs::max_pool2d(opaque(cs::make_shape<L>(1, 96, {55, 55})), {.window = 3, .strides = 2}) ==
             cs::make_shape<L>(1, 96, {27, 27}));
  CHECK_BOTH(cs::max_pool2d(opaque(cs::make_shape<L>(1, 256, {13, 13})), {.window = 3, .strides = 2}) ==
             cs::make_shape<L>(1, 256, {6, 6}));
  // ResNet's global average pool: 7x7 -> 1x1.
  CHECK_BOTH(cs::avg_pool2d(opaque(cs::make_shape<L>(8, 2048, {7, 7})), {.window = 7}) ==
             cs::make_shape<L>(8, 2048, {1, 1}));
}

TEMPLATE_TEST_CASE("pool2d: strides default to the window, per dimension", "[pool][2d]", test::nchw_t, test::nhwc_t) {
  constexpr auto L = TestType::value;
  constexpr auto x = cs::make_shape<L>(2, 5, {8, 9});
  // window {2, 3}, strides {2, 3}: {4, 3}
  CHECK_BOTH(cs::max_pool2d(opaque(x), {.window = {2, 3}}) == cs::make_shape<L>(2, 5, {4, 3}));
  CHECK_BOTH(cs::avg_pool2d(opaque(x), {.window = {2, 3}}) == cs::make_shape<L>(2, 5, {4, 3}));
  // Explicit strides: 1 gives {7, 7}; {1, 3} gives {7, 3}.
  CHECK_BOTH(cs::max_pool2d(opaque(x), {.window = {2, 3}, .strides = 1}) == cs::make_shape<L>(2, 5, {7, 7}));
  CHECK_BOTH(cs::avg_pool2d(opaque(x), {.window = {2, 3}, .strides = {1, 3}}) == cs::make_shape<L>(2, 5, {7, 3}));
  // Stating the default explicitly changes nothing.
  CHECK_BOTH(cs::max_pool2d(opaque(x), {.window = {2, 3}, .strides = {2, 3}}) == cs::make_shape<L>(2, 5, {4, 3}));
  // Pad 1, window 3, stride 1 keeps the extents.
  CHECK_BOTH(cs::avg_pool2d(opaque(x), {.window = 3, .strides = 1, .padding = 1}) == x);
  // Per-dimension symmetric pads {1, 0}, window 2, stride 2: {floor(8 / 2) + 1, floor(7 / 2) + 1}
  CHECK_BOTH(cs::avg_pool2d(opaque(x), {.window = 2, .padding = {1, 0}}) == cs::make_shape<L>(2, 5, {5, 4}));
}

TEMPLATE_TEST_CASE("max_pool: dilation widens the window but not the default stride", "[pool][dilation]", test::ncw_t,
                   test::nwc_t) {
  constexpr auto L = TestType::value;
  constexpr auto x = cs::make_shape<L>(1, 4, 10);
  // eff = 2 * 2 + 1 = 5, stride 3 (the window, not 5): floor((10 - 5) / 3) + 1 = 2.
  CHECK_BOTH(cs::max_pool1d(opaque(x), {.window = 3, .dilation = 2}) == cs::make_shape<L>(1, 4, 2));
  // stride 1: 10 - 5 + 1 = 6.
  CHECK_BOTH(cs::max_pool1d(opaque(x), {.window = 3, .strides = 1, .dilation = 2}) == cs::make_shape<L>(1, 4, 6));
  // Average pooling has no dilation to set.
  STATIC_REQUIRE(has_dilation<cs::max_pool_params<1>>);
  STATIC_REQUIRE_FALSE(has_dilation<cs::avg_pool_params<1>>);
}

TEMPLATE_TEST_CASE("pool1d: lengths and padding modes", "[pool][1d][padding]", test::ncw_t, test::nwc_t) {
  constexpr auto L = TestType::value;
  CHECK_BOTH(cs::max_pool1d(opaque(cs::make_shape<L>(2, 3, 100)), {.window = 2}) == cs::make_shape<L>(2, 3, 50));
  // floor((100 - 4) / 2) + 1 = 49
  CHECK_BOTH(cs::avg_pool1d(opaque(cs::make_shape<L>(2, 3, 100)), {.window = 4, .strides = 2}) ==
             cs::make_shape<L>(2, 3, 49));
  // ONNX's answer: pads 1 / 0, window 2 on 8: floor((9 - 2) / 2) + 1 = 4.
  CHECK_BOTH(cs::avg_pool1d(opaque(cs::make_shape<L>(2, 3, 8)), {.window = 2, .padding = cs::pads({1}, {0})}) ==
             cs::make_shape<L>(2, 3, 4));
  // 'same' on 7, window 3, stride 2: ceil(7 / 2) = 4, total (4 - 1) * 2 + 3 - 7 = 2.
  constexpr auto x = cs::make_shape<L>(1, 1, 7);
  constexpr cs::max_pool_params<1> three{.window = 3, .strides = 2, .padding = cs::same};
  CHECK_BOTH(cs::max_pool1d(opaque(x), three) == cs::make_shape<L>(1, 1, 4));
  CHECK_BOTH(cs::resolve_padding(opaque(x), three) == cs::pads({1}, {1}));
  // Window 2, stride 2: total 3 * 2 + 2 - 7 = 1, at the end for 'same', the start for 'same_lower'.
  constexpr cs::avg_pool_params<1> upper{.window = 2, .padding = cs::same};
  constexpr cs::avg_pool_params<1> lower{.window = 2, .padding = cs::same_lower};
  CHECK_BOTH(cs::avg_pool1d(opaque(x), upper) == cs::make_shape<L>(1, 1, 4));
  CHECK_BOTH(cs::resolve_padding(opaque(x), upper) == cs::pads({0}, {1}));
  CHECK_BOTH(cs::avg_pool1d(opaque(x), lower) == cs::make_shape<L>(1, 1, 4));
  CHECK_BOTH(cs::resolve_padding(opaque(x), lower) == cs::pads({1}, {0}));
  CHECK_BOTH(cs::resolve_padding(opaque(x), cs::max_pool_params<1>{.window = 2}) == cs::pads({0}, {0}));
  CHECK_BOTH(cs::resolve_padding(opaque(x), cs::max_pool_params<1>{.window = 2, .padding = 1}) == cs::pads({1}, {1}));
  CHECK_BOTH(cs::max_pool(opaque(x), {.window = 2}) == cs::make_shape<L>(1, 1, 3));
  CHECK_BOTH(cs::avg_pool(opaque(x), {.window = 2}) == cs::make_shape<L>(1, 1, 3));
}

TEMPLATE_TEST_CASE("pool3d: per-dimension windows, 'same' and explicit pads", "[pool][3d]", test::ncdhw_t,
                   test::ndhwc_t) {
  constexpr auto L = TestType::value;
  // C3D: pool1 {1, 2, 2} keeps the frames, pool2 2 halves everything.
  CHECK_BOTH(cs::max_pool3d(opaque(cs::make_shape<L>(1, 64, {16, 112, 112})), {.window = {1, 2, 2}}) ==
             cs::make_shape<L>(1, 64, {16, 56, 56}));
  CHECK_BOTH(cs::max_pool3d(opaque(cs::make_shape<L>(1, 128, {16, 56, 56})), {.window = 2}) ==
             cs::make_shape<L>(1, 128, {8, 28, 28}));
  // Window 3, stride 2, pad 1 on {5, 6, 7}: floor({4, 5, 6} / 2) + 1 = {3, 3, 4}.
  CHECK_BOTH(cs::avg_pool3d(opaque(cs::make_shape<L>(1, 2, {5, 6, 7})), {.window = 3, .strides = 2, .padding = 1}) ==
             cs::make_shape<L>(1, 2, {3, 3, 4}));
  // ONNX's answer for SAME_LOWER, window {4, 3, 6}, strides {3, 1, 1}: ceil({24, 6, 12} / {3, 1, 1}).
  CHECK_BOTH(cs::max_pool3d(opaque(cs::make_shape<L>(1, 2, {24, 6, 12})),
                            {.window = {4, 3, 6}, .strides = {3, 1, 1}, .padding = cs::same_lower}) ==
             cs::make_shape<L>(1, 2, {8, 6, 12}));
  // Asymmetric: pads({1, 0, 0}, {0, 0, 1}), window 2 on {3, 4, 5}: {2, 2, 3}.
  CHECK_BOTH(cs::avg_pool3d(opaque(cs::make_shape<L>(1, 2, {3, 4, 5})),
                            {.window = 2, .padding = cs::pads({1, 0, 0}, {0, 0, 1})}) ==
             cs::make_shape<L>(1, 2, {2, 2, 3}));
}

TEST_CASE("pool: agrees with the frameworks' answers", "[pool]") {
  // PyTorch: avg window {1, 5}, strides {2, 4}, padding {0, 2} on {11, 4}: {6, 1}.
  CHECK_BOTH(cs::avg_pool2d(opaque(cs::nchw(1, 3, 11, 4)), {.window = {1, 5}, .strides = {2, 4}, .padding = {0, 2}}) ==
             cs::nchw(1, 3, 6, 1));
  // PyTorch: avg window 2, strides {2, 1} on {22, 4}: {11, 3}.
  CHECK_BOTH(cs::avg_pool2d(opaque(cs::nchw(1, 3, 22, 4)), {.window = 2, .strides = {2, 1}}) == cs::nchw(1, 3, 11, 3));
  // ONNX: max window {6, 4}, strides {1, 3}, pads {1, 3} / {0, 3} on {21, 1}: {17, 2}.
  CHECK_BOTH(cs::max_pool2d(opaque(cs::nchw(1, 6, 21, 1)),
                            {.window = {6, 4}, .strides = {1, 3}, .padding = cs::pads({1, 3}, {0, 3})}) ==
             cs::nchw(1, 6, 17, 2));
  // ONNX: avg 'same', window {2, 4}, strides {3, 1} on {3, 5}: {1, 5}.
  CHECK_BOTH(cs::avg_pool2d(opaque(cs::nchw(2, 2, 3, 5)), {.window = {2, 4}, .strides = {3, 1}, .padding = cs::same}) ==
             cs::nchw(2, 2, 1, 5));
  // Keras: 'same', stride 1 keeps the extents whatever the window.
  CHECK_BOTH(cs::avg_pool2d(opaque(cs::nchw(3, 1, 1, 9)), {.window = {6, 2}, .strides = 1, .padding = cs::same}) ==
             cs::nchw(3, 1, 1, 9));
  CHECK_BOTH(cs::max_pool2d(opaque(cs::nhwc(1, 13, 7, 2)), {.window = {1, 6}, .strides = 1, .padding = cs::same}) ==
             cs::nhwc(1, 13, 7, 2));
}

TEST_CASE("pool ceil_mode: a partial last window counts", "[pool][ceil_mode]") {
  // GoogLeNet (Caffe rounds up): 3x3 stride 2 takes 112 -> 56 -> 28 -> 14 -> 7,
  // where rounding down would give 55, 27, 13, 6.
  constexpr cs::max_pool_params<2> caffe{.window = 3, .strides = 2, .ceil_mode = true};
  constexpr cs::max_pool_params<2> round_down{.window = 3, .strides = 2};
  CHECK_BOTH(cs::max_pool2d(opaque(cs::nchw(1, 64, 112, 112)), caffe) == cs::nchw(1, 64, 56, 56));
  CHECK_BOTH(cs::max_pool2d(opaque(cs::nchw(1, 64, 112, 112)), round_down) == cs::nchw(1, 64, 55, 55));
  CHECK_BOTH(cs::max_pool2d(opaque(cs::nchw(1, 192, 56, 56)), caffe) == cs::nchw(1, 192, 28, 28));
  CHECK_BOTH(cs::max_pool2d(opaque(cs::nhwc(1, 28, 28, 480)), caffe) == cs::nhwc(1, 14, 14, 480));
  CHECK_BOTH(cs::max_pool2d(opaque(cs::nhwc(1, 14, 14, 832)), caffe) == cs::nhwc(1, 7, 7, 832));
  // Average pooling rounds the same way: 6, window 3, stride 2: floor 2, ceil 3.
  CHECK_BOTH(cs::avg_pool1d(opaque(cs::ncw(1, 1, 6)), {.window = 3, .strides = 2}) == cs::ncw(1, 1, 2));
  CHECK_BOTH(cs::avg_pool1d(opaque(cs::ncw(1, 1, 6)), {.window = 3, .strides = 2, .ceil_mode = true}) ==
             cs::ncw(1, 1, 3));
  // When the windows tile the input exactly, ceil_mode changes nothing: 7, window 3, stride 2 -> 3.
  CHECK_BOTH(cs::max_pool1d(opaque(cs::ncw(1, 1, 7)), {.window = 3, .strides = 2, .ceil_mode = true}) ==
             cs::ncw(1, 1, 3));
  // Nor with 'same': ceil(7 / 2) = 4 either way.
  CHECK_BOTH(cs::max_pool1d(opaque(cs::ncw(1, 1, 7)), {.window = 2, .padding = cs::same, .ceil_mode = true}) ==
             cs::ncw(1, 1, 4));
  // PyTorch's answers: ceil with dilation and pads.
  // {20, 4}, window {4, 5}, strides {3, 2}, padding {0, 1}, dilation {3, 1}:
  // H eff 10, ceil(10 / 3) + 1 = 5 (last start 12 < 20); W ceil(1 / 2) + 1 = 2 (last start 2 < 5).
  CHECK_BOTH(
      cs::max_pool2d(opaque(cs::nchw(3, 3, 20, 4)),
                     {.window = {4, 5}, .strides = {3, 2}, .padding = {0, 1}, .dilation = {3, 1}, .ceil_mode = true}) ==
      cs::nchw(3, 3, 5, 2));
  // {8, 8, 19}, window {4, 4, 6}, strides {1, 3, 1}, padding {1, 2, 3}, dilation {1, 1, 2}: {7, 4, 15}.
  CHECK_BOTH(cs::max_pool3d(opaque(cs::ncdhw(3, 6, 8, 8, 19)), {.window = {4, 4, 6},
                                                                .strides = {1, 3, 1},
                                                                .padding = {1, 2, 3},
                                                                .dilation = {1, 1, 2},
                                                                .ceil_mode = true}) == cs::ncdhw(3, 6, 7, 4, 15));
}

TEST_CASE("pool ceil_mode: the last window must start inside the input or the start padding", "[pool][ceil_mode]") {
  // 5, window 2, stride 2, pad 1: padded 7. ceil((7 - 2) / 2) + 1 = 4 naively, but the
  // 4th window would start at 6 = 5 + 1, wholly in the end padding: 3, as without ceil_mode.
  CHECK_BOTH(cs::max_pool1d(opaque(cs::ncw(1, 1, 5)), {.window = 2, .padding = 1, .ceil_mode = true}) ==
             cs::ncw(1, 1, 3));
  CHECK_BOTH(cs::max_pool1d(opaque(cs::ncw(1, 1, 5)), {.window = 2, .padding = 1}) == cs::ncw(1, 1, 3));
  // 3, window 2, stride 2, pad 1: naive ceil 3, the 3rd window starts at 4 = 3 + 1: 2.
  CHECK_BOTH(cs::avg_pool1d(opaque(cs::ncw(1, 1, 3)), {.window = 2, .padding = 1, .ceil_mode = true}) ==
             cs::ncw(1, 1, 2));
  // The start padding counts, the end padding does not. 4, window 2, stride 2, padded 5:
  // the 3rd window starts at 4; with the pad at the start that is input element 3: 3 windows.
  CHECK_BOTH(cs::max_pool1d(opaque(cs::nwc(1, 4, 1)),
                            {.window = 2, .padding = cs::pads({1}, {0}), .ceil_mode = true}) == cs::nwc(1, 3, 1));
  // With the pad at the end it starts in the padding: 2 windows.
  CHECK_BOTH(cs::max_pool1d(opaque(cs::nwc(1, 4, 1)),
                            {.window = 2, .padding = cs::pads({0}, {1}), .ceil_mode = true}) == cs::nwc(1, 2, 1));
  // Per dimension in 2-D: H is the first case above (3), W = 6, window 2, stride 2, pad 1:
  // padded 8, windows tile it exactly: 4.
  CHECK_BOTH(cs::max_pool2d(opaque(cs::nhwc(1, 5, 6, 1)), {.window = 2, .padding = 1, .ceil_mode = true}) ==
             cs::nhwc(1, 3, 4, 1));
}

TEST_CASE("pool ceil_mode near INT64_MAX does not overflow", "[pool][ceil_mode][overflow]") {
  // Input INT64_MAX, window 1, stride 2^62: windows start at 0 and 2^62; the next would start
  // at 2^63, past INT64_MAX and past the input, so 2 windows, with or without ceil_mode.
  constexpr auto x = cs::ncw(1, 1, test::int64_max);
  constexpr std::int64_t stride = std::int64_t{1} << 62;
  CHECK_BOTH(cs::max_pool1d(opaque(x), {.window = 1, .strides = stride, .ceil_mode = true}) == cs::ncw(1, 1, 2));
  CHECK_BOTH(cs::max_pool1d(opaque(x), {.window = 1, .strides = stride}) == cs::ncw(1, 1, 2));
}

TEST_CASE("pool: try_max_pool, try_avg_pool and try_plan keep the channels, without throwing", "[pool][try]") {
  constexpr auto x = cs::nhwc(2, 7, 8, 5);
  constexpr cs::max_pool_params<2> mp{.window = 2, .padding = cs::same};
  constexpr cs::avg_pool_params<2> ap{.window = 3, .strides = {2, 1}, .padding = 1};
  STATIC_REQUIRE(noexcept(cs::try_max_pool(x, mp)));
  STATIC_REQUIRE(noexcept(cs::try_avg_pool(x, ap)));
  // max: ceil({7, 8} / 2) = {4, 4}; H total 3 * 2 + 2 - 7 = 1, W total 0.
  CHECK_BOTH(*cs::try_max_pool(opaque(x), mp) == cs::nhwc(2, 4, 4, 5));
  CHECK_BOTH(cs::try_plan(opaque(x), mp).value() ==
             cs::layer_plan<2>{.channels = 5, .output = {4, 4}, .pads = cs::pads({0, 0}, {1, 0})});
  // avg: H floor((7 + 2 - 3) / 2) + 1 = 4, W 8 + 2 - 3 + 1 = 8.
  CHECK_BOTH(cs::try_avg_pool(opaque(x), ap).value() == cs::nhwc(2, 4, 8, 5));
  CHECK_BOTH(cs::try_avg_pool(opaque(x), ap)->channels() == 5);
  CHECK_BOTH(cs::try_plan(opaque(x), ap).value() ==
             cs::layer_plan<2>{.channels = 5, .output = {4, 8}, .pads = cs::pads({1, 1}, {1, 1})});
}
