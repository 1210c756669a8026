// Every error a layer can report, through the run-time API: the throwing
// functions throw a shape_error (a std::exception) with the right errc and a
// message naming the layer, the parameter, the spatial dimension and the
// values; the try_ functions return the same code and message instead.
#include <exception>
#include <initializer_list>
#include <string>
#include <type_traits>

#include "support.hpp"

using test::opaque;

namespace {

using Catch::Matchers::Contains;

/// Checks the non-throwing result `r` and the throwing call `throwing` of the
/// same configuration: both report `code`, with one message containing every
/// fragment.
template <class T, class Throwing>
void check_error(const cs::result<T>& r, Throwing throwing, cs::errc code,
                 std::initializer_list<const char*> fragments) {
  REQUIRE_FALSE(r.has_value());
  CHECK_FALSE(static_cast<bool>(r));
  CHECK(static_cast<bool>(r.error()));
  CHECK(r.error().code == code);
  const std::string message = r.error().what();
  for (const char* fragment : fragments) CHECK_THAT(message, Contains(fragment));

  bool threw = false;
  try {
    (void)throwing();
  } catch (const std::exception& e) {  // caught through the standard base
    threw = true;
    const auto* error = dynamic_cast<const cs::shape_error*>(&e);
    REQUIRE(error != nullptr);
    CHECK(error->code() == code);
    CHECK(error->info().code == code);
    CHECK(e.what() == message);
  }
  CHECK(threw);
}

/// A shape with a bad extent: the factories refuse to build one, so this
/// fills the public members directly.
template <cs::layout L>
cs::shape<L> unchecked(std::int64_t n, std::int64_t c, cs::per_dim<cs::spatial_rank(L)> spatial) {
  return {opaque(n), opaque(c), spatial};
}

}  // namespace

TEST_CASE("shape_error is a std::exception and the try_ functions never throw", "[error]") {
  STATIC_REQUIRE(std::is_base_of_v<std::exception, cs::shape_error>);
  constexpr auto x = cs::nchw(1, 1, 4, 4);
  STATIC_REQUIRE(noexcept(cs::try_conv(x, cs::conv_params<2>{})));
  STATIC_REQUIRE(noexcept(cs::try_conv_transpose(x, cs::conv_transpose_params<2>{})));
  STATIC_REQUIRE(noexcept(cs::try_max_pool(x, cs::max_pool_params<2>{})));
  STATIC_REQUIRE(noexcept(cs::try_avg_pool(x, cs::avg_pool_params<2>{})));
  STATIC_REQUIRE(noexcept(cs::try_plan(x, cs::conv_params<2>{})));
  // A success carries no error: code none, empty message, false.
  const auto ok = cs::try_conv(opaque(x), {.filters = 1, .kernel = 3});
  CHECK_FALSE(static_cast<bool>(ok.error()));
  CHECK(ok.error().code == cs::errc::none);
  CHECK(std::string(ok.error().what()).empty());
}

TEST_CASE("result::value, operator* and operator-> throw the stored error", "[error][try]") {
  const auto r = cs::try_conv(opaque(cs::nchw(1, 3, 8, 8)), {.filters = 0, .kernel = 3});
  REQUIRE_FALSE(r.has_value());
  CHECK_THROWS_AS(r.value(), cs::shape_error);
  CHECK_THROWS_AS(*r, cs::shape_error);
  CHECK_THROWS_AS(r->channels(), cs::shape_error);
  CHECK_THROWS_WITH(r.value(), r.error().what());
}

