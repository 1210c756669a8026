// Layers that rearrange or select channels (ShuffleNet): a channel shuffle
// and a channel slice. Shapes, errors, and the layers in a network.
#include <string>

#include "support.hpp"

using test::fails_with;
using test::opaque;

TEST_CASE("channel_shuffle keeps the shape, and its groups must divide the channels", "[channel]") {
  CHECK_BOTH(cs::channel_shuffle(opaque(cs::nchw(1, 116, 28, 28)), {.groups = 2}) == cs::nchw(1, 116, 28, 28));
  CHECK_BOTH(cs::channel_shuffle(opaque(cs::nwc(2, 10, 12)), {.groups = 12}) == cs::nwc(2, 10, 12));
  CHECK_BOTH(cs::channel_shuffle(opaque(cs::ncdhw(1, 5, 2, 2, 2)), {}) == cs::ncdhw(1, 5, 2, 2, 2));
  CHECK_BOTH(fails_with(cs::try_channel_shuffle(opaque(cs::nchw(1, 32, 8, 8)), {.groups = 3}),
                        cs::errc::groups_do_not_divide_channels,
                        "channel_shuffle: groups 3 must divide input channels 32"));
  CHECK_BOTH(fails_with(cs::try_channel_shuffle(opaque(cs::nchw(1, 32, 8, 8)), {.groups = 0}), cs::errc::groups_below_one,
                        "channel_shuffle: groups must be at least 1, got 0"));
  CHECK_BOTH(fails_with(cs::try_channel_shuffle(cs::shape<cs::layout::ncw>{1, 4, {opaque(0)}}, {.groups = 2}),
                        cs::errc::extent_below_one, "channel_shuffle: input extent must be at least 1, got 0 in spatial dim 0"));
  CHECK_THROWS_AS(cs::channel_shuffle(opaque(cs::nchw(1, 6, 2, 2)), {.groups = 4}), cs::shape_error);
}

TEST_CASE("channel_slice keeps the channels from begin to end, which must lie within the input's", "[channel]") {
  // ShuffleNet's x.chunk(2, dim=1) of 116 channels.
  CHECK_BOTH(cs::channel_slice(opaque(cs::nchw(1, 116, 28, 28)), {.begin = 0, .end = 58}) == cs::nchw(1, 58, 28, 28));
  CHECK_BOTH(cs::channel_slice(opaque(cs::nchw(1, 116, 28, 28)), {.begin = 58, .end = 116}) == cs::nchw(1, 58, 28, 28));
  CHECK_BOTH(cs::channel_slice(opaque(cs::nhwc(2, 7, 7, 10)), {.begin = 9, .end = 10}) == cs::nhwc(2, 7, 7, 1));
  CHECK_BOTH(cs::channel_slice(opaque(cs::ncw(1, 3, 5)), {.begin = 0, .end = 3}) == cs::ncw(1, 3, 5));
  CHECK_BOTH(fails_with(cs::try_channel_slice(opaque(cs::nchw(1, 116, 28, 28)), {.begin = 58, .end = 117}),
                        cs::errc::slice_out_of_range,
                        "channel_slice: channels [58, 117) must lie within the input's 116, [0, 116)"));
  CHECK_BOTH(fails_with(cs::try_channel_slice(opaque(cs::ncw(1, 8, 4)), {.begin = -1, .end = 4}),
                        cs::errc::slice_out_of_range, "channel_slice: channels [-1, 4) must lie within the input's 8, [0, 8)"));
  CHECK_BOTH(fails_with(cs::try_channel_slice(opaque(cs::ncw(1, 8, 4)), {.begin = 5, .end = 5}), cs::errc::empty_output,
                        "channel_slice: channels [5, 5) are none: end must be greater than begin"));
  CHECK_BOTH(fails_with(cs::try_channel_slice(opaque(cs::ncw(1, 8, 4)), {.begin = 3}), cs::errc::empty_output,
                        "channel_slice: channels [3, 0) are none: end must be greater than begin"));
  CHECK_BOTH(fails_with(cs::try_channel_slice(opaque(cs::ncw(1, 8, 4)), {.begin = 9, .end = 12}),
                        cs::errc::slice_out_of_range, "channel_slice: channels [9, 12) must lie within the input's 8, [0, 8)"));
  CHECK_BOTH(fails_with(cs::try_channel_slice(cs::shape<cs::layout::ncw>{opaque(0), 8, {4}}, {.end = 4}),
                        cs::errc::extent_below_one, "channel_slice: input batch must be at least 1, got 0"));
  CHECK_THROWS_AS(cs::channel_slice(opaque(cs::ncw(1, 8, 4)), {.begin = 2, .end = 9}), cs::shape_error);
}

