// The checked spellings (checked.hpp) where they succeed, and the networks
// that defer their errors, which they read. Where they fail is a compile
// error: tests/compile_fail/checked_*.cpp.
#include <cstddef>
#include <string>
#include <string_view>

#include "support.hpp"

using test::opaque;

namespace {

constexpr auto x = cs::nchw(1, 3, 32, 32);

/// A U-Net level whose skip and upsampled branch agree only for even sides.
constexpr auto unet_level(std::int64_t side) {
  cs::network<cs::layout::nchw, 6> net(cs::nchw(1, 3, side, side), cs::defer_errors);
  const auto skip = net(net.input(), cs::conv2d({.filters = 8, .kernel = 3, .padding = 1}, "enc"));
  const auto down = net(skip, cs::max_pool2d({.window = 2}, "pool"));
  const auto up = net(down, cs::conv2d_transpose({.filters = 8, .kernel = 2, .strides = 2}, "up"));
  const auto cat = net.concat(skip, up, "cat");
  net(cat, cs::conv2d({.filters = 2, .kernel = 1}, "head"));
  return net;
}

template <class F>
std::string message_of(F f) {
  try {
    (void)f();
  } catch (const cs::shape_error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("ok gives the value of a result, of a function returning one, and of a network", "[checked]") {
  CHECK_BOTH(cs::ok<cs::try_conv(x, {.filters = 8, .kernel = 3})> == cs::nchw(1, 8, 30, 30));
  CHECK_BOTH(cs::ok<[] { return cs::try_flatten(x); }> == cs::flat_shape{1, 3072});
  CHECK_BOTH(cs::ok<[] { return unet_level(16); }>.output() == cs::nchw(1, 2, 16, 16));
  CHECK_BOTH(cs::ok<[] { return unet_level(16); }>.size() == 6);
  CHECK_BOTH(cs::ok<cs::try_pads_for_output(x, cs::conv_params<2>{.filters = 1, .kernel = 3}, {32, 32})> ==
             cs::pads({1, 1}, {1, 1}));
}

TEST_CASE("expect_eq holds for equal shapes, flat shapes and numbers", "[checked]") {
  CHECK_BOTH(cs::expect_eq<cs::conv2d(x, {.filters = 8, .kernel = 3, .padding = 1, .dilation = 2}), cs::nchw(1, 8, 30, 30)>);
  CHECK_BOTH(cs::expect_eq<cs::flatten(x), cs::flat_shape{1, 3072}>);
  CHECK_BOTH(cs::expect_eq<cs::ok<[] { return unet_level(16); }>.params(), 224 + 264 + 34>);
}

TEST_CASE("a network that defers its errors keeps the first and ignores the steps after it", "[checked][network]") {
  CHECK_BOTH(!unet_level(opaque(16)).error());
  // 17: the skip is 17x17, the upsampled branch 16x16.
  CHECK_BOTH(unet_level(opaque(17)).error().code == cs::errc::shapes_differ);
  CHECK_BOTH(unet_level(opaque(17)).size() == 4);  // input, enc, pool, up: the concat and the head are not recorded
  CHECK(std::string_view(unet_level(opaque(17)).error().what()) ==
        "layer 4 'cat' (concat): concat 'cat': spatial extents must match, got NCHW(1, 8, 17, 17) and NCHW(1, 8, 16, 16)");
  // The same message as the network that raises.
  CHECK(message_of([] {
          cs::network<cs::layout::nchw, 6> net(cs::nchw(1, 3, opaque(17), 17));
          const auto skip = net(net.input(), cs::conv2d({.filters = 8, .kernel = 3, .padding = 1}, "enc"));
          const auto up = net(net(skip, cs::max_pool2d({.window = 2}, "pool")),
                              cs::conv2d_transpose({.filters = 8, .kernel = 2, .strides = 2}, "up"));
          return net.concat(skip, up, "cat");
        }) == unet_level(17).error().what());

  // The non-throwing steps answer with the kept error too.
  CHECK_BOTH([] {
    auto net = unet_level(opaque(17));
    return net.try_apply(net.input(), cs::activation("relu")).error().code;
  }() == cs::errc::shapes_differ);
  CHECK_BOTH([] {
    auto net = unet_level(opaque(17));
    return net.try_merge(cs::layer_kind::add, net.input(), net.input()).error().code;
  }() == cs::errc::shapes_differ);

  // What the network cannot answer after an error raises it.
  const auto failed = unet_level(opaque(17));
  CHECK(message_of([&] { return failed.output(); }) == failed.error().what());
  CHECK(message_of([&] { return failed.params(); }) == failed.error().what());
  CHECK(message_of([&] { return failed.peak_activation(); }) == failed.error().what());
  CHECK(message_of([&] { return failed.at("enc"); }) == failed.error().what());
}

TEST_CASE("try_index_of finds a record by name, or says which name is missing", "[checked][network]") {
  CHECK_BOTH(*unet_level(opaque(16)).try_index_of("cat") == 4);
  CHECK_BOTH(unet_level(opaque(16)).try_index_of("dec").error().code == cs::errc::no_such_layer);
  CHECK(std::string_view(unet_level(opaque(16)).try_index_of("dec").error().what()) ==
        "network: no layer is named 'dec'");
  // A network that failed answers with its error, not with a lookup's.
  CHECK_BOTH(unet_level(opaque(17)).try_index_of("enc").error().code == cs::errc::shapes_differ);
  CHECK_BOTH(cs::ok<[] { return unet_level(16).try_index_of("head"); }> == 5);
}

TEST_CASE("a network that defers its errors keeps an invalid input's", "[checked][network]") {
  CHECK_BOTH(cs::network<cs::layout::ncw, 2>(cs::ncw_shape{1, opaque(0), {8}}, cs::defer_errors).error().code ==
             cs::errc::extent_below_one);
  CHECK_BOTH([] {
    cs::network<cs::layout::ncw, 2> net(cs::ncw_shape{1, opaque(0), {8}}, cs::defer_errors);
    net(net.input(), cs::activation("relu"));
    return net.size();
  }() == 1);
}

TEST_CASE("sequential with defer_errors keeps the failing layer's error with its index and name", "[checked][network]") {
  constexpr auto chain = [](std::int64_t side) {
    return cs::sequential(cs::defer_errors, cs::nchw(1, 1, side, side), cs::conv2d({.filters = 6, .kernel = 5}, "c1"),
                          cs::max_pool2d({.window = 2}, "s2"), cs::conv2d({.filters = 16, .kernel = 5}, "c3"));
  };
  CHECK_BOTH(chain(opaque(32)).output() == cs::nchw(1, 16, 10, 10));
  CHECK_BOTH(chain(opaque(12)).error().code == cs::errc::kernel_exceeds_padded_input);
  CHECK(std::string_view(chain(opaque(12)).error().what()) ==
        "layer 3 'c3' (conv): conv2d: effective kernel 5 (kernel 5, dilation 1) exceeds padded input 4 in spatial dim 0");
}

TEST_CASE("try_smallest_input returns the chain's error instead of raising it", "[checked][solve]") {
  constexpr cs::layer<2> chain[] = {cs::conv2d({.filters = 2, .kernel = 3}), cs::max_pool2d({.window = 2})};
  CHECK_BOTH(*cs::try_smallest_input(opaque(cs::nchw(1, 1, 10, 10)), chain) == cs::per_dim<2>{4, 4});
  CHECK_BOTH(cs::try_smallest_input(opaque(cs::nchw(1, 1, 3, 3)), chain).error().code ==
             cs::errc::kernel_exceeds_padded_input);
}

TEST_CASE("a message as a template argument keeps every character", "[checked]") {
  // The form each compiler prints: one array with g++, lines of 29
  // characters with clang++, the last padded with spaces, the rest empty.
  constexpr auto text_of = [](const cs::detail::compile_message& m) {
    std::string text;
#if defined(__clang__)
    for (const auto& line : m.lines) {
      CHECK(line.text[cs::detail::compile_message::width] == '\0');
      text += line.text;
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
#else
    text = m.text;
#endif
    return text;
  };
  for (const std::size_t length : {0, 1, 28, 29, 30, 58, 255}) {
    cs::error_info e;
    for (std::size_t i = 0; i < length; ++i) e.message << (i % 7 == 3 ? "x" : "7");
    CHECK(text_of(cs::detail::compile_message(e.message)) == std::string(e.message.text));
  }
}
