// Framework conventions: where PyTorch, Keras and ONNX answer differently
// from the generic definition, and from each other. The full evidence is
// tests/golden (thousands of the frameworks' own answers); these are the
// differences by name, each checked at compile time and at run time.
#include "support.hpp"

using test::contains;
using test::opaque;

namespace {

template <cs::framework F, cs::layout L>
constexpr bool rejects(const cs::shape<L>& x, const auto& params, const char* why) {
  const auto plan = cs::try_plan<F>(x, params);
  return !plan && plan.error().code == cs::errc::not_supported && contains(plan.error().what(), why);
}

}  // namespace

TEST_CASE("generic is the default framework", "[framework]") {
  constexpr auto x = cs::nchw(1, 3, 9, 9);
  constexpr cs::conv_params<2> p{.filters = 4, .kernel = 3, .strides = 2, .padding = cs::same};
  STATIC_REQUIRE(cs::conv2d<cs::generic>(x, p) == cs::conv2d(x, p));
  STATIC_REQUIRE(cs::conv2d<cs::keras>(x, p) == cs::conv2d(x, p));  // Keras' 'same' is the generic one
}

TEST_CASE("messages name the framework", "[framework]") {
  const auto r = cs::try_conv<cs::torch>(opaque(cs::nchw(1, 3, 9, 9)), {.filters = 4, .kernel = 3, .strides = 2, .padding = cs::same});
  REQUIRE_FALSE(r);
  CHECK(std::string(r.error().what()) == "conv2d (torch): padding='same' is not supported for strided convolutions");
}

TEST_CASE("torch: 'same' for unstrided convolution only, symmetric pads, pool pads at most half the window",
          "[framework][torch]") {
  constexpr auto x = cs::nchw(1, 2, 8, 8);
  CHECK_BOTH(cs::conv2d<cs::torch>(opaque(x), {.filters = 2, .kernel = 4, .padding = cs::same, .dilation = 2}) ==
             cs::nchw(1, 2, 8, 8));
  CHECK_BOTH(rejects<cs::torch>(opaque(x), cs::conv_params<2>{.filters = 2, .kernel = 3, .strides = {1, 2}, .padding = cs::same},
                                "not supported for strided convolutions"));
  CHECK_BOTH(rejects<cs::torch>(opaque(x), cs::conv_params<2>{.filters = 2, .kernel = 3, .padding = cs::same_lower},
                                "PyTorch has no 'same_lower' padding"));
  CHECK_BOTH(rejects<cs::torch>(opaque(x), cs::conv_transpose_params<2>{.filters = 2, .kernel = 3, .padding = cs::same},
                                "'same' padding for convolution only"));
  CHECK_BOTH(rejects<cs::torch>(opaque(x), cs::conv_params<2>{.filters = 2, .kernel = 3, .padding = cs::pads({1, 1}, {1, 2})},
                                "got begin 1 and end 2 in spatial dim 1"));
  // A window of 3 takes a pad of 1, not 2, though 2 < 3 is well defined.
  CHECK_BOTH(cs::max_pool2d<cs::torch>(opaque(x), {.window = 3, .padding = 1}) == cs::nchw(1, 2, 3, 3));
  CHECK_BOTH(rejects<cs::torch>(opaque(x), cs::max_pool_params<2>{.window = 3, .padding = 2},
                                "pad should be at most half of kernel size"));
  CHECK_BOTH(cs::try_max_pool(opaque(x), {.window = 3, .padding = 2}).has_value());
}

