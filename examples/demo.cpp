// convshape demo: a small CNN whose output shapes the compiler computes, in
// NCHW and NHWC side by side; then the dilation trap, and an error at run time.
//
//   convshape_demo [side]   side: the image size for the run-time part (default 16)
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <tuple>

#include <convshape/convshape.hpp>
#include <convshape/fmt.hpp>

namespace cs = convshape;

namespace {

template <class Params>
struct layer {
  const char* name;
  Params params;
};
// clang++ 14 has no deduction for aggregates yet.
template <class Params>
layer(const char*, Params) -> layer<Params>;

// The network. Each kind of layer has its own parameter type, so a tuple.
constexpr std::tuple network{
    layer{"conv1", cs::conv_params<2>{.filters = 16, .kernel = 3, .padding = 1}},
    layer{"pool1", cs::max_pool_params<2>{.window = 2}},
    layer{"conv2", cs::conv_params<2>{.filters = 32, .kernel = 3, .strides = 2, .padding = cs::same}},
    layer{"conv3", cs::conv_params<2>{.filters = 32, .kernel = 3, .dilation = 2}},
    layer{"up", cs::conv_transpose_params<2>{.filters = 16, .kernel = 4, .strides = 2, .padding = 1}},
    layer{"pool2", cs::avg_pool_params<2>{.window = 3, .strides = 2, .padding = 1}},
};
constexpr std::size_t depth = std::tuple_size_v<decltype(network)>;

template <cs::layout L>
constexpr cs::shape<L> run_layer(const cs::shape<L>& x, const cs::conv_params<2>& p) {
  return cs::conv2d(x, p);
}
template <cs::layout L>
constexpr cs::shape<L> run_layer(const cs::shape<L>& x, const cs::conv_transpose_params<2>& p) {
  return cs::conv2d_transpose(x, p);
}
template <cs::layout L>
constexpr cs::shape<L> run_layer(const cs::shape<L>& x, const cs::max_pool_params<2>& p) {
  return cs::max_pool2d(x, p);
}
template <cs::layout L>
constexpr cs::shape<L> run_layer(const cs::shape<L>& x, const cs::avg_pool_params<2>& p) {
  return cs::avg_pool2d(x, p);
}

/// Every layer's output for input x, in x's layout.
template <cs::layout L>
constexpr std::array<cs::shape<L>, depth> run(cs::shape<L> x) {
  std::array<cs::shape<L>, depth> out{};
  std::size_t i = 0;
  // A comma fold runs left to right: each layer sees the previous output.
  std::apply([&](const auto&... l) { ((x = out[i++] = run_layer(x, l.params)), ...); }, network);
  return out;
}

// The same network, once per layout.
constexpr auto input = cs::nchw(1, 3, 32, 32);
constexpr auto nchw = run(input);
constexpr auto nhwc = run(cs::to_channels_last(input));

// By hand: output = (in + pad_begin + pad_end - eff) / stride + 1, eff = dilation * (kernel - 1) + 1.
static_assert(nchw[0] == cs::nchw(1, 16, 32, 32));  // (32 + 1 + 1 - 3) / 1 + 1 = 32
static_assert(nchw[1] == cs::nchw(1, 16, 16, 16));  // (32 - 2) / 2 + 1 = 16, strides = window
static_assert(nchw[2] == cs::nchw(1, 32, 8, 8));    // same: ceil(16 / 2) = 8
static_assert(nchw[3] == cs::nchw(1, 32, 4, 4));    // eff 2 * (3 - 1) + 1 = 5: 8 - 5 + 1 = 4
static_assert(nchw[4] == cs::nchw(1, 16, 8, 8));    // transposed: (4 - 1) * 2 + 4 - 1 - 1 = 8
static_assert(nchw[5] == cs::nchw(1, 16, 4, 4));    // (8 + 1 + 1 - 3) / 2 + 1 = 4
static_assert(nhwc[5] == cs::nhwc(1, 4, 4, 16));
// The layout moves the channels in memory; it never changes the arithmetic.
static_assert([] {
  for (std::size_t i = 0; i < depth; ++i)
    if (nhwc[i] != cs::to_channels_last(nchw[i])) return false;
  return true;
}());

// The trap: "a 3x3 convolution with dilation 2 and padding 1 keeps a 32x32
// map", says a widely read answer. The effective kernel is 5, so it takes 2.
constexpr auto map = cs::nchw(1, 64, 32, 32);
constexpr cs::conv_params<2> claimed{.filters = 128, .kernel = 3, .padding = 1, .dilation = 2};
constexpr cs::conv_params<2> keeps{.filters = 128, .kernel = 3, .padding = 2, .dilation = 2};
static_assert(cs::conv2d(map, claimed) == cs::nchw(1, 128, 30, 30));  // 32 + 1 + 1 - 5 + 1 = 30, as PyTorch
static_assert(cs::conv2d(map, keeps) == cs::nchw(1, 128, 32, 32));    // 32 + 2 + 2 - 5 + 1 = 32

constexpr int name_width = 7;
constexpr int shape_width = 21;

void print_row(fmt::string_view name, const auto& a, const auto& b) {
  fmt::print("{:<{}}  {:<{}}  {}\n", name, name_width, a, shape_width, b);
}

}  // namespace

int main(int argc, char** argv) {
  fmt::print("A small CNN on one 3-channel 32x32 image; the compiler computed every shape below.\n\n");
  print_row("layer", "NCHW", "NHWC");
  print_row(fmt::format("{:-<{}}", "", name_width), fmt::format("{:-<{}}", "", shape_width),
            fmt::format("{:-<{}}", "", shape_width));
  print_row("input", input, cs::to_channels_last(input));
  std::size_t i = 0;
  std::apply(
      [&i](const auto&... l) {
        ((print_row(l.name, nchw[i], nhwc[i]), fmt::print("{:{}}{}\n", "", name_width + 2, l.params), ++i), ...);
      },
      network);

  const auto& conv2 = std::get<2>(network);
  fmt::print("\n{}'s 'same' padding, resolved for its input {}:\n  {}\n", conv2.name, nchw[1],
             cs::try_plan(nchw[1], conv2.params).value());
  fmt::print("  The odd pad goes at the end, as in TensorFlow.\n");

  fmt::print("\nA widely read answer says a 3x3 convolution with dilation 2 and padding 1 keeps a 32x32 map.\n");
  fmt::print("Its effective kernel is 2 * (3 - 1) + 1 = 5, so that gives 30x30, as in PyTorch; padding 2 keeps 32:\n");
  for (const auto& p : {claimed, keeps}) fmt::print("  {} -> {:<{}}  {}\n", map, cs::conv2d(map, p), shape_width, p);

  // A size known only at run time: the same functions throw instead.
  const std::int64_t side = argc > 1 ? std::strtoll(argv[1], nullptr, 10) : 16;
  fmt::print("\nThe same network at run time on a {}x{} image (convshape_demo N tries NxN):\n", side, side);
  try {
    const auto out = run(cs::nchw(1, 3, side, side));
    fmt::print("  output {}\n", out.back());
  } catch (const cs::shape_error& e) {
    fmt::print("  shape_error ({}): {}\n", e.code(), e.what());
  }
}