TEST_CASE("errc::extent_below_one: batch, channels or a spatial extent below 1", "[error]") {
  const auto a = unchecked<cs::layout::nchw>(1, 3, {4, 0});
  const cs::conv_params<2> c{.filters = 2, .kernel = 1};
  check_error(cs::try_conv(a, c), [&] { return cs::conv2d(a, c); }, cs::errc::extent_below_one,
              {"conv2d: ", "input extent must be at least 1, got 0 in spatial dim 1"});
  const auto b = unchecked<cs::layout::ndhwc>(-1, 3, {4, 4, 4});
  check_error(cs::try_max_pool(b, {.window = 2}), [&] { return cs::max_pool3d(b, {.window = 2}); },
              cs::errc::extent_below_one, {"max_pool3d: ", "input batch must be at least 1, got -1"});
  const auto t = unchecked<cs::layout::nwc>(1, 0, 5);
  check_error(cs::try_conv_transpose(t, {.filters = 1, .kernel = 1}),
              [&] { return cs::conv1d_transpose(t, {.filters = 1, .kernel = 1}); }, cs::errc::extent_below_one,
              {"conv_transpose1d: ", "input channels must be at least 1, got 0"});
  const auto p = unchecked<cs::layout::nhwc>(1, 1, {-7, 4});
  check_error(cs::try_avg_pool(p, {.window = 1}), [&] { return cs::avg_pool2d(p, {.window = 1}); },
              cs::errc::extent_below_one, {"avg_pool2d: ", "input extent must be at least 1, got -7 in spatial dim 0"});
}

TEST_CASE("errc::filters_below_one: filters left at 0 or negative", "[error]") {
  const auto x = opaque(cs::nchw(1, 3, 8, 8));
  const cs::conv_params<2> defaulted{.kernel = 3};  // filters defaults to 0: never silently valid
  check_error(cs::try_conv(x, defaulted), [&] { return cs::conv2d(x, defaulted); }, cs::errc::filters_below_one,
              {"conv2d: ", "filters must be at least 1, got 0"});
  const auto y = opaque(cs::ncdhw(1, 3, 4, 4, 4));
  const cs::conv_transpose_params<3> negative{.filters = -4, .kernel = 3};
  check_error(cs::try_conv_transpose(y, negative), [&] { return cs::conv3d_transpose(y, negative); },
              cs::errc::filters_below_one, {"conv_transpose3d: ", "filters must be at least 1, got -4"});
}

TEST_CASE("errc::kernel_below_one: a kernel or window extent below 1", "[error]") {
  const auto x = opaque(cs::nchw(1, 3, 8, 8));
  const cs::conv_params<2> c{.filters = 2, .kernel = {3, 0}};
  check_error(cs::try_conv(x, c), [&] { return cs::conv2d(x, c); }, cs::errc::kernel_below_one,
              {"conv2d: ", "kernel must be at least 1, got 0 in spatial dim 1"});
  // A pool's window defaults to 0: never silently valid.
  check_error(cs::try_max_pool(x, {}), [&] { return cs::max_pool2d(x, {}); }, cs::errc::kernel_below_one,
              {"max_pool2d: ", "window must be at least 1, got 0 in spatial dim 0"});
  const auto v = opaque(cs::ncdhw(1, 1, 4, 4, 4));
  const cs::avg_pool_params<3> a{.window = {2, 2, -2}};
  check_error(cs::try_avg_pool(v, a), [&] { return cs::avg_pool3d(v, a); }, cs::errc::kernel_below_one,
              {"avg_pool3d: ", "window must be at least 1, got -2 in spatial dim 2"});
}

TEST_CASE("errc::stride_below_one: a stride below 1, explicit pool strides included", "[error]") {
  const auto x = opaque(cs::ncw(1, 3, 8));
  const cs::conv_params<1> c{.filters = 2, .kernel = 3, .strides = 0};
  check_error(cs::try_conv(x, c), [&] { return cs::conv1d(x, c); }, cs::errc::stride_below_one,
              {"conv1d: ", "stride must be at least 1, got 0 in spatial dim 0"});
  const auto y = opaque(cs::nhwc(1, 8, 8, 3));
  const cs::max_pool_params<2> m{.window = 2, .strides = {2, 0}};
  check_error(cs::try_max_pool(y, m), [&] { return cs::max_pool2d(y, m); }, cs::errc::stride_below_one,
              {"max_pool2d: ", "stride must be at least 1, got 0 in spatial dim 1"});
  const cs::conv_transpose_params<2> t{.filters = 1, .kernel = 3, .strides = {-1, 1}};
  check_error(cs::try_conv_transpose(y, t), [&] { return cs::conv2d_transpose(y, t); }, cs::errc::stride_below_one,
              {"conv_transpose2d: ", "stride must be at least 1, got -1 in spatial dim 0"});
}

