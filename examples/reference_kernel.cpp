// convshape reference kernel: runs the naive kernels on a small image and
// prints, per layer, the input shape, the shape the constexpr formulas
// predict and the shape the kernel actually computed. The kernel sizes its
// output by walking windows, never by the formulas, so agreement is evidence.
//
//   convshape_reference_kernel
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string>

#include <convshape/convshape.hpp>
#include <convshape/fmt.hpp>
#include <convshape/reference.hpp>
#include <fmt/format.h>

namespace cs = convshape;
namespace ref = convshape::reference;

namespace {

/// A 1-channel 9x9 image with a bright cross in the middle.
ref::tensor<float, cs::layout::nhwc> cross_image() {
  ref::tensor<float, cs::layout::nhwc> image(cs::nhwc(1, 9, 9, 1));
  for (std::int64_t i = 0; i < 9; ++i) {
    image.at(0, 0, {4, i}) = 1.0f;
    image.at(0, 0, {i, 4}) = 1.0f;
  }
  return image;
}

/// A 3x3 filter per output channel: horizontal and vertical line detectors.
ref::filter<float, 2> line_detectors(std::int64_t input_channels) {
  ref::filter<float, 2> w(ref::filter_layout::hwio, 2, input_channels, 3);
  for (std::int64_t c = 0; c < input_channels; ++c)
    for (std::int64_t i = 0; i < 3; ++i) {
      w.at(0, c, {1, i}) = 1.0f;  // channel 0: a horizontal line
      w.at(1, c, {i, 1}) = 1.0f;  // channel 1: a vertical line
    }
  return w;
}

bool report(const char* layer, const cs::nhwc_shape& input, const cs::result<cs::nhwc_shape>& predicted,
            const cs::nhwc_shape& computed) {
  const bool agree = predicted && *predicted == computed;
  fmt::print("{:<44} {:<22} {:<22} {:<22} {}\n", layer, input,
             predicted ? fmt::format("{}", *predicted) : std::string("rejected"), computed, agree ? "ok" : "DIFFERENT");
  return agree;
}

void print_channel(const ref::tensor<float, cs::layout::nhwc>& t, std::int64_t channel) {
  for (std::int64_t h = 0; h < t.dims().height(); ++h) {
    for (std::int64_t w = 0; w < t.dims().width(); ++w) fmt::print("{:3.0f}", t.at(0, channel, {h, w}));
    fmt::print("\n");
  }
}

}  // namespace

int main() {
  const auto image = cross_image();
  bool all_agree = true;
  fmt::print("{:<44} {:<22} {:<22} {:<22}\n", "layer", "input", "predicted", "computed");

  const cs::conv_params<2> detect{.filters = 2, .kernel = 3, .padding = cs::same};
  const auto lines = ref::conv(image, line_detectors(1), {}, detect);
  all_agree &= report("conv 3x3, same", image.dims(), cs::try_conv(image.dims(), detect), lines.dims());

  const cs::conv_params<2> dilated{.filters = 2, .kernel = 3, .padding = 1, .dilation = 2};
  const auto wide = ref::conv(lines, line_detectors(2), {}, dilated);
  all_agree &= report("conv 3x3, dilation 2, padding 1", lines.dims(), cs::try_conv(lines.dims(), dilated),
                      wide.dims());

  const cs::max_pool_params<2> pool{.window = 2, .ceil_mode = true};
  const auto pooled = ref::max_pool(wide, pool);
  all_agree &= report("max pool 2x2, ceil_mode", wide.dims(), cs::try_max_pool(wide.dims(), pool), pooled.dims());

  const cs::conv_transpose_params<2> up{.filters = 1, .kernel = 3, .strides = 2, .padding = 1, .output_padding = 1};
  ref::filter<float, 2> spread(ref::filter_layout::hwoi, 2, 1, 3, 0.25f);
  const auto upsampled = ref::conv_transpose(pooled, spread, {}, up);
  all_agree &= report("transposed 3x3, stride 2, pad 1, out pad 1", pooled.dims(),
                      cs::try_conv_transpose(pooled.dims(), up), upsampled.dims());

  const cs::avg_pool_params<2> average{.window = 3, .strides = 2, .padding = cs::pads({1, 1}, {0, 0})};
  const auto smooth = ref::avg_pool(upsampled, average, ref::pad_cells::ignored);
  all_agree &= report("avg pool 3x3, stride 2, pads (1,1)/(0,0)", upsampled.dims(),
                      cs::try_avg_pool(upsampled.dims(), average), smooth.dims());

  fmt::print("\nthe input, and the horizontal-line channel after the first conv:\n");
  print_channel(image, 0);
  fmt::print("\n");
  print_channel(lines, 0);
  return all_agree ? EXIT_SUCCESS : EXIT_FAILURE;
}
