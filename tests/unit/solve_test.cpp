// The inverse solvers, against brute force: every pad total, every
// output_padding, tried forward.
#include <cstdint>
#include <string>

#include "support.hpp"

using Catch::Matchers::Contains;

TEST_CASE("pads_for_output finds the smallest total pad whenever one exists", "[solve]") {
  int solved = 0, impossible = 0;
  for (std::int64_t in = 1; in <= 12; ++in)
    for (std::int64_t k = 1; k <= 4; ++k)
      for (std::int64_t s = 1; s <= 3; ++s)
        for (std::int64_t d = 1; d <= 2; ++d)
          for (std::int64_t target = 1; target <= 14; ++target) {
            const cs::conv_params<1> p{.filters = 1, .kernel = k, .strides = s, .dilation = d};
            // Brute force: the first total pad t, split as 'same' splits it, that gives the target.
            std::int64_t smallest = -1;
            for (std::int64_t t = 0; t <= 80 && smallest < 0; ++t) {
              const auto y = cs::try_conv(cs::ncw(1, 1, in), {.filters = 1, .kernel = k, .strides = s,
                                                              .padding = cs::pads({t / 2}, {t - t / 2}), .dilation = d});
              if (y && y->length() == target) smallest = t;
            }
            const auto found = cs::try_pads_for_output(cs::ncw(1, 1, in), p, {target});
            INFO("in " << in << " kernel " << k << " stride " << s << " dilation " << d << " target " << target);
            REQUIRE(found.has_value() == (smallest >= 0));
            if (found) {
              CHECK(found->begin[0] + found->end[0] == smallest);
              CHECK(found->begin[0] == smallest / 2);
              ++solved;
            } else {
              CHECK(found.error().code == cs::errc::no_solution);
              ++impossible;
            }
          }
  CHECK(solved > 1000);
  CHECK(impossible > 500);
}

TEST_CASE("pads_for_output for PyTorch rounds an odd total up, or gives up", "[solve][framework]") {
  // Keeping 32 with a 4-wide kernel takes 3 pads: 1 + 2 generically, 2 + 2 in PyTorch (then 33 is
  // the output, so no symmetric pads keep 32).
  constexpr cs::conv_params<2> even{.filters = 8, .kernel = 4};
  STATIC_REQUIRE(cs::pads_for_output(cs::nchw(1, 3, 32, 32), even, {32, 32}) == cs::pads({1, 1}, {2, 2}));
  const auto torch = cs::try_pads_for_output<cs::torch>(cs::nchw(1, 3, 32, 32), even, {32, 32});
  CHECK(torch.error().code == cs::errc::no_solution);
  CHECK_THAT(std::string(torch.error().what()), Contains("the nearest, 2+2, give 33"));
  // A stride-2 3x3 convolution from 224 to 112 needs 1 pad; PyTorch's 1 + 1 gives 112 too.
  constexpr cs::conv_params<2> strided{.filters = 8, .kernel = 3, .strides = 2};
  STATIC_REQUIRE(cs::pads_for_output<cs::torch>(cs::nchw(1, 3, 224, 224), strided, {112, 112}) == cs::padding<2>(1));
  // Transposed: the pads crop the full output.
  constexpr cs::conv_transpose_params<2> up{.filters = 8, .kernel = 4, .strides = 2};
  STATIC_REQUIRE(cs::pads_for_output(cs::nchw(1, 3, 16, 16), up, {32, 32}) == cs::padding<2>(1));
  CHECK(cs::try_pads_for_output(cs::nchw(1, 3, 16, 16), up, {35, 32}).error().code == cs::errc::no_solution);
}

TEST_CASE("output_padding_for finds the one output_padding that lands on the target", "[solve]") {
  int solved = 0, impossible = 0;
  for (std::int64_t in = 1; in <= 8; ++in)
    for (std::int64_t k = 1; k <= 4; ++k)
      for (std::int64_t s = 1; s <= 3; ++s)
        for (std::int64_t d = 1; d <= 2; ++d)
          for (std::int64_t pad = 0; pad <= 1; ++pad)
            for (std::int64_t target = 1; target <= 30; ++target) {
              const cs::conv_transpose_params<1> p{.filters = 1, .kernel = k, .strides = s, .padding = pad, .dilation = d};
              std::int64_t brute = -1;
              for (std::int64_t op = 0; op < 4 && brute < 0; ++op) {
                auto q = p;
                q.output_padding = op;
                const auto y = cs::try_conv_transpose(cs::ncw(1, 1, in), q);
                if (y && y->length() == target) brute = op;
              }
              const auto found = cs::try_output_padding_for(cs::ncw(1, 1, in), p, {target});
              INFO("in " << in << " kernel " << k << " stride " << s << " dilation " << d << " pad " << pad
                          << " target " << target);
              REQUIRE(found.has_value() == (brute >= 0));
              if (found) {
                CHECK(found->values[0] == brute);
                ++solved;
              } else {
                ++impossible;
              }
            }
  CHECK(solved > 500);
  CHECK(impossible > 500);
}

