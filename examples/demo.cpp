// convshape demo: a small CNN whose output shapes the compiler computes, in
// NCHW and NHWC side by side; the dilation trap; five well-known networks
// with their summaries; the inverse solvers; and an error at run time.
//
//   convshape_demo [side]   side: the image size for the run-time part (default 20)
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include <convshape/convshape.hpp>
#include <convshape/summary.hpp>

#include "models/dcgan.hpp"
#include "models/lenet5.hpp"
#include "models/resnet50.hpp"
#include "models/unet.hpp"
#include "models/vgg16.hpp"

namespace cs = convshape;

namespace {

// The network: a list of layer values, each a kind, its parameters and a name.
constexpr cs::layer<2> layers[] = {
    cs::conv2d({.filters = 16, .kernel = 3, .padding = 1}, "conv1"),
    cs::max_pool2d({.window = 2}, "pool1"),
    cs::conv2d({.filters = 32, .kernel = 3, .strides = 2, .padding = cs::same}, "conv2"),
    cs::conv2d({.filters = 32, .kernel = 3, .dilation = 2}, "conv3"),
    cs::conv2d_transpose({.filters = 16, .kernel = 4, .strides = 2, .padding = 1}, "up"),
    cs::avg_pool2d({.window = 3, .strides = 2, .padding = 1}, "pool2"),
};

// The same network, once per layout.
constexpr auto input = cs::nchw(1, 3, 32, 32);
constexpr auto nchw = cs::sequential(input, layers);
constexpr auto nhwc = cs::sequential(cs::to_channels_last(input), layers);

// By hand: output = (in + pad_begin + pad_end - eff) / stride + 1, eff = dilation * (kernel - 1) + 1.
static_assert(nchw[1].output == cs::nchw(1, 16, 32, 32));  // (32 + 1 + 1 - 3) / 1 + 1 = 32
static_assert(nchw[2].output == cs::nchw(1, 16, 16, 16));  // (32 - 2) / 2 + 1 = 16, strides = window
static_assert(nchw[3].output == cs::nchw(1, 32, 8, 8));    // same: ceil(16 / 2) = 8
static_assert(nchw[4].output == cs::nchw(1, 32, 4, 4));    // eff 2 * (3 - 1) + 1 = 5: 8 - 5 + 1 = 4
static_assert(nchw[5].output == cs::nchw(1, 16, 8, 8));    // transposed: (4 - 1) * 2 + 4 - 1 - 1 = 8
static_assert(nchw[6].output == cs::nchw(1, 16, 4, 4));    // (8 + 1 + 1 - 3) / 2 + 1 = 4
static_assert(nhwc.output() == cs::nhwc(1, 4, 4, 16));
// The layout moves the channels in memory; it never changes the arithmetic.
static_assert([] {
  for (std::size_t i = 0; i < nchw.size(); ++i)
    if (nhwc[i].output != cs::to_channels_last(nchw[i].output)) return false;
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

template <class Network>
void print_model(const char* title, const Network& net) {
  fmt::print("\n{}\n{}", title, cs::summary(net));
}

}  // namespace

int main(int argc, char** argv) {
  fmt::print("A small CNN on one 3-channel 32x32 image; the compiler computed every shape below.\n\n");
  print_row("layer", "NCHW", "NHWC");
  print_row(fmt::format("{:-<{}}", "", name_width), fmt::format("{:-<{}}", "", shape_width),
            fmt::format("{:-<{}}", "", shape_width));
  for (std::size_t i = 0; i < nchw.size(); ++i) print_row(nchw[i].name.c_str(), nchw[i].output, nhwc[i].output);

  fmt::print("\nconv2's 'same' padding, resolved for its input {}:\n  {}\n", nchw[2].output,
             cs::try_plan(nchw[2].output, layers[2].conv).value());
  fmt::print("  The odd pad goes at the end, as in TensorFlow.\n");

  fmt::print("\nA widely read answer says a 3x3 convolution with dilation 2 and padding 1 keeps a 32x32 map.\n");
  fmt::print("Its effective kernel is 2 * (3 - 1) + 1 = 5, so that gives 30x30, as in PyTorch; padding 2 keeps 32:\n");
  for (const auto& p : {claimed, keeps}) fmt::print("  {} -> {:<{}}  {}\n", map, cs::conv2d(map, p), shape_width, p);

  fmt::print("\nFive networks, every stage's shape and the totals checked by static_assert (examples/models/).\n");
  print_model("LeNet-5, PyTorch:", models::lenet5_net);
  print_model("VGG-16, torchvision:", models::vgg16_net);
  print_model("ResNet-50, torchvision:", models::resnet50_net);
  print_model("U-Net, Ronneberger et al. 2015:", models::unet_net);
  print_model("DCGAN generator, PyTorch tutorial:", models::dcgan_net);

  fmt::print("\nInverse problems:\n");
  constexpr auto tf_same = cs::conv_params<2>{.filters = 64, .kernel = 3, .strides = 2, .padding = cs::same};
  constexpr auto ported = cs::port_padding<cs::keras, cs::torch>(cs::nhwc(1, 224, 224, 3), tf_same);
  fmt::print("  Keras' 'same' for a 3x3 stride-2 convolution on 224x224, in PyTorch: pad the input by {} first\n"
             "  (begin, end: F.pad or ZeroPad2d), then padding={} in the layer\n",
             ported.before, ported.layer);
  constexpr auto decoder = cs::conv_transpose_params<2>{.filters = 64, .kernel = 3, .strides = 2, .padding = 1};
  fmt::print("  The output_padding that makes that decoder step land 112x112 back on 224x224: {}\n",
             cs::output_padding_for(cs::nchw(1, 64, 112, 112), decoder, {224, 224}));
  fmt::print("  The smallest input the small CNN above takes: {}\n", cs::smallest_input(input, layers));

  // A size known only at run time: the same functions throw instead.
  const std::int64_t side = argc > 1 ? std::strtoll(argv[1], nullptr, 10) : 20;
  fmt::print("\nThe small CNN at run time (convshape_demo N tries NxN):\n");
  for (const std::int64_t n : {side, std::int64_t{12}}) {
    try {
      fmt::print("  {}x{}: output {}\n", n, n, cs::sequential(cs::nchw(1, 3, n, n), layers).output());
    } catch (const cs::shape_error& e) {
      fmt::print("  {}x{}: shape_error ({}): {}\n", n, n, e.code(), e.what());
    }
  }
}
