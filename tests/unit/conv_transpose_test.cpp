// Transposed convolution: output shapes in 1-D, 2-D and 3-D, both layout
// families, every parameter and padding mode, compile time and run time.
//
// Expected extents come from o = (i - 1) * s + eff + a - pb - pe (PyTorch's
// ConvTranspose formula, eff = d * (k - 1) + 1, a the output padding), or
// o = i * s for 'same' (TensorFlow, ONNX), worked out in the comments.
#include "support.hpp"

using test::opaque;

TEMPLATE_TEST_CASE("conv1d_transpose: lengths for stride, padding, output_padding and dilation", "[conv_transpose][1d]",
                   test::ncw_t, test::nwc_t) {
  constexpr auto L = TestType::value;
  constexpr auto x = cs::make_shape<L>(4, 8, 10);
  // 9 + 3 = 12
  CHECK_BOTH(cs::conv1d_transpose(opaque(x), {.filters = 2, .kernel = 3}) == cs::make_shape<L>(4, 2, 12));
  // 9 * 2 + 3 = 21, and output_padding 1 appends one: 22
  CHECK_BOTH(cs::conv1d_transpose(opaque(x), {.filters = 2, .kernel = 3, .strides = 2}) == cs::make_shape<L>(4, 2, 21));
  CHECK_BOTH(cs::conv1d_transpose(opaque(x), {.filters = 2, .kernel = 3, .strides = 2, .output_padding = 1}) ==
             cs::make_shape<L>(4, 2, 22));
  // pad 1 crops one from each end: 21 - 2 = 19; with output_padding 1, exactly 2 * 10.
  CHECK_BOTH(cs::conv1d_transpose(opaque(x), {.filters = 2, .kernel = 3, .strides = 2, .padding = 1}) ==
             cs::make_shape<L>(4, 2, 19));
  CHECK_BOTH(
      cs::conv1d_transpose(opaque(x), {.filters = 2, .kernel = 3, .strides = 2, .padding = 1, .output_padding = 1}) ==
      cs::make_shape<L>(4, 2, 20));
  // pads({2}, {0}): 21 - 2 = 19
  CHECK_BOTH(
      cs::conv1d_transpose(opaque(x), {.filters = 2, .kernel = 3, .strides = 2, .padding = cs::pads({2}, {0})}) ==
      cs::make_shape<L>(4, 2, 19));
  // eff = 2 * 2 + 1 = 5: 9 + 5 = 14; output_padding 1 is allowed because it is below the dilation.
  CHECK_BOTH(cs::conv1d_transpose(opaque(x), {.filters = 2, .kernel = 3, .dilation = 2}) ==
             cs::make_shape<L>(4, 2, 14));
  CHECK_BOTH(cs::conv1d_transpose(opaque(x), {.filters = 2, .kernel = 3, .output_padding = 1, .dilation = 2}) ==
             cs::make_shape<L>(4, 2, 15));
  CHECK_BOTH(cs::conv_transpose(opaque(x), {.filters = 2, .kernel = 3, .strides = 2}) == cs::make_shape<L>(4, 2, 21));
}