TEST_CASE("keras: no explicit pads, no strided dilation, transposed 'valid' as deconv_output_length",
          "[framework][keras]") {
  constexpr auto x = cs::nhwc(1, 5, 5, 2);
  CHECK_BOTH(rejects<cs::keras>(opaque(x), cs::conv_params<2>{.filters = 2, .kernel = 3, .padding = 1}, "no explicit padding"));
  CHECK_BOTH(rejects<cs::keras>(opaque(x), cs::conv_params<2>{.filters = 2, .kernel = 2, .strides = 2, .dilation = {1, 2}},
                                "strides > 1 not supported in conjunction with dilation_rate > 1"));
  CHECK_BOTH(rejects<cs::keras>(opaque(x), cs::max_pool_params<2>{.window = 2, .ceil_mode = true}, "no ceil_mode"));
  // Stride 3 over kernel 2: Keras gives in * s = 15, the adjoint of the
  // convolution (in - 1) * s + k = 14.
  constexpr cs::conv_transpose_params<2> wide{.filters = 1, .kernel = 2, .strides = 3};
  CHECK_BOTH(cs::conv2d_transpose<cs::keras>(opaque(x), wide) == cs::nhwc(1, 15, 15, 1));
  CHECK_BOTH(cs::conv2d_transpose(opaque(x), wide) == cs::nhwc(1, 14, 14, 1));
  CHECK_BOTH(cs::resolve_padding<cs::keras>(opaque(x), wide) == cs::pads({0, 0}, {-1, -1}));
  // With output_padding given, 'same' pads eff // 2 on both sides.
  constexpr cs::conv_transpose_params<2> same{.filters = 1, .kernel = 3, .strides = 2, .padding = cs::same,
                                              .output_padding = {1, 0}};
  CHECK_BOTH(cs::conv2d_transpose<cs::keras>(opaque(x), same) == cs::nhwc(1, 10, 9, 1));  // 4 * 2 + 3 - 2 + {1, 0}
  CHECK_BOTH(rejects<cs::keras>(opaque(x), cs::conv_transpose_params<2>{.filters = 1, .kernel = 3, .strides = 2,
                                                                .output_padding = {0, 1}, .dilation = {1, 3}},
                                "strides > 1 not supported"));
  CHECK_BOTH(rejects<cs::keras>(opaque(cs::nwc(1, 9, 1)),
                                cs::conv_transpose_params<1>{.filters = 1, .kernel = 3, .output_padding = 2, .dilation = 3},
                                "Strides must be greater than output padding"));
}

TEST_CASE("onnx: no causal padding", "[framework][onnx]") {
  constexpr auto x = cs::ncw(1, 1, 9);
  CHECK_BOTH(rejects<cs::onnx>(opaque(x), cs::conv_params<1>{.filters = 1, .kernel = 3, .padding = cs::causal}, "no 'causal'"));
  CHECK_BOTH(cs::conv1d<cs::keras>(opaque(x), {.filters = 1, .kernel = 3, .padding = cs::causal}) == cs::ncw(1, 1, 9));
}

TEST_CASE("torch and onnx: in ceil_mode a window may hang over the end padding", "[framework][torch][onnx]") {
  // Input 1, window 4, pads 1 + 1, stride 2: the padded input is 3, one short
  // of the window. Generic rejects; PyTorch and ONNX Runtime give one output.
  constexpr auto x = cs::ncw(1, 1, 1);
  constexpr cs::max_pool_params<1> p{.window = 4, .strides = 2, .padding = 1, .ceil_mode = true};
  CHECK_BOTH(cs::try_max_pool(opaque(x), p).error().code == cs::errc::kernel_exceeds_padded_input);
  CHECK_BOTH(cs::max_pool1d<cs::torch>(opaque(x), p) == cs::ncw(1, 1, 1));
  CHECK_BOTH(cs::max_pool1d<cs::onnx>(opaque(x), p) == cs::ncw(1, 1, 1));
  // Two short is too short for stride 2.
  CHECK_BOTH(!cs::try_max_pool<cs::torch>(opaque(x), cs::max_pool_params<1>{.window = 5, .strides = 2, .padding = 1,
                                                                            .ceil_mode = true}));
}

TEST_CASE("pool pad limits: generic below the effective window, torch half the window, onnx below the window",
          "[framework][torch][onnx]") {
  constexpr auto x = cs::nchw(1, 1, 9, 9);
  constexpr cs::max_pool_params<2> dilated{.window = 2, .strides = 1, .padding = 2, .dilation = 3};  // eff 4
  CHECK_BOTH(cs::max_pool2d(opaque(x), dilated) == cs::nchw(1, 1, 10, 10));
  CHECK_BOTH(rejects<cs::torch>(opaque(x), dilated, "pad should be at most half of kernel size"));
  CHECK_BOTH(rejects<cs::onnx>(opaque(x), dilated, "Pad should be smaller than kernel"));
  CHECK_BOTH(rejects<cs::torch>(opaque(cs::ncdhw(1, 1, 2, 9, 9)), cs::avg_pool_params<3>{.window = 3, .padding = 1},
                                "input image 2 smaller than kernel size 3 in spatial dim 0"));
  CHECK_BOTH(cs::avg_pool2d<cs::torch>(opaque(cs::nchw(1, 1, 2, 9)), {.window = 3, .padding = 1}) == cs::nchw(1, 1, 1, 3));
}