TEST_CASE("errc::dilation_below_one: a dilation below 1", "[error]") {
  const auto x = opaque(cs::ncdhw(1, 3, 8, 8, 8));
  const cs::conv_params<3> c{.filters = 2, .kernel = 3, .dilation = {1, 1, 0}};
  check_error(cs::try_conv(x, c), [&] { return cs::conv3d(x, c); }, cs::errc::dilation_below_one,
              {"conv3d: ", "dilation must be at least 1, got 0 in spatial dim 2"});
  const auto y = opaque(cs::nwc(1, 8, 3));
  const cs::max_pool_params<1> m{.window = 2, .dilation = -3};
  check_error(cs::try_max_pool(y, m), [&] { return cs::max_pool1d(y, m); }, cs::errc::dilation_below_one,
              {"max_pool1d: ", "dilation must be at least 1, got -3 in spatial dim 0"});
}

TEST_CASE("errc::groups_below_one: groups below 1", "[error]") {
  const auto x = opaque(cs::nchw(1, 4, 8, 8));
  const cs::conv_params<2> c{.filters = 4, .kernel = 3, .groups = 0};
  check_error(cs::try_conv(x, c), [&] { return cs::conv2d(x, c); }, cs::errc::groups_below_one,
              {"conv2d: ", "groups must be at least 1, got 0"});
  const cs::conv_transpose_params<2> t{.filters = 4, .kernel = 3, .groups = -2};
  check_error(cs::try_conv_transpose(x, t), [&] { return cs::conv2d_transpose(x, t); }, cs::errc::groups_below_one,
              {"conv_transpose2d: ", "groups must be at least 1, got -2"});
}

TEST_CASE("errc::groups_do_not_divide_channels and groups_do_not_divide_filters", "[error]") {
  const auto six = opaque(cs::nchw(1, 6, 8, 8));
  const cs::conv_params<2> c{.filters = 8, .kernel = 3, .groups = 4};
  check_error(cs::try_conv(six, c), [&] { return cs::conv2d(six, c); }, cs::errc::groups_do_not_divide_channels,
              {"conv2d: ", "groups 4 must divide input channels 6"});
  const auto eight = opaque(cs::nwc(1, 8, 8));
  const cs::conv_params<1> f{.filters = 6, .kernel = 3, .groups = 4};
  check_error(cs::try_conv(eight, f), [&] { return cs::conv1d(eight, f); }, cs::errc::groups_do_not_divide_filters,
              {"conv1d: ", "groups 4 must divide filters 6"});
  const cs::conv_transpose_params<1> t{.filters = 2, .kernel = 3, .groups = 4};
  check_error(cs::try_conv_transpose(eight, t), [&] { return cs::conv1d_transpose(eight, t); },
              cs::errc::groups_do_not_divide_filters, {"conv_transpose1d: ", "groups 4 must divide filters 2"});
}

