#include <array>
#include <cstdint>
#include <iterator>
#include <limits>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>
#include <convshape/fmt.hpp>
#include <convshape/summary.hpp>

namespace cs = convshape;

TEST_CASE("layout prints its name", "[fmt]") {
  CHECK(fmt::format("{}", cs::layout::ncw) == "NCW");
  CHECK(fmt::format("{}", cs::layout::nwc) == "NWC");
  CHECK(fmt::format("{}", cs::layout::nchw) == "NCHW");
  CHECK(fmt::format("{}", cs::layout::nhwc) == "NHWC");
  CHECK(fmt::format("{}", cs::layout::ncdhw) == "NCDHW");
  CHECK(fmt::format("{}", cs::layout::ndhwc) == "NDHWC");
  CHECK(fmt::format("[{:>6}]", cs::layout::nhwc) == "[  NHWC]");
}

TEST_CASE("padding_mode prints its name", "[fmt]") {
  CHECK(fmt::format("{}", cs::valid) == "valid");
  CHECK(fmt::format("{}", cs::same) == "same");
  CHECK(fmt::format("{}", cs::same_lower) == "same_lower");
  CHECK(fmt::format("{}", cs::causal) == "causal");
  CHECK(fmt::format("{}", cs::padding_mode::explicit_pads) == "explicit");
}

TEST_CASE("per_dim prints a tuple, outermost dimension first", "[fmt]") {
  CHECK(fmt::format("{}", cs::per_dim<1>{3}) == "(3)");
  CHECK(fmt::format("{}", cs::per_dim<2>{3, 5}) == "(3, 5)");
  CHECK(fmt::format("{}", cs::per_dim<2>{4}) == "(4, 4)");  // a broadcast value still prints per dim
  CHECK(fmt::format("{}", cs::per_dim<3>{1, 2, 3}) == "(1, 2, 3)");
  CHECK(fmt::format("{}", cs::per_dim<2>{-1, 0}) == "(-1, 0)");
  constexpr auto big = std::numeric_limits<std::int64_t>::max();
  CHECK(fmt::format("{}", cs::per_dim<2>{big, std::numeric_limits<std::int64_t>::min()}) ==
        "(9223372036854775807, -9223372036854775808)");
  CHECK(fmt::format("[{:<8}]", cs::per_dim<2>{3, 5}) == "[(3, 5)  ]");
}

TEST_CASE("padding prints a mode, a per_dim when symmetric, pads() otherwise", "[fmt]") {
  CHECK(fmt::format("{}", cs::padding<2>{}) == "valid");
  CHECK(fmt::format("{}", cs::padding<2>{cs::same}) == "same");
  CHECK(fmt::format("{}", cs::padding<3>{cs::same_lower}) == "same_lower");
  CHECK(fmt::format("{}", cs::padding<1>{cs::causal}) == "causal");

  CHECK(fmt::format("{}", cs::padding<1>{3}) == "(3)");
  CHECK(fmt::format("{}", cs::padding<2>{1}) == "(1, 1)");
  CHECK(fmt::format("{}", cs::padding<2>{1, 2}) == "(1, 2)");
  CHECK(fmt::format("{}", cs::padding<2>{0}) == "(0, 0)");  // explicit zeros are not 'valid'
  CHECK(fmt::format("{}", cs::pads({1, 2}, {1, 2})) == "(1, 2)");

  CHECK(fmt::format("{}", cs::pads({1, 0}, {2, 1})) == "pads((1, 0), (2, 1))");
  CHECK(fmt::format("{}", cs::pads({2}, {0})) == "pads((2), (0))");
  CHECK(fmt::format("{}", cs::pads({0, 1, 2}, {3, 4, 5})) == "pads((0, 1, 2), (3, 4, 5))");
}

TEST_CASE("pool_strides prints 'window' for the default", "[fmt]") {
  CHECK(fmt::format("{}", cs::pool_strides<2>{}) == "window");
  CHECK(fmt::format("{}", cs::pool_strides<2>{2}) == "(2, 2)");
  CHECK(fmt::format("{}", cs::pool_strides<3>{1, 2, 3}) == "(1, 2, 3)");
}