TEST_CASE("output_padding_for makes a decoder invert its encoder", "[solve]") {
  // A stride-2 'same' encoder maps 7 and 8 to 4; the decoder must know which to return to.
  constexpr cs::conv_params<2> down{.filters = 16, .kernel = 3, .strides = 2, .padding = 1};
  constexpr cs::conv_transpose_params<2> up{.filters = 3, .kernel = 3, .strides = 2, .padding = 1};
  constexpr auto odd = cs::nchw(1, 3, 7, 8);
  constexpr auto code = cs::conv2d(odd, down);
  STATIC_REQUIRE(code == cs::nchw(1, 16, 4, 4));
  constexpr auto op = cs::output_padding_for(code, up, odd.spatial());
  STATIC_REQUIRE(op == cs::per_dim<2>{0, 1});
  constexpr auto restored = cs::conv2d_transpose(code, {.filters = 3, .kernel = 3, .strides = 2, .padding = 1, .output_padding = op});
  STATIC_REQUIRE(restored == odd);
  // Keras reads an all-zero output_padding as None; the solver still answers for it.
  STATIC_REQUIRE(cs::output_padding_for<cs::keras>(cs::nhwc(1, 4, 4, 16), {.filters = 3, .kernel = 3, .strides = 2, .padding = cs::same},
                                                  {7, 8}) == cs::per_dim<2>{0, 1});
}

TEST_CASE("port_padding: another framework's 'same' in explicit pads", "[solve][framework]") {
  // TF 'same', 3x3 stride 2 on 224: pads 0 and 1. PyTorch cannot pad asymmetrically in the layer.
  constexpr cs::conv_params<2> tf{.filters = 64, .kernel = 3, .strides = 2, .padding = cs::same};
  constexpr auto to_torch = cs::port_padding<cs::keras, cs::torch>(cs::nhwc(1, 224, 224, 3), tf);
  STATIC_REQUIRE(to_torch.layer == cs::padding<2>(0));
  STATIC_REQUIRE(to_torch.before == cs::pads({0, 0}, {1, 1}));
  // On 225 the pads are even: the layer takes them.
  constexpr auto even = cs::port_padding<cs::keras, cs::torch>(cs::nhwc(1, 225, 225, 3), tf);
  STATIC_REQUIRE(even.layer == cs::padding<2>(1));
  STATIC_REQUIRE(even.before == cs::valid);
  // To ONNX: explicit pads as they are.
  STATIC_REQUIRE(cs::port_padding<cs::keras, cs::onnx>(cs::nhwc(1, 224, 224, 3), tf).layer == cs::pads({0, 0}, {1, 1}));
  // PyTorch's padding=1 on a stride-2 3x3 convolution is not Keras' 'same' on 224: a ZeroPadding2D.
  constexpr cs::conv_params<2> pt{.filters = 64, .kernel = 3, .strides = 2, .padding = 1};
  constexpr auto to_keras = cs::port_padding<cs::torch, cs::keras>(cs::nchw(1, 3, 224, 224), pt);
  STATIC_REQUIRE(to_keras.layer == cs::valid);
  STATIC_REQUIRE(to_keras.before == cs::padding<2>(1));
  STATIC_REQUIRE(cs::port_padding<cs::torch, cs::keras>(cs::nchw(1, 3, 224, 224), cs::conv_params<2>{.filters = 1, .kernel = 3, .padding = 1})
                     .layer == cs::same);
  // Pools port too.
  STATIC_REQUIRE(cs::port_padding<cs::keras, cs::torch>(cs::nhwc(1, 7, 7, 3), cs::max_pool_params<2>{.window = 2, .padding = cs::same})
                     .before == cs::pads({0, 0}, {1, 1}));

  // Every 1-D case: the ported layer on the pre-padded input gives the source's output.
  for (std::int64_t in = 1; in <= 20; ++in)
    for (std::int64_t k = 1; k <= 5; ++k)
      for (std::int64_t s = 1; s <= 3; ++s) {
        const cs::conv_params<1> p{.filters = 1, .kernel = k, .strides = s, .padding = cs::same};
        const auto source = cs::try_conv<cs::keras>(cs::nwc(1, in, 1), p);
        const auto ported = cs::try_port_padding<cs::keras, cs::torch>(cs::nwc(1, in, 1), p);
        REQUIRE(source.has_value() == ported.has_value());
        if (!ported) continue;
        const std::int64_t extra = ported->before.mode == cs::padding_mode::explicit_pads
                                       ? ported->before.begin[0] + ported->before.end[0]
                                       : 0;
        auto q = p;
        q.padding = ported->layer;
        const auto y = cs::try_conv<cs::torch>(cs::nwc(1, in + extra, 1), q);
        INFO("in " << in << " kernel " << k << " stride " << s);
        REQUIRE(y.has_value());
        CHECK(*y == *source);
        CHECK(ported->layer.begin == ported->layer.end);
      }
}