TEMPLATE_TEST_CASE("conv2d_transpose: well-known layers", "[conv_transpose][2d]", test::nchw_t, test::nhwc_t) {
  constexpr auto L = TestType::value;
  // The README's example: 28 + 3 - 1 = 30.
  CHECK_BOTH(cs::conv2d_transpose(opaque(cs::make_shape<L>(32, 64, {28, 28})), {.filters = 3, .kernel = 3}) ==
             cs::make_shape<L>(32, 3, {30, 30}));
  // PyTorch's ConvTranspose2d docs: kernel (3, 5), stride (2, 1), padding (4, 2) on 50x100:
  // H 49 * 2 + 3 - 8 = 93, W 99 + 5 - 4 = 100.
  CHECK_BOTH(cs::conv2d_transpose(opaque(cs::make_shape<L>(20, 16, {50, 100})),
                                  {.filters = 33, .kernel = {3, 5}, .strides = {2, 1}, .padding = {4, 2}}) ==
             cs::make_shape<L>(20, 33, {93, 100}));
  // PyTorch's docs again: Conv2d(3, stride 2, pad 1) takes 12 to 6; transposed, 6 goes to
  // 5 * 2 + 3 - 2 = 11, and output_padding 1 recovers 12.
  constexpr auto six = cs::make_shape<L>(1, 16, {6, 6});
  CHECK_BOTH(cs::conv2d_transpose(opaque(six), {.filters = 16, .kernel = 3, .strides = 2, .padding = 1}) ==
             cs::make_shape<L>(1, 16, {11, 11}));
  CHECK_BOTH(cs::conv2d_transpose(opaque(six),
                                  {.filters = 16, .kernel = 3, .strides = 2, .padding = 1, .output_padding = 1}) ==
             cs::make_shape<L>(1, 16, {12, 12}));
  // Per dimension: output_padding {1, 0} gives {12, 11}.
  CHECK_BOTH(cs::conv2d_transpose(opaque(six),
                                  {.filters = 16, .kernel = 3, .strides = 2, .padding = 1, .output_padding = {1, 0}}) ==
             cs::make_shape<L>(1, 16, {12, 11}));
  // DCGAN generator: 1 -> 4 (kernel 4), then kernel 4, stride 2, pad 1 doubles: 3 * 2 + 4 - 2 = 8.
  CHECK_BOTH(cs::conv2d_transpose(opaque(cs::make_shape<L>(64, 100, {1, 1})), {.filters = 512, .kernel = 4}) ==
             cs::make_shape<L>(64, 512, {4, 4}));
  CHECK_BOTH(cs::conv2d_transpose(opaque(cs::make_shape<L>(64, 512, {4, 4})),
                                  {.filters = 256, .kernel = 4, .strides = 2, .padding = 1}) ==
             cs::make_shape<L>(64, 256, {8, 8}));
  CHECK_BOTH(cs::conv2d_transpose(opaque(cs::make_shape<L>(64, 128, {32, 32})),
                                  {.filters = 3, .kernel = 4, .strides = 2, .padding = 1}) ==
             cs::make_shape<L>(64, 3, {64, 64}));
  // Groups change only the channels: 8 in, 4 groups, 4 out.
  CHECK_BOTH(cs::conv2d_transpose(opaque(cs::make_shape<L>(1, 8, {5, 5})), {.filters = 4, .kernel = 3, .groups = 4}) ==
             cs::make_shape<L>(1, 4, {7, 7}));
}

TEST_CASE("conv2d_transpose: PyTorch's answer with asymmetric strides and output_padding", "[conv_transpose][2d]") {
  // From the PyTorch sample case: kernel {3, 4}, strides 4, padding {2, 0}, output_padding {3, 1}
  // on {7, 4}: H 6 * 4 + 3 + 3 - 4 = 26, W 3 * 4 + 4 + 1 = 17.
  CHECK_BOTH(cs::conv2d_transpose(
                 opaque(cs::nchw(1, 2, 7, 4)),
                 {.filters = 12, .kernel = {3, 4}, .strides = 4, .padding = {2, 0}, .output_padding = {3, 1}}) ==
             cs::nchw(1, 12, 26, 17));
}

TEMPLATE_TEST_CASE("conv3d_transpose: per-dimension parameters", "[conv_transpose][3d]", test::ncdhw_t, test::ndhwc_t) {
  constexpr auto L = TestType::value;
  constexpr auto x = cs::make_shape<L>(1, 8, {4, 8, 8});
  // kernel {3, 4, 4}, strides {1, 2, 2}, pad 1: D 3 + 3 - 2 = 4; H, W 7 * 2 + 4 - 2 = 16.
  CHECK_BOTH(cs::conv3d_transpose(opaque(x), {.filters = 4, .kernel = {3, 4, 4}, .strides = {1, 2, 2}, .padding = 1}) ==
             cs::make_shape<L>(1, 4, {4, 16, 16}));
  // kernel 3, output_padding {0, 1, 1}: D 4; H, W 7 * 2 + 3 - 2 + 1 = 16.
  CHECK_BOTH(
      cs::conv3d_transpose(
          opaque(x), {.filters = 4, .kernel = 3, .strides = {1, 2, 2}, .padding = 1, .output_padding = {0, 1, 1}}) ==
      cs::make_shape<L>(1, 4, {4, 16, 16}));
  // 'same': {4, 8, 8} * {1, 2, 2}.
  CHECK_BOTH(cs::conv3d_transpose(opaque(x), {.filters = 4, .kernel = 3, .strides = {1, 2, 2}, .padding = cs::same}) ==
             cs::make_shape<L>(1, 4, {4, 16, 16}));
  // Asymmetric pads: full {6, 10, 10} less {1 + 0, 0 + 2, 3 + 3}.
  CHECK_BOTH(cs::conv3d_transpose(opaque(x), {.filters = 4, .kernel = 3, .padding = cs::pads({1, 0, 3}, {0, 2, 3})}) ==
             cs::make_shape<L>(1, 4, {5, 8, 4}));
}

