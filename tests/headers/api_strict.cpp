// The public API under a consumer's strictest warnings, with the user's
// common global names defined first (user_globals.hpp): every template below
// is instantiated, in constant evaluation and at run time, so that a warning
// in a function body cannot hide behind a header that merely parses.
//
// Built with the strict flags (tests/headers/CMakeLists.txt) and run: the
// run-time part computes from an input the compiler cannot see (argc), and
// must agree with the constant evaluation of the same calls, and the
// reference kernels with the shape formulas. Exits 1 on a disagreement.
// Built with -fno-exceptions too; then the throwing part is left out.
#include "user_globals.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <iterator>
#include <span>
#include <string>

#include <convshape/convshape.hpp>
#include <convshape/fmt.hpp>
#include <convshape/reference.hpp>
#include <convshape/summary.hpp>

namespace cs = convshape;

namespace {

int failures = 0;

void check(bool ok, const char* what) {
  if (!ok) {
    std::printf("FAILED: %s\n", what);
    ++failures;
  }
}

// One layer of each kind, 2-D.
constexpr cs::layer<2> chain[] = {
    cs::conv2d({.filters = 8, .kernel = 3, .strides = 2, .padding = 1}, "stem"),
    cs::batch_norm("bn"),
    cs::activation("relu"),
    cs::depthwise_conv<2>({.kernel = 3, .padding = 1, .depth_multiplier = 2}, "dw"),
    cs::max_pool2d({.window = 2, .ceil_mode = true}, "pool"),
    cs::conv2d_transpose({.filters = 4, .kernel = 4, .strides = 2, .padding = 1}, "up"),
    cs::upsample<2>({.scale = {2, 1}}, "resize"),
    cs::avg_pool2d({.window = 3, .strides = 2, .padding = 1}, "avg"),
    cs::global_max_pool("gmp"),
    cs::flatten("flat"),
    cs::dense({.units = 10}, "fc"),
};

/// A residual block and a U-Net style skip: add, concat and center_crop,
/// for a network and a shape_program alike.
template <class Net>
constexpr Net branching(Net built) {
  const auto stem = built(built.input(), cs::conv2d({.filters = 16, .kernel = 3, .padding = 1}, "stem"));
  auto branch = built(stem, cs::conv2d({.filters = 16, .kernel = 3, .padding = 1}, "branch.conv"));
  branch = built(branch, cs::batch_norm("branch.bn"));
  const auto joined = built.add(stem, branch, "residual");
  const auto down = built(joined, cs::max_pool2d({.window = 2}, "down"));
  const auto back = built(down, cs::conv2d_transpose({.filters = 16, .kernel = 2, .strides = 2}, "back"));
  const auto cut = built.center_crop(joined, back.shape.spatial(), "crop");
  built(built.concat(cut, back, "skip"), cs::conv2d({.filters = 2, .kernel = 1}, "head"));
  return built;
}

constexpr auto reference_input = cs::nchw(1, 3, 32, 32);
constexpr auto sequential_net = cs::sequential<cs::torch>(reference_input, chain);
constexpr auto branching_net = branching(cs::network<cs::layout::nchw, 16>(reference_input));
constexpr auto branching_program = branching(cs::shape_program<cs::layout::nchw, 16>(reference_input));

// Constant evaluation: every layer function, in each framework's terms.
constexpr auto conv_out = cs::conv2d<cs::keras>(cs::nhwc(2, 28, 28, 3), {.filters = 16, .kernel = 5, .strides = 2,
                                                                          .padding = cs::same});
static_assert(conv_out == cs::nhwc(2, 14, 14, 16));
static_assert(cs::conv1d(cs::ncw(1, 4, 10), {.filters = 2, .kernel = 3, .padding = cs::causal}) == cs::ncw(1, 2, 10));
static_assert(cs::conv3d<cs::onnx>(cs::ncdhw(1, 1, 8, 8, 8), {.filters = 1, .kernel = 3, .padding = cs::same_lower})
                  .spatial() == cs::per_dim<3>{8});
static_assert(cs::max_pool2d<cs::torch>(cs::nchw(1, 3, 7, 7), {.window = 2, .ceil_mode = true}).height() == 4);
static_assert(cs::avg_pool2d(cs::nchw(1, 3, 8, 8), {.window = 2}).width() == 4);
static_assert(cs::conv2d_transpose(cs::nchw(1, 8, 7, 7), {.filters = 4, .kernel = 3, .strides = 2, .padding = 1,
                                                           .output_padding = 1})
                  .height() == 14);
static_assert(cs::depthwise_conv(cs::nhwc(1, 9, 9, 4), {.kernel = 3, .depth_multiplier = 2}).channels() == 8);
static_assert(cs::pointwise_conv(cs::nhwc(1, 9, 9, 4), 6).channels() == 6);
static_assert(cs::upsample(cs::nchw(1, 1, 3, 4), {.scale = 2}).width() == 8);
static_assert(cs::center_crop(cs::nchw(1, 1, 9, 9), {5, 6}).spatial() == cs::per_dim<2>{5, 6});
static_assert(cs::global_avg_pool(cs::ndhwc(1, 4, 4, 4, 3)).depth() == 1);
static_assert(cs::dense(cs::flatten(cs::nchw(2, 4, 3, 3)), {.units = 5}) == cs::flat_shape{2, 5});
static_assert(cs::add(cs::nwc(1, 5, 2), cs::activation(cs::nwc(1, 5, 2))) == cs::batch_norm(cs::nwc(1, 5, 2)));
static_assert(cs::concat(cs::nchw(1, 2, 4, 4), cs::nchw(1, 3, 4, 4)).channels() == 5);
static_assert(cs::resolve_padding(cs::nchw(1, 1, 5, 5),
                                  cs::conv_params<2>{.filters = 1, .kernel = 4, .padding = cs::same})
                  .end == cs::per_dim<2>{2});
static_assert(cs::try_conv(cs::nchw(1, 3, 4, 4), {.filters = 1, .kernel = 5}).error().code ==
              cs::errc::kernel_exceeds_padded_input);
static_assert(cs::nchw(2, 3, 4, 5).element_count() == 120);
static_assert(cs::to_channels_first(cs::to_channels_last(reference_input)) == reference_input);

// Networks, programs and solvers.
static_assert(sequential_net.size() == std::size(chain) + 1 && sequential_net.back().flat);
static_assert(sequential_net.at("fc").output.channels() == 10 && sequential_net.params() > 0);
static_assert(sequential_net.peak_activation() >= sequential_net.largest_activation());
static_assert(branching_net.at("skip").output.channels() == 32 && branching_net.at("residual").receptive_field.defined);
static_assert(branching_program.run(cs::nchw(4, 3, 32, 32)).output() == cs::nchw(4, 2, 32, 32));
static_assert(cs::smallest_input(reference_input, chain).values[0] <= 32);
static_assert(cs::pads_for_output<cs::torch>(cs::nchw(1, 1, 10, 10), cs::conv_params<2>{.filters = 1, .kernel = 3},
                                             {10, 10}) == cs::padding<2>(1));
static_assert(cs::output_padding_for(cs::nchw(1, 1, 5, 5),
                                     {.filters = 1, .kernel = 3, .strides = 2, .padding = 1}, {10, 10}) ==
              cs::per_dim<2>{1});
static_assert(cs::port_padding<cs::keras, cs::torch>(cs::nhwc(1, 8, 8, 1), cs::conv_params<2>{.filters = 1, .kernel = 2,
                                                                                             .padding = cs::same})
                  .before.mode == cs::padding_mode::explicit_pads);

/// `side` is not known to the compiler: everything below runs.
void run_time(std::int64_t side) {
  const auto image = cs::nchw(1, 3, side, side);
  check(cs::conv2d(image, {.filters = 8, .kernel = 3, .padding = 1}) == cs::nchw(1, 8, side, side), "conv2d");
  check(cs::try_max_pool(image, {.window = 2}).value() == cs::max_pool2d(image, {.window = 2}), "max_pool");

  const auto seq = cs::sequential<cs::torch>(image, chain);
  for (std::size_t at = 0; at < seq.size(); ++at) {
    check(seq[at].output == sequential_net[at].output, "sequential network at run time");
  }
  auto dynamic_net = branching(cs::network<cs::layout::nchw, 16>(image));
  check(dynamic_net.output() == branching_net.output(), "branching network at run time");
  check(dynamic_net.try_apply(dynamic_net.input(), cs::dense({.units = 1})).error().code == cs::errc::wrong_rank,
        "try_apply reports a dense layer on a spatial input");

  const auto run = branching_program.run(cs::nchw(2, 3, side, side));
  const auto expected = branching(cs::network<cs::layout::nchw, 16>(cs::nchw(2, 3, side, side)));
  for (std::size_t at = 0; at < run.size(); ++at) check(run[at] == expected[at].output, "shape_program run");
  cs::shape_list<cs::layout::nchw, 16> partial;
  check(branching_program.try_run(cs::nchw(1, 3, side - 1, side), partial).code == cs::errc::shapes_differ,
        "shape_program try_run below the crop's target");

  check(cs::try_pads_for_output(image, cs::max_pool_params<2>{.window = 3, .strides = 1}, {side, side}).value() ==
            cs::padding<2>(1),
        "pads_for_output");
  check(cs::try_port_padding<cs::onnx, cs::keras>(image, cs::conv_params<2>{.filters = 1, .kernel = 3,
                                                                          .padding = cs::same})
            ->layer == cs::padding<2>(cs::same),
        "port_padding");

#if defined(__cpp_exceptions)
  try {
    (void)cs::conv2d(image, {.filters = 1, .kernel = side + 1});
    check(false, "conv2d with a kernel larger than the input throws");
  } catch (const cs::shape_error& thrown) {
    check(thrown.code() == cs::errc::kernel_exceeds_padded_input, "shape_error's code");
  }
#endif

  // {fmt}: the formatters of every type, and the summary.
  const std::string line =
      fmt::format("{} {:>8} {} {} {} {} {} {} {}", image, cs::per_dim<2>{side, 2}, cs::padding<2>(cs::same),
                  cs::pads<2>({0, 1}, {1, 0}), cs::pool_strides<2>{}, cs::conv_params<2>{.filters = side},
                  cs::conv_transpose_params<2>{}, cs::max_pool_params<2>{}, cs::avg_pool_params<2>{});
  check(line.starts_with(fmt::format("NCHW(1, 3, {}, {}) ", side, side)), "fmt shape");
  check(fmt::format("{} {} {} {} {} {}", cs::layout::ndhwc, cs::torch, cs::errc::overflow, cs::padding_mode::causal,
                    cs::try_plan(image, cs::conv_params<2>{.filters = 1, .kernel = 3}).value(),
                    cs::try_make_shape<cs::layout::nchw>(0, 1, {1, 1}).error())
                .starts_with("NDHWC torch overflow causal layer_plan("),
        "fmt enums and plans");
  check(cs::summary(seq).find(" fc ") != std::string::npos, "summary");

  // The reference kernels give the shapes the formulas give.
  namespace ref = cs::reference;
  const ref::tensor<float, cs::layout::nchw> pixels(image, 1.0F);
  const ref::filter<float, 2> weights3(ref::filter_layout::oihw, 4, 3, 3, 0.5F);
  const cs::conv_params<2> conv{.filters = 4, .kernel = 3, .strides = 2, .padding = cs::same};
  check(ref::conv(pixels, weights3, std::span<const float>{}, conv).dims() == cs::conv2d(image, conv), "ref conv");
  const ref::filter<float, 2> weights2(ref::filter_layout::iohw, 3, 2, 2, 0.5F);
  const cs::conv_transpose_params<2> transposed{.filters = 2, .kernel = 2, .strides = 2};
  check(ref::conv_transpose(pixels, weights2, std::span<const float>{}, transposed).dims() ==
            cs::conv2d_transpose(image, transposed),
        "ref conv_transpose");
  const cs::max_pool_params<2> max{.window = 3, .strides = 2, .padding = 1};
  check(ref::max_pool(pixels, max).dims() == cs::max_pool2d(image, max), "ref max_pool");
  const cs::avg_pool_params<2> avg{.window = 2, .ceil_mode = true};
  check(ref::avg_pool(pixels, avg, ref::pad_cells::ignored).dims() == cs::avg_pool2d(image, avg), "ref avg_pool");
}

}  // namespace

int main(int argc, char**) {
  run_time(31 + argc);  // 32: the reference input's size, unknown to the compiler
  return failures == 0 ? 0 : 1;
}