TEST_CASE("shape prints its layout, then the extents in memory order", "[fmt]") {
  CHECK(fmt::format("{}", cs::ncw(2, 3, 10)) == "NCW(2, 3, 10)");
  CHECK(fmt::format("{}", cs::nwc(2, 10, 3)) == "NWC(2, 10, 3)");
  CHECK(fmt::format("{}", cs::nchw(1, 3, 32, 24)) == "NCHW(1, 3, 32, 24)");
  CHECK(fmt::format("{}", cs::nhwc(4, 14, 14, 16)) == "NHWC(4, 14, 14, 16)");
  CHECK(fmt::format("{}", cs::ncdhw(1, 2, 3, 4, 5)) == "NCDHW(1, 2, 3, 4, 5)");
  CHECK(fmt::format("{}", cs::ndhwc(1, 3, 4, 5, 2)) == "NDHWC(1, 3, 4, 5, 2)");

  // The same tensor in the other layout: the channel count moves.
  CHECK(fmt::format("{}", cs::to_channels_last(cs::nchw(1, 3, 32, 24))) == "NHWC(1, 32, 24, 3)");
  CHECK(fmt::format("{}", cs::to_channels_first(cs::ndhwc(1, 3, 4, 5, 2))) == "NCDHW(1, 2, 3, 4, 5)");
  CHECK(fmt::format("{}", cs::to_channels_last(cs::ncw(2, 3, 10))) == "NWC(2, 10, 3)");
}

TEST_CASE("format specs apply to the whole text", "[fmt]") {
  CHECK(fmt::format("[{:<22}]", cs::nhwc(4, 14, 14, 16)) == "[NHWC(4, 14, 14, 16)   ]");
  CHECK(fmt::format("[{:>22}]", cs::nhwc(4, 14, 14, 16)) == "[   NHWC(4, 14, 14, 16)]");
  CHECK(fmt::format("[{:*^15}]", cs::ncw(2, 3, 10)) == "[*NCW(2, 3, 10)*]");
  CHECK(fmt::format("[{:{}}]", cs::ncw(2, 3, 10), 14) == "[NCW(2, 3, 10) ]");  // dynamic width
  CHECK(fmt::format("[{:5}]", cs::ncw(2, 3, 10)) == "[NCW(2, 3, 10)]");       // never truncates
  CHECK(fmt::format("{}; {}", cs::nchw(1, 3, 8, 8), cs::per_dim<2>{8, 8}) == "NCHW(1, 3, 8, 8); (8, 8)");
}

TEST_CASE("formatters compose with fmt::join", "[fmt]") {
  const std::array shapes{cs::nhwc(1, 8, 8, 3), cs::nhwc(1, 4, 4, 16)};
  CHECK(fmt::format("{}", fmt::join(shapes, " -> ")) == "NHWC(1, 8, 8, 3) -> NHWC(1, 4, 4, 16)");
}

TEST_CASE("conv_params prints every field, defaults included", "[fmt]") {
  CHECK(fmt::format("{}", cs::conv_params<2>{.filters = 16, .kernel = 5, .strides = 2, .padding = cs::same}) ==
        "conv(filters=16, kernel=(5, 5), strides=(2, 2), padding=same, dilation=(1, 1), groups=1, bias=true)");
  CHECK(fmt::format("{}", cs::conv_params<1>{.filters = 8, .kernel = 3, .padding = cs::causal, .dilation = 2}) ==
        "conv(filters=8, kernel=(3), strides=(1), padding=causal, dilation=(2), groups=1, bias=true)");
  CHECK(fmt::format("{}", cs::conv_params<2>{.filters = 128, .kernel = 3, .padding = 1, .dilation = 2}) ==
        "conv(filters=128, kernel=(3, 3), strides=(1, 1), padding=(1, 1), dilation=(2, 2), groups=1, bias=true)");
  CHECK(fmt::format("{}", cs::conv_params<3>{.filters = 32,
                                             .kernel = {1, 3, 3},
                                             .strides = {1, 2, 2},
                                             .padding = cs::pads({0, 1, 1}, {0, 2, 2}),
                                             .groups = 4}) ==
        "conv(filters=32, kernel=(1, 3, 3), strides=(1, 2, 2), padding=pads((0, 1, 1), (0, 2, 2)), "
        "dilation=(1, 1, 1), groups=4, bias=true)");
}