TEST_CASE("conv_transpose: 'same' output is input * stride and the pads crop the full output",
          "[conv_transpose][padding]") {
  constexpr auto x = cs::ncw(1, 1, 10);
  using p1 = cs::conv_transpose_params<1>;
  // Kernel 3, stride 2: output 20; full output 9 * 2 + 3 = 21, so 1 to crop: at the end for
  // 'same', at the start for 'same_lower'.
  CHECK_BOTH(cs::conv1d_transpose(opaque(x), {.filters = 1, .kernel = 3, .strides = 2, .padding = cs::same}) ==
             cs::ncw(1, 1, 20));
  CHECK_BOTH(cs::resolve_padding(opaque(x), p1{.filters = 1, .kernel = 3, .strides = 2, .padding = cs::same}) ==
             cs::pads({0}, {1}));
  CHECK_BOTH(cs::conv1d_transpose(opaque(x), {.filters = 1, .kernel = 3, .strides = 2, .padding = cs::same_lower}) ==
             cs::ncw(1, 1, 20));
  CHECK_BOTH(cs::resolve_padding(opaque(x), p1{.filters = 1, .kernel = 3, .strides = 2, .padding = cs::same_lower}) ==
             cs::pads({1}, {0}));
  // Kernel 4, stride 2: full 22, crop 1 + 1.
  CHECK_BOTH(cs::resolve_padding(opaque(x), p1{.filters = 1, .kernel = 4, .strides = 2, .padding = cs::same}) ==
             cs::pads({1}, {1}));
  // output_padding does not change the 'same' output; it adds to what is cropped: 22 - 20.
  CHECK_BOTH(cs::conv1d_transpose(
                 opaque(x), {.filters = 1, .kernel = 3, .strides = 2, .padding = cs::same, .output_padding = 1}) ==
             cs::ncw(1, 1, 20));
  CHECK_BOTH(cs::resolve_padding(
                 opaque(x), p1{.filters = 1, .kernel = 3, .strides = 2, .padding = cs::same, .output_padding = 1}) ==
             cs::pads({1}, {1}));
  // Dilation: eff 9, stride 1: full 18, crop 4 + 4.
  CHECK_BOTH(cs::resolve_padding(opaque(x), p1{.filters = 1, .kernel = 5, .padding = cs::same, .dilation = 2}) ==
             cs::pads({4}, {4}));
  // Stride 3 above kernel 2: full 9 * 3 + 2 = 29 is one short of 30; the end pad is -1 (a zero appended).
  CHECK_BOTH(cs::conv1d_transpose(opaque(x), {.filters = 1, .kernel = 2, .strides = 3, .padding = cs::same}) ==
             cs::ncw(1, 1, 30));
  CHECK_BOTH(cs::resolve_padding(opaque(x), p1{.filters = 1, .kernel = 2, .strides = 3, .padding = cs::same}) ==
             cs::pads({0}, {-1}));
  CHECK_BOTH(cs::resolve_padding(opaque(x), p1{.filters = 1, .kernel = 2, .strides = 3, .padding = cs::same_lower}) ==
             cs::pads({0}, {-1}));
  // 2-D: kernel {3, 4}, strides {2, 1} on {5, 6}: output {10, 6}; crop {1, 3}.
  constexpr auto y = cs::nhwc(1, 5, 6, 1);
  using p2 = cs::conv_transpose_params<2>;
  CHECK_BOTH(
      cs::conv2d_transpose(opaque(y), {.filters = 2, .kernel = {3, 4}, .strides = {2, 1}, .padding = cs::same}) ==
      cs::nhwc(1, 10, 6, 2));
  CHECK_BOTH(
      cs::resolve_padding(opaque(y), p2{.filters = 2, .kernel = {3, 4}, .strides = {2, 1}, .padding = cs::same}) ==
      cs::pads({0, 1}, {1, 2}));
  CHECK_BOTH(cs::resolve_padding(opaque(y),
                                 p2{.filters = 2, .kernel = {3, 4}, .strides = {2, 1}, .padding = cs::same_lower}) ==
             cs::pads({1, 2}, {0, 1}));
}