TEST_CASE("errc::negative_pad: a negative pad at either end, or a negative output_padding", "[error]") {
  const auto x = opaque(cs::nchw(1, 1, 8, 8));
  const cs::conv_params<2> begin{.filters = 1, .kernel = 3, .padding = cs::pads({0, -1}, {0, 0})};
  check_error(cs::try_conv(x, begin), [&] { return cs::conv2d(x, begin); }, cs::errc::negative_pad,
              {"conv2d: ", "pad must not be negative, got -1 at the start of spatial dim 1"});
  const auto y = opaque(cs::ncw(1, 1, 8));
  const cs::conv_params<1> end{.filters = 1, .kernel = 3, .padding = cs::pads({0}, {-2})};
  check_error(cs::try_conv(y, end), [&] { return cs::conv1d(y, end); }, cs::errc::negative_pad,
              {"conv1d: ", "pad must not be negative, got -2 at the end of spatial dim 0"});
  const cs::avg_pool_params<2> pool{.window = 2, .padding = -1};
  check_error(cs::try_avg_pool(x, pool), [&] { return cs::avg_pool2d(x, pool); }, cs::errc::negative_pad,
              {"avg_pool2d: ", "got -1 at the start of spatial dim 0"});
  const cs::conv_transpose_params<2> t{.filters = 1, .kernel = 3, .padding = {0, -3}};
  check_error(cs::try_conv_transpose(x, t), [&] { return cs::conv2d_transpose(x, t); }, cs::errc::negative_pad,
              {"conv_transpose2d: ", "pad must not be negative, got -3 at the start of spatial dim 1"});
  const cs::conv_transpose_params<2> op{.filters = 1, .kernel = 3, .strides = 2, .output_padding = {0, -1}};
  check_error(cs::try_conv_transpose(x, op), [&] { return cs::conv2d_transpose(x, op); }, cs::errc::negative_pad,
              {"conv_transpose2d: ", "output_padding must not be negative, got -1 in spatial dim 1"});
}

TEST_CASE("errc::pad_not_smaller_than_window: a pool pad as wide as the effective window", "[error][pool]") {
  const auto x = opaque(cs::nchw(1, 1, 8, 8));
  const cs::max_pool_params<2> m{.window = 3, .padding = {1, 3}};
  check_error(cs::try_max_pool(x, m), [&] { return cs::max_pool2d(x, m); }, cs::errc::pad_not_smaller_than_window,
              {"max_pool2d: ", "pad 3 at the start of spatial dim 1 must be smaller than the effective window 3"});
  const auto y = opaque(cs::ncw(1, 1, 8));
  const cs::avg_pool_params<1> a{.window = 2, .padding = cs::pads({1}, {2})};
  check_error(cs::try_avg_pool(y, a), [&] { return cs::avg_pool1d(y, a); }, cs::errc::pad_not_smaller_than_window,
              {"avg_pool1d: ", "pad 2 at the end of spatial dim 0 must be smaller than the effective window 2"});
  // Dilation widens the window: window 2, dilation 3 is 4 wide, so pad 3 is allowed and pad 4 is not.
  const cs::max_pool_params<1> widest{.window = 2, .padding = 3, .dilation = 3};
  CHECK(cs::max_pool1d(y, widest) == cs::ncw(1, 1, 6));  // floor((8 + 6 - 4) / 2) + 1
  const cs::max_pool_params<1> too_wide{.window = 2, .padding = 4, .dilation = 3};
  check_error(cs::try_max_pool(y, too_wide), [&] { return cs::max_pool1d(y, too_wide); },
              cs::errc::pad_not_smaller_than_window,
              {"max_pool1d: ", "pad 4 at the start of spatial dim 0 must be smaller than the effective window 4"});
}

TEST_CASE("errc::causal_needs_1d_conv: causal padding anywhere but 1-D convolution", "[error][padding]") {
  const auto image = opaque(cs::nhwc(1, 8, 8, 1));
  const cs::conv_params<2> c{.filters = 1, .kernel = 3, .padding = cs::causal};
  check_error(cs::try_conv(image, c), [&] { return cs::conv2d(image, c); }, cs::errc::causal_needs_1d_conv,
              {"conv2d: ", "causal padding is defined only for 1-D convolution"});
  const auto signal = opaque(cs::ncw(1, 1, 8));
  const cs::max_pool_params<1> m{.window = 2, .padding = cs::causal};
  check_error(cs::try_max_pool(signal, m), [&] { return cs::max_pool1d(signal, m); }, cs::errc::causal_needs_1d_conv,
              {"max_pool1d: ", "causal"});
  const cs::avg_pool_params<1> a{.window = 2, .padding = cs::causal};
  check_error(cs::try_avg_pool(signal, a), [&] { return cs::avg_pool1d(signal, a); }, cs::errc::causal_needs_1d_conv,
              {"avg_pool1d: ", "causal"});
  const cs::conv_transpose_params<1> t{.filters = 1, .kernel = 3, .padding = cs::causal};
  check_error(cs::try_conv_transpose(signal, t), [&] { return cs::conv1d_transpose(signal, t); },
              cs::errc::causal_needs_1d_conv, {"conv_transpose1d: ", "causal"});
}