TEST_CASE("conv_transpose_params prints output_padding", "[fmt]") {
  CHECK(fmt::format("{}", cs::conv_transpose_params<2>{.filters = 3, .kernel = 3}) ==
        "conv_transpose(filters=3, kernel=(3, 3), strides=(1, 1), padding=valid, output_padding=(0, 0), "
        "dilation=(1, 1), groups=1, bias=true)");
  CHECK(fmt::format("{}", cs::conv_transpose_params<1>{
                              .filters = 4, .kernel = 4, .strides = 2, .padding = 1, .output_padding = 1}) ==
        "conv_transpose(filters=4, kernel=(4), strides=(2), padding=(1), output_padding=(1), dilation=(1), "
        "groups=1, bias=true)");
  CHECK(fmt::format("{}", cs::conv_transpose_params<3>{
                              .filters = 8, .kernel = 2, .strides = {1, 2, 2}, .padding = cs::same, .groups = 2}) ==
        "conv_transpose(filters=8, kernel=(2, 2, 2), strides=(1, 2, 2), padding=same, "
        "output_padding=(0, 0, 0), dilation=(1, 1, 1), groups=2, bias=true)");
}

TEST_CASE("max_pool_params prints strides=window unless strides are given", "[fmt]") {
  CHECK(fmt::format("{}", cs::max_pool_params<2>{.window = 2}) ==
        "max_pool(window=(2, 2), strides=window, padding=valid, dilation=(1, 1), ceil_mode=false)");
  CHECK(fmt::format("{}", cs::max_pool_params<2>{.window = 3, .strides = 2, .padding = 1, .ceil_mode = true}) ==
        "max_pool(window=(3, 3), strides=(2, 2), padding=(1, 1), dilation=(1, 1), ceil_mode=true)");
  CHECK(fmt::format("{}", cs::max_pool_params<1>{.window = 2, .strides = 2, .dilation = 3}) ==
        "max_pool(window=(2), strides=(2), padding=valid, dilation=(3), ceil_mode=false)");
  CHECK(fmt::format("{}", cs::max_pool_params<3>{.window = {1, 2, 2}, .padding = cs::same}) ==
        "max_pool(window=(1, 2, 2), strides=window, padding=same, dilation=(1, 1, 1), ceil_mode=false)");
}

TEST_CASE("avg_pool_params has no dilation", "[fmt]") {
  CHECK(fmt::format("{}", cs::avg_pool_params<2>{.window = 2}) ==
        "avg_pool(window=(2, 2), strides=window, padding=valid, ceil_mode=false)");
  CHECK(fmt::format("{}", cs::avg_pool_params<1>{.window = 3, .strides = 2, .padding = 1, .ceil_mode = true}) ==
        "avg_pool(window=(3), strides=(2), padding=(1), ceil_mode=true)");
  CHECK(fmt::format("{}", cs::avg_pool_params<3>{.window = 2, .strides = {1, 2, 2}}) ==
        "avg_pool(window=(2, 2, 2), strides=(1, 2, 2), padding=valid, ceil_mode=false)");
}

TEST_CASE("the parameters of crop, resize and the channel layers print every field", "[fmt]") {
  // Keras' Cropping2D(((2, 2), (4, 4))).
  CHECK(fmt::format("{}", cs::crop_params<2>{.begin = {2, 4}, .end = {2, 4}}) == "crop(begin=(2, 4), end=(2, 4))");
  CHECK(fmt::format("{}", cs::crop_params<1>{.end = 3}) == "crop(begin=(0), end=(3))");
  CHECK(fmt::format("{}", cs::resize_params<2>{.size = {224, 160}}) == "resize(size=(224, 160))");
  CHECK(fmt::format("{}", cs::channel_shuffle_params{.groups = 2}) == "channel_shuffle(groups=2)");
  CHECK(fmt::format("{}", cs::channel_slice_params{.begin = 58, .end = 116}) == "channel_slice(begin=58, end=116)");
  CHECK(fmt::format("{}", cs::affine_params{.shift = false}) == "affine(scale=true, shift=false)");
  CHECK(fmt::format("[{:<30}]", cs::channel_slice_params{.end = 4}) == "[channel_slice(begin=0, end=4) ]");
}