namespace {
// Transposed 'same' undoes forward 'same': the forward convolution of the
// transposed output i * s gives back i, and (when eff >= s, so no pad is
// negative) both resolve to the same pads. Returns false on the first miss.
constexpr bool same_is_adjoint(std::int64_t max_input) {
  for (std::int64_t i = 1; i <= max_input; ++i)
    for (std::int64_t k = 1; k <= 5; ++k)
      for (std::int64_t s = 1; s <= 3; ++s)
        for (std::int64_t d = 1; d <= 2; ++d)
          for (const cs::padding_mode mode : {cs::same, cs::same_lower}) {
            const auto x = cs::ncw(1, 1, i);
            // Not const: g++ 12 rejects, in constant evaluation, a const aggregate
            // whose per_dim member broadcasts a non-constant value.
            cs::conv_transpose_params<1> up{.filters = 1, .kernel = k, .strides = s, .padding = mode, .dilation = d};
            const auto y = cs::conv1d_transpose(x, up);
            cs::conv_params<1> down{.filters = 1, .kernel = k, .strides = s, .padding = mode, .dilation = d};
            if (y.length() != i * s || cs::conv1d(y, down) != x) return false;
            if (d * (k - 1) + 1 >= s && cs::resolve_padding(x, up) != cs::resolve_padding(y, down)) return false;
          }
  return true;
}
}  // namespace

TEST_CASE("conv_transpose: 'same' and 'same_lower' are the adjoints of the forward modes",
          "[conv_transpose][padding]") {
  STATIC_REQUIRE(same_is_adjoint(6));
  CHECK(same_is_adjoint(opaque(40)));
}

TEST_CASE("conv_transpose: output_padding recovers the forward convolution's input", "[conv_transpose][2d]") {
  // Forward: {13, 14}, kernel {3, 4}, strides {2, 3}, padding {1, 2}:
  // H floor(12 / 2) + 1 = 7, remainder 0; W floor(14 / 3) + 1 = 5, remainder 2.
  constexpr auto x = cs::nchw(1, 3, 13, 14);
  constexpr auto y = cs::conv2d(x, {.filters = 8, .kernel = {3, 4}, .strides = {2, 3}, .padding = {1, 2}});
  STATIC_REQUIRE(y == cs::nchw(1, 8, 7, 5));
  // The remainders are the output_padding that picks x among the inputs that map to y.
  CHECK_BOTH(cs::conv2d_transpose(
                 opaque(y),
                 {.filters = 3, .kernel = {3, 4}, .strides = {2, 3}, .padding = {1, 2}, .output_padding = {0, 2}}) ==
             x);
  CHECK_BOTH(cs::conv2d_transpose(opaque(y), {.filters = 3, .kernel = {3, 4}, .strides = {2, 3}, .padding = {1, 2}}) ==
             cs::nchw(1, 3, 13, 12));
}

TEST_CASE("conv_transpose: try_conv_transpose and try_plan report the same result without throwing",
          "[conv_transpose][try]") {
  constexpr auto x = cs::nwc(2, 10, 8);
  constexpr cs::conv_transpose_params<1> p{.filters = 4, .kernel = 3, .strides = 2, .padding = cs::same, .groups = 2};
  STATIC_REQUIRE(noexcept(cs::try_conv_transpose(x, p)));
  CHECK_BOTH(cs::try_conv_transpose(opaque(x), p).has_value());
  CHECK_BOTH(*cs::try_conv_transpose(opaque(x), p) == cs::nwc(2, 20, 4));
  CHECK_BOTH(cs::try_conv_transpose(opaque(x), p).value() == cs::conv1d_transpose(x, p));
  CHECK_BOTH(cs::try_plan(opaque(x), p).value() ==
             cs::layer_plan<1>{.channels = 4, .output = 20, .pads = cs::pads({0}, {1})});
}