TEST_CASE("errc::kernel_exceeds_padded_input: the effective kernel is wider than the padded input", "[error]") {
  // The spec's example: input 3, kernel 3, dilation 3, pad 1: effective 7 > 3 + 2.
  const auto x = opaque(cs::nchw(1, 1, 3, 3));
  const cs::conv_params<2> c{.filters = 1, .kernel = 3, .padding = 1, .dilation = 3};
  check_error(cs::try_conv(x, c), [&] { return cs::conv2d(x, c); }, cs::errc::kernel_exceeds_padded_input, {});
  CHECK(std::string(cs::try_conv(x, c).error().what()) ==
        "conv2d: effective kernel 7 (kernel 3, dilation 3) exceeds padded input 5 in spatial dim 0");
  // PyTorch rejects this one too ("Kernel size can't be greater than actual input size"):
  // {11, 2}, kernel {6, 5}, dilation {2, 1}, padding {4, 0}: H 11 fits 19, W 5 > 2.
  const auto y = opaque(cs::nchw(1, 8, 11, 2));
  const cs::conv_params<2> w{.filters = 1, .kernel = {6, 5}, .strides = 4, .padding = {4, 0}, .dilation = {2, 1}};
  check_error(cs::try_conv(y, w), [&] { return cs::conv2d(y, w); }, cs::errc::kernel_exceeds_padded_input,
              {"conv2d: ", "effective kernel 5 (kernel 5, dilation 1) exceeds padded input 2 in spatial dim 1"});
  // Pools say "window". PyTorch rejects this 3-D case ("Output size is too small"): D eff 16 > 3 + 4.
  const auto v = opaque(cs::ncdhw(3, 6, 3, 4, 23));
  const cs::max_pool_params<3> m{
      .window = {6, 2, 6}, .strides = {2, 1, 1}, .padding = {2, 0, 0}, .dilation = {3, 2, 1}};
  check_error(cs::try_max_pool(v, m), [&] { return cs::max_pool3d(v, m); }, cs::errc::kernel_exceeds_padded_input,
              {"max_pool3d: ", "effective window 16 (window 6, dilation 3) exceeds padded input 7 in spatial dim 0"});
  const auto z = opaque(cs::nwc(1, 3, 1));
  check_error(cs::try_avg_pool(z, {.window = 4}), [&] { return cs::avg_pool1d(z, {.window = 4}); },
              cs::errc::kernel_exceeds_padded_input,
              {"avg_pool1d: ", "effective window 4 (window 4, dilation 1) exceeds padded input 3 in spatial dim 0"});
  // Exactly as wide as the padded input is fine: one window.
  CHECK(cs::avg_pool1d(z, {.window = 3}) == cs::nwc(1, 1, 1));
  CHECK(cs::conv2d(x, {.filters = 1, .kernel = 3, .padding = 2, .dilation = 3}) == cs::nchw(1, 1, 1, 1));
}