TEST_CASE("onnx answers as ONNX Runtime computes, where shape inference is laxer", "[framework][onnx]") {
  constexpr auto x = cs::nchw(1, 4, 14, 7);
  // Shape inference (and the spec) give 14x7; the runtime has no dilated SAME.
  constexpr cs::conv_params<2> dilated_same{.filters = 4, .kernel = 6, .padding = cs::same_lower, .dilation = {3, 1}, .groups = 2};
  CHECK_BOTH(cs::conv2d(opaque(x), dilated_same) == cs::nchw(1, 4, 14, 7));
  CHECK_BOTH(rejects<cs::onnx>(opaque(x), dilated_same, "Dilation not supported for AutoPadType::SAME_UPPER"));
  // output_padding below the dilation but not the stride.
  constexpr cs::conv_transpose_params<2> below_dilation{.filters = 1, .kernel = 3, .output_padding = 1, .dilation = 2};
  CHECK_BOTH(cs::conv2d_transpose<cs::torch>(opaque(x), below_dilation) == cs::nchw(1, 1, 19, 12));
  CHECK_BOTH(rejects<cs::onnx>(opaque(x), below_dilation, "output_padding must be smaller than the stride"));
  // 'same' pool pads come from the undilated window and may be negative, which
  // the runtime refuses, except in its dilated max pool kernel.
  constexpr auto row = cs::ncw(1, 1, 8);
  CHECK_BOTH(cs::avg_pool1d(opaque(row), {.window = 1, .strides = 2, .padding = cs::same}) == cs::ncw(1, 1, 4));
  CHECK_BOTH(rejects<cs::onnx>(opaque(row), cs::avg_pool_params<1>{.window = 1, .strides = 2, .padding = cs::same},
                               "padding values must be non-negative"));
  CHECK_BOTH(cs::max_pool1d<cs::onnx>(opaque(row), {.window = 1, .strides = 2, .padding = cs::same, .dilation = 2}) ==
             cs::ncw(1, 1, 4));
  // A negative odd total: SAME_LOWER puts (total + 1) / 2 = 0 first, found by tests/fuzz.
  CHECK_BOTH(cs::resolve_padding<cs::onnx>(opaque(row), cs::max_pool_params<1>{.window = 1, .strides = 2, .padding = cs::same_lower,
                                                                                .dilation = 2}) == cs::pads({0}, {-1}));
  CHECK_BOTH(cs::max_pool1d<cs::onnx>(opaque(cs::ncw(1, 1, 7)), {.window = 3, .strides = 1, .padding = cs::same, .dilation = 2}) ==
             cs::ncw(1, 1, 5));  // pads 1 + 1 for window 3, then the dilated window 5: 7 + 2 - 5 + 1
  // Transposed 'same' is in * stride only when the kernel reaches that far.
  CHECK_BOTH(cs::conv1d_transpose<cs::onnx>(opaque(cs::ncw(1, 1, 7)), {.filters = 1, .kernel = 2, .strides = 3, .padding = cs::same}) ==
             cs::ncw(1, 1, 20));
  CHECK_BOTH(cs::conv1d_transpose(opaque(cs::ncw(1, 1, 7)), {.filters = 1, .kernel = 2, .strides = 3, .padding = cs::same}) ==
             cs::ncw(1, 1, 21));
  // A window overhanging by less than a stride gives one output, ceil_mode or not.
  CHECK_BOTH(cs::max_pool1d<cs::onnx>(opaque(cs::ncw(1, 1, 2)), {.window = 6, .strides = 5}) == cs::ncw(1, 1, 1));
}