TEST_CASE("layer_plan prints channels, output extents and resolved pads", "[fmt]") {
  // 'same' with kernel 4 on 5: total pad 3, the extra at the end.
  const cs::conv_params<2> same4{.filters = 16, .kernel = 4, .padding = cs::same};
  CHECK(fmt::format("{}", cs::try_plan(cs::nhwc(1, 5, 5, 3), same4).value()) ==
        "layer_plan(channels=16, output=(5, 5), pads=pads((1, 1), (2, 2)))");
  CHECK(fmt::format("{}", cs::try_plan(cs::nchw(1, 3, 5, 5), same4).value()) ==
        "layer_plan(channels=16, output=(5, 5), pads=pads((1, 1), (2, 2)))");

  // Causal: dilation * (kernel - 1) = 2 at the start.
  CHECK(fmt::format("{}", cs::try_plan(cs::ncw(1, 1, 10), cs::conv_params<1>{.filters = 4, .kernel = 3,
                                                                             .padding = cs::causal})
                              .value()) == "layer_plan(channels=4, output=(10), pads=pads((2), (0)))");

  // Transposed 'same' with stride 3 above kernel 1: full output (4-1)*3+1 = 10,
  // target 4*3 = 12, so the end pad is -2 (zeros appended).
  CHECK(fmt::format("{}", cs::try_plan(cs::nwc(1, 4, 1), cs::conv_transpose_params<1>{
                                                             .filters = 1, .kernel = 1, .strides = 3,
                                                             .padding = cs::same})
                              .value()) == "layer_plan(channels=1, output=(12), pads=pads((0), (-2)))");

  // 'valid' resolves to explicit zeros, which are symmetric.
  CHECK(fmt::format("{}", cs::try_plan(cs::ndhwc(1, 4, 4, 4, 2), cs::max_pool_params<3>{.window = 2}).value()) ==
        "layer_plan(channels=2, output=(2, 2, 2), pads=(0, 0, 0))");
  CHECK(fmt::format("{}", cs::try_plan(cs::ncdhw(1, 2, 4, 4, 4), cs::avg_pool_params<3>{.window = 2}).value()) ==
        "layer_plan(channels=2, output=(2, 2, 2), pads=(0, 0, 0))");
}

TEST_CASE("errc prints its enumerator's name", "[fmt]") {
  CHECK(fmt::format("{}", cs::errc::none) == "none");
  CHECK(fmt::format("{}", cs::errc::extent_below_one) == "extent_below_one");
  CHECK(fmt::format("{}", cs::errc::groups_do_not_divide_channels) == "groups_do_not_divide_channels");
  CHECK(fmt::format("{}", cs::errc::kernel_exceeds_padded_input) == "kernel_exceeds_padded_input");
  CHECK(fmt::format("{}", cs::errc::output_padding_too_large) == "output_padding_too_large");
  CHECK(fmt::format("{}", cs::errc::overflow) == "overflow");
  CHECK(fmt::format("[{:>10}]", cs::errc::overflow) == "[  overflow]");
}

namespace {

struct catalogue_row {
  cs::errc code;
  const char* name;
};
#define CATALOGUE_ROW(code, compile_error_name) {cs::errc::code, #code},
constexpr catalogue_row catalogue[] = {{cs::errc::none, "none"}, CONVSHAPE_ERRC_CATALOGUE(CATALOGUE_ROW)};
#undef CATALOGUE_ROW

constexpr bool same_text(const char* a, const char* b) {
  while (*a != '\0' && *a == *b) ++a, ++b;
  return *a == *b;
}

/// How many codes fmt names otherwise than the error catalogue does.
constexpr int misnamed_codes() {
  int misnamed = 0;
  for (const auto& row : catalogue) misnamed += !same_text(cs::detail::errc_name(row.code), row.name);
  return misnamed;
}

}  // namespace