TEST_CASE("errc::empty_output: transposed convolution pads that crop everything", "[error][conv_transpose]") {
  // Input 2, kernel 3: full output 4, pads 2 + 2 leave 0.
  const auto x = opaque(cs::ncw(1, 1, 2));
  const cs::conv_transpose_params<1> t{.filters = 1, .kernel = 3, .padding = 2};
  check_error(cs::try_conv_transpose(x, t), [&] { return cs::conv1d_transpose(x, t); }, cs::errc::empty_output,
              {"conv_transpose1d: ", "pads 2+2 leave no output in spatial dim 0: the uncropped output is 4",
               "(input 2, stride 1, effective kernel 3, output_padding 0)"});
  // Pads 1 + 2 leave exactly 1.
  CHECK(cs::conv1d_transpose(x, {.filters = 1, .kernel = 3, .padding = cs::pads({1}, {2})}) == cs::ncw(1, 1, 1));
  // 2-D: W full 3 * 2 + 3 + 1 = 10, pads 5 + 6 leave -1.
  const auto y = opaque(cs::nhwc(1, 4, 4, 1));
  const cs::conv_transpose_params<2> u{
      .filters = 1, .kernel = 3, .strides = 2, .padding = cs::pads({0, 5}, {0, 6}), .output_padding = 1};
  check_error(cs::try_conv_transpose(y, u), [&] { return cs::conv2d_transpose(y, u); }, cs::errc::empty_output,
              {"conv_transpose2d: ", "pads 5+6 leave no output in spatial dim 1: the uncropped output is 10",
               "(input 4, stride 2, effective kernel 3, output_padding 1)"});
  // Pads whose sum overflows int64 are an empty output, not a wrapped-around one.
  const cs::conv_transpose_params<1> huge{.filters = 1, .kernel = 3, .padding = test::int64_max};
  check_error(cs::try_conv_transpose(x, huge), [&] { return cs::conv1d_transpose(x, huge); }, cs::errc::empty_output,
              {"conv_transpose1d: ", "pads 9223372036854775807+9223372036854775807 leave no output"});
}

TEST_CASE("errc::output_padding_too_large: output_padding not below the stride or the dilation",
          "[error][conv_transpose]") {
  const auto x = opaque(cs::nchw(1, 1, 4, 4));
  const cs::conv_transpose_params<2> t{.filters = 1, .kernel = 3, .strides = 2, .output_padding = {1, 2}};
  check_error(cs::try_conv_transpose(x, t), [&] { return cs::conv2d_transpose(x, t); },
              cs::errc::output_padding_too_large,
              {"conv_transpose2d: ", "output_padding 2 in spatial dim 1 must be smaller than stride 2 or dilation 1"});
  // Below the dilation is enough: stride 1, dilation 3 allows 2 but not 3.
  CHECK(cs::conv2d_transpose(x, {.filters = 1, .kernel = 3, .output_padding = 2, .dilation = 3}) ==
        cs::nchw(1, 1, 12, 12));  // 3 + 7 + 2
  const cs::conv_transpose_params<2> d{.filters = 1, .kernel = 3, .output_padding = {3, 0}, .dilation = 3};
  check_error(cs::try_conv_transpose(x, d), [&] { return cs::conv2d_transpose(x, d); },
              cs::errc::output_padding_too_large,
              {"conv_transpose2d: ", "output_padding 3 in spatial dim 0 must be smaller than stride 1 or dilation 3"});
}