namespace {

/// ShuffleNet V2's basic unit (stride 1): the channels split in two, one
/// half through 1x1, depthwise 3x3 and 1x1 convolutions, concatenated back
/// and shuffled in 2 groups.
template <class Net>
constexpr Net shuffle_unit_into(Net net) {
  const auto x = net.input();
  const std::int64_t half = x.shape.channels() / 2;
  const auto left = net(x, cs::channel_slice({.begin = 0, .end = half}, "left"));
  auto right = net(x, cs::channel_slice({.begin = half, .end = 2 * half}, "right"));
  right = net(right, cs::conv2d({.filters = half, .kernel = 1, .bias = false}, "pw1"));
  right = net(right, cs::depthwise_conv<2>({.kernel = 3, .padding = 1, .bias = false}, "dw"));
  right = net(right, cs::conv2d({.filters = half, .kernel = 1, .bias = false}, "pw2"));
  const auto joined = net.concat(left, right, "cat");
  net(joined, cs::channel_shuffle({.groups = 2}, "shuffle"));
  return net;
}

}  // namespace

TEST_CASE("channel_shuffle and channel_slice in a network: no weights, the receptive field kept", "[channel][network]") {
  constexpr auto net = shuffle_unit_into(cs::network<cs::layout::nchw, 9, cs::torch>(cs::nchw(1, 116, 28, 28)));
  STATIC_REQUIRE(net.at("left").kind == cs::layer_kind::channel_slice);
  STATIC_REQUIRE(net.at("left").output == cs::nchw(1, 58, 28, 28));
  STATIC_REQUIRE(net.at("right").output == cs::nchw(1, 58, 28, 28));
  STATIC_REQUIRE(net.at("left").params == 0);
  STATIC_REQUIRE(net.at("shuffle").kind == cs::layer_kind::channel_shuffle);
  STATIC_REQUIRE(net.at("shuffle").output == cs::nchw(1, 116, 28, 28));
  STATIC_REQUIRE(net.at("shuffle").params == 0);
  STATIC_REQUIRE(net.at("shuffle").macs == 0);
  STATIC_REQUIRE(net.at("shuffle").receptive_field.size == cs::per_dim<2>(3));
  STATIC_REQUIRE(net.at("left").receptive_field.size == cs::per_dim<2>(1));
  // torchvision's stage-2 unit: 58 x 58, 9 x 58, 58 x 58 weights.
  STATIC_REQUIRE(net.params() == 58 * 58 + 9 * 58 + 58 * 58);
  STATIC_REQUIRE(test::same_text(cs::name(cs::layer_kind::channel_shuffle), "channel_shuffle"));
  STATIC_REQUIRE(test::same_text(cs::name(cs::layer_kind::channel_slice), "channel_slice"));

  // A slice of a flat tensor's features.
  constexpr auto flat = cs::sequential(cs::nchw(2, 4, 2, 2), cs::flatten(), cs::channel_slice({.begin = 4, .end = 10}, "s"));
  STATIC_REQUIRE(flat.at("s").flat && flat.at("s").flat_output() == cs::flat_shape{2, 6});
  // The layer values carry their parameters.
  STATIC_REQUIRE(cs::channel_shuffle({.groups = 3}).channel_shuffle == cs::channel_shuffle_params{3});
  STATIC_REQUIRE(cs::layer<1>(cs::channel_slice({.begin = 1, .end = 2})).channel_slice == cs::channel_slice_params{1, 2});

  // A shuffle wants a map; the messages name the layer.
  cs::network<cs::layout::nchw, 4> run(opaque(cs::nchw(1, 6, 4, 4)));
  const auto bad = run.try_apply(run.input(), cs::channel_shuffle({.groups = 4}, "shuffle"));
  REQUIRE(!bad);
  CHECK(std::string(bad.error().what()) ==
        "layer 1 'shuffle' (channel_shuffle): channel_shuffle: groups 4 must divide input channels 6");
  const auto flat_input = run(run.input(), cs::flatten());
  CHECK(run.try_apply(flat_input, cs::channel_shuffle({.groups = 2})).error().code == cs::errc::wrong_rank);
  const auto over = run.try_apply(flat_input, cs::channel_slice({.begin = 90, .end = 97}, "s"));
  REQUIRE(!over);
  CHECK(std::string(over.error().what()) ==
        "layer 2 's' (channel_slice): channel_slice: channels [90, 97) must lie within the input's 96, [0, 96)");
}