TEST_CASE("errc prints the name its error catalogue row gives, for every code", "[fmt][catalogue]") {
  STATIC_REQUIRE(misnamed_codes() == 0);  // in constant evaluation
  for (const auto& row : catalogue) {     // and at run time, through fmt
    CAPTURE(row.name);
    CHECK(fmt::format("{}", row.code) == row.name);
  }
  // A code past the catalogue, which only a cast makes.
  const volatile unsigned char past = static_cast<unsigned char>(std::size(catalogue));
  CHECK(fmt::format("{}", static_cast<cs::errc>(past)) == "?");
  STATIC_REQUIRE(same_text(cs::detail::errc_name(static_cast<cs::errc>(255)), "?"));
}

TEST_CASE("error_info prints its message", "[fmt]") {
  const auto bad = cs::try_conv(cs::nchw(1, 3, 5, 5), {.filters = 8, .kernel = 3, .dilation = 3});
  REQUIRE_FALSE(bad);
  CHECK(fmt::format("{}", bad.error()) ==
        "conv2d: effective kernel 7 (kernel 3, dilation 3) exceeds padded input 5 in spatial dim 0");
  CHECK(fmt::format("{}: {}", bad.error().code, bad.error()) ==
        "kernel_exceeds_padded_input: conv2d: effective kernel 7 (kernel 3, dilation 3) exceeds padded input 5 "
        "in spatial dim 0");

  const auto empty = cs::try_make_shape<cs::layout::nhwc>(1, 3, {8, 0});
  REQUIRE_FALSE(empty);
  CHECK(fmt::format("{}", empty.error()) == "NHWC: input extent must be at least 1, got 0 in spatial dim 1");

  CHECK(fmt::format("[{}]", cs::error_info{}) == "[]");  // no error, no message
}

TEST_CASE("a shape_error's info prints as its message", "[fmt]") {
  try {
    (void)cs::max_pool(cs::nwc(1, 3, 1), cs::max_pool_params<1>{.window = 2, .padding = 2});
    FAIL("expected a shape_error");
  } catch (const cs::shape_error& e) {
    CHECK(fmt::format("{}", e.info()) == e.what());
    CHECK(fmt::format("{}", e.code()) == "pad_not_smaller_than_window");
  }
}

TEST_CASE("summary widens its name and output columns to their longest entry", "[fmt][summary]") {
  // An imported ONNX model names its records after tensor paths.
  const char* const long_name = "/layer4/layer4.2/conv3/Conv_output_0_and_then_some";
  const auto net = cs::sequential(cs::nchw(1, 3, 8, 8), cs::conv2d({.filters = 4, .kernel = 3}, "c1"),
                                  cs::activation(long_name), cs::flatten("flat"));
  const std::string text = cs::summary(net);
  std::istringstream lines(text);
  std::vector<std::string> rows;
  for (std::string line; std::getline(lines, line);) rows.push_back(line);
  REQUIRE(rows.size() == 7);  // the heading, 4 records, 2 lines of totals
  // Each record's kind, then its output, starts where the heading's does.
  const std::string kinds[] = {"input", "conv", "activation", "flatten"};
  const std::string outputs[] = {"NCHW(1, 3, 8, 8)", "NCHW(1, 4, 6, 6)", "NCHW(1, 4, 6, 6)", "(1, 144)"};
  const std::size_t kind_column = rows[0].find("kind"), output_column = rows[0].find("output");
  CHECK(kind_column == 2 + 3 + std::string_view(long_name).size() + 1);
  for (std::size_t i = 0; i < 4; ++i) {
    INFO(rows[i + 1]);
    CHECK(rows[i + 1].find(kinds[i], 5 + std::string_view(long_name).size()) == kind_column);
    CHECK(rows[i + 1].find(outputs[i], kind_column + kinds[i].size()) == output_column);
  }
  // Short names keep the usual widths: "layer" in 14 columns, "kind" in 15.
  const std::string short_text = cs::summary(cs::sequential(cs::nchw(1, 3, 8, 8), cs::conv2d({.filters = 4, .kernel = 3})));
  CHECK(short_text.find("kind") == 2 + 3 + 14 + 1);
  CHECK(short_text.find("output") == 2 + 3 + 14 + 1 + 15 + 1);
}