TEST_CASE("errc::overflow: intermediate values past INT64_MAX", "[error][overflow]") {
  constexpr std::int64_t max = test::int64_max;
  constexpr std::int64_t two_62 = std::int64_t{1} << 62;
  const auto x = opaque(cs::ncw(1, 1, 10));
  // Effective kernel 2 * 2^62 + 1 overflows; with kernel 2^62 it is exactly INT64_MAX, which
  // fits in int64 and is merely too wide for the input.
  const cs::conv_params<1> eff{.filters = 1, .kernel = two_62 + 1, .dilation = 2};
  check_error(cs::try_conv(x, eff), [&] { return cs::conv1d(x, eff); }, cs::errc::overflow,
              {"conv1d: ", "effective kernel overflows int64 in spatial dim 0",
               "(input 10, kernel 4611686018427387905, stride 1, dilation 2)"});
  const cs::conv_params<1> widest{.filters = 1, .kernel = two_62, .dilation = 2};
  CHECK(cs::try_conv(x, widest).error().code == cs::errc::kernel_exceeds_padded_input);
  const auto image = opaque(cs::nchw(1, 1, 4, 4));
  const cs::max_pool_params<2> pool{.window = 3, .dilation = {1, max}};
  check_error(cs::try_max_pool(image, pool), [&] { return cs::max_pool2d(image, pool); }, cs::errc::overflow,
              {"max_pool2d: ", "effective window overflows int64 in spatial dim 1", "window 3",
               "dilation 9223372036854775807"});
  // Padded input INT64_MAX + 2.
  const auto huge = opaque(cs::ncw(1, 1, max));
  const cs::conv_params<1> padded{.filters = 1, .kernel = 3, .padding = 1};
  check_error(cs::try_conv(huge, padded), [&] { return cs::conv1d(huge, padded); }, cs::errc::overflow,
              {"conv1d: ", "padded input overflows int64 in spatial dim 0", "input 9223372036854775807"});
  // Causal padding kernel - 1 = 1 on INT64_MAX.
  const cs::conv_params<1> causal{.filters = 1, .kernel = 2, .padding = cs::causal};
  check_error(cs::try_conv(huge, causal), [&] { return cs::conv1d(huge, causal); }, cs::errc::overflow,
              {"conv1d: ", "overflows int64 in spatial dim 0"});
  // 'same': (INT64_MAX - 1) * 1 + 2 overflows.
  const auto tall = opaque(cs::nhwc(1, max, 1, 1));
  const cs::conv_params<2> same{.filters = 1, .kernel = 2, .padding = cs::same};
  check_error(cs::try_conv(tall, same), [&] { return cs::conv2d(tall, same); }, cs::errc::overflow,
              {"conv2d: ", "'same' padding overflows int64 in spatial dim 0"});
  // Transposed: (3 - 1) * 2^62 = 2^63.
  const auto three = opaque(cs::ncw(1, 1, 3));
  const cs::conv_transpose_params<1> stride{.filters = 1, .kernel = 1, .strides = two_62};
  check_error(cs::try_conv_transpose(three, stride), [&] { return cs::conv1d_transpose(three, stride); },
              cs::errc::overflow,
              {"conv_transpose1d: ", "output extent overflows int64 in spatial dim 0", "stride 4611686018427387904"});
  // Transposed 'same': full output 2^62 + 1 fits, but input * stride = 2 * 2^62 does not.
  const auto two = opaque(cs::nwc(1, 2, 1));
  const cs::conv_transpose_params<1> same_t{.filters = 1, .kernel = 1, .strides = two_62, .padding = cs::same};
  check_error(cs::try_conv_transpose(two, same_t), [&] { return cs::conv1d_transpose(two, same_t); },
              cs::errc::overflow, {"conv_transpose1d: ", "output extent overflows int64 in spatial dim 0"});
}

TEST_CASE("errors are detected and described in constant evaluation by the try_ functions", "[error][try]") {
  constexpr auto r = cs::try_conv(cs::nchw(1, 1, 3, 3), {.filters = 1, .kernel = 3, .padding = 1, .dilation = 3});
  STATIC_REQUIRE_FALSE(r.has_value());
  STATIC_REQUIRE(r.error().code == cs::errc::kernel_exceeds_padded_input);
  STATIC_REQUIRE(test::same_text(
      r.error().what(), "conv2d: effective kernel 7 (kernel 3, dilation 3) exceeds padded input 5 in spatial dim 0"));
  constexpr auto g = cs::try_conv_transpose(cs::ncw(1, 6, 8), {.filters = 8, .kernel = 3, .groups = 4});
  STATIC_REQUIRE(g.error().code == cs::errc::groups_do_not_divide_channels);
  STATIC_REQUIRE(test::contains(g.error().what(), "conv_transpose1d: groups 4 must divide input channels 6"));
  constexpr auto p = cs::try_avg_pool(cs::ncdhw(1, 1, 4, 4, 4), {.window = 2, .padding = cs::causal});
  STATIC_REQUIRE(p.error().code == cs::errc::causal_needs_1d_conv);
  STATIC_REQUIRE(test::contains(p.error().what(), "avg_pool3d: "));
  constexpr auto o =
      cs::try_conv_transpose(cs::ncw(1, 1, 3), {.filters = 1, .kernel = 1, .strides = std::int64_t{1} << 62});
  STATIC_REQUIRE(o.error().code == cs::errc::overflow);
}
