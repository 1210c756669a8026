// Shapes: factories, accessors, memory order, element count, layout
// conversion, equality, type safety and validation.
#include <stdexcept>
#include <string>
#include <type_traits>

#include "support.hpp"

using test::opaque;

TEST_CASE("1-D factories take extents in memory order", "[shape][1d]") {
  constexpr auto a = cs::ncw(2, 3, 5);  // N, C, W
  constexpr auto b = cs::nwc(2, 5, 3);  // N, W, C
  CHECK_BOTH(opaque(a).batch() == 2);
  CHECK_BOTH(opaque(a).channels() == 3);
  CHECK_BOTH(opaque(a).length() == 5);
  CHECK_BOTH(opaque(a).spatial(0) == 5);
  CHECK_BOTH(opaque(b).batch() == 2);
  CHECK_BOTH(opaque(b).channels() == 3);
  CHECK_BOTH(opaque(b).length() == 5);
  CHECK_BOTH(opaque(b).spatial() == cs::per_dim<1>{5});
}

TEST_CASE("2-D factories take extents in memory order", "[shape][2d]") {
  constexpr auto a = cs::nchw(2, 3, 5, 7);  // N, C, H, W
  constexpr auto b = cs::nhwc(2, 5, 7, 3);  // N, H, W, C
  CHECK_BOTH(opaque(a).batch() == 2);
  CHECK_BOTH(opaque(a).channels() == 3);
  CHECK_BOTH(opaque(a).height() == 5);
  CHECK_BOTH(opaque(a).width() == 7);
  CHECK_BOTH(opaque(a).spatial() == cs::per_dim<2>{5, 7});
  CHECK_BOTH(opaque(b).batch() == 2);
  CHECK_BOTH(opaque(b).channels() == 3);
  CHECK_BOTH(opaque(b).height() == 5);
  CHECK_BOTH(opaque(b).width() == 7);
  CHECK_BOTH(opaque(b).spatial(0) == 5);
  CHECK_BOTH(opaque(b).spatial(1) == 7);
}

TEST_CASE("3-D factories take extents in memory order", "[shape][3d]") {
  constexpr auto a = cs::ncdhw(2, 3, 4, 5, 7);  // N, C, D, H, W
  constexpr auto b = cs::ndhwc(2, 4, 5, 7, 3);  // N, D, H, W, C
  CHECK_BOTH(opaque(a).batch() == 2);
  CHECK_BOTH(opaque(a).channels() == 3);
  CHECK_BOTH(opaque(a).depth() == 4);
  CHECK_BOTH(opaque(a).height() == 5);
  CHECK_BOTH(opaque(a).width() == 7);
  CHECK_BOTH(opaque(a).spatial() == cs::per_dim<3>{4, 5, 7});
  CHECK_BOTH(opaque(b).batch() == 2);
  CHECK_BOTH(opaque(b).channels() == 3);
  CHECK_BOTH(opaque(b).depth() == 4);
  CHECK_BOTH(opaque(b).height() == 5);
  CHECK_BOTH(opaque(b).width() == 7);
  CHECK_BOTH(opaque(b).spatial() == cs::per_dim<3>{4, 5, 7});
}

TEST_CASE("operator[] indexes extents in memory order", "[shape]") {
  // Channels first: N, C, spatial...
  constexpr auto ncw = cs::ncw(2, 3, 5);
  CHECK_BOTH(opaque(ncw)[0] == 2);
  CHECK_BOTH(opaque(ncw)[1] == 3);
  CHECK_BOTH(opaque(ncw)[2] == 5);
  constexpr auto nchw = cs::nchw(2, 3, 5, 7);
  CHECK_BOTH(opaque(nchw)[1] == 3);
  CHECK_BOTH(opaque(nchw)[2] == 5);
  CHECK_BOTH(opaque(nchw)[3] == 7);
  constexpr auto ncdhw = cs::ncdhw(2, 3, 4, 5, 7);
  CHECK_BOTH(opaque(ncdhw)[1] == 3);
  CHECK_BOTH(opaque(ncdhw)[2] == 4);
  CHECK_BOTH(opaque(ncdhw)[4] == 7);
  // Channels last: N, spatial..., C
  constexpr auto nwc = cs::nwc(2, 5, 3);
  CHECK_BOTH(opaque(nwc)[0] == 2);
  CHECK_BOTH(opaque(nwc)[1] == 5);
  CHECK_BOTH(opaque(nwc)[2] == 3);
  constexpr auto nhwc = cs::nhwc(2, 5, 7, 3);
  CHECK_BOTH(opaque(nhwc)[0] == 2);
  CHECK_BOTH(opaque(nhwc)[1] == 5);
  CHECK_BOTH(opaque(nhwc)[2] == 7);
  CHECK_BOTH(opaque(nhwc)[3] == 3);
  constexpr auto ndhwc = cs::ndhwc(2, 4, 5, 7, 3);
  CHECK_BOTH(opaque(ndhwc)[1] == 4);
  CHECK_BOTH(opaque(ndhwc)[3] == 7);
  CHECK_BOTH(opaque(ndhwc)[4] == 3);
}

TEST_CASE("rank and spatial rank follow the layout", "[shape][layout]") {
  STATIC_REQUIRE(cs::ncw_shape::rank() == 3);
  STATIC_REQUIRE(cs::nwc_shape::rank() == 3);
  STATIC_REQUIRE(cs::nchw_shape::rank() == 4);
  STATIC_REQUIRE(cs::nhwc_shape::rank() == 4);
  STATIC_REQUIRE(cs::ncdhw_shape::rank() == 5);
  STATIC_REQUIRE(cs::ndhwc_shape::rank() == 5);
  STATIC_REQUIRE(cs::nwc_shape::spatial_rank == 1);
  STATIC_REQUIRE(cs::nchw_shape::spatial_rank == 2);
  STATIC_REQUIRE(cs::ndhwc_shape::spatial_rank == 3);
  STATIC_REQUIRE(cs::nhwc_shape::memory_layout == cs::layout::nhwc);
  STATIC_REQUIRE(cs::is_channels_last(cs::layout::ndhwc));
  STATIC_REQUIRE_FALSE(cs::is_channels_last(cs::layout::ncdhw));
  STATIC_REQUIRE(cs::channels_last(cs::layout::ncw) == cs::layout::nwc);
  STATIC_REQUIRE(cs::channels_first(cs::layout::nhwc) == cs::layout::nchw);
  STATIC_REQUIRE(test::same_text(cs::name(cs::layout::ndhwc), "NDHWC"));
  STATIC_REQUIRE(test::same_text(cs::name(cs::layout::ncw), "NCW"));
}

TEST_CASE("element_count multiplies every extent", "[shape]") {
  CHECK_BOTH(opaque(cs::ncw(2, 3, 5)).element_count() == 30);
  CHECK_BOTH(opaque(cs::nhwc(2, 5, 7, 3)).element_count() == 210);
  CHECK_BOTH(opaque(cs::ncdhw(2, 3, 4, 5, 7)).element_count() == 840);
  // 7 * 7 * 9271 * 31252369 * 649657 is exactly INT64_MAX (its prime factors).
  CHECK_BOTH(opaque(cs::ncdhw(7, 7, 9271, 31252369, 649657)).element_count() == test::int64_max);
}

TEST_CASE("element_count reports int64 overflow as a shape_error", "[shape][error]") {
  const auto count_error = [](const auto& s) -> cs::shape_error {
    try {
      (void)s.element_count();
    } catch (const cs::shape_error& e) {
      return e;
    }
    FAIL("no shape_error for " << Catch::Detail::stringify(s));
    throw;
  };
  // One more in the last factor than the INT64_MAX product above.
  const auto just_over = count_error(cs::ncdhw(7, 7, 9271, 31252369, opaque(649658)));
  CHECK(just_over.code() == cs::errc::overflow);
  CHECK_THAT(just_over.what(), Catch::Matchers::Contains("element count of NCDHW shape overflows int64"));
  // 2^32 * 2^32 = 2^64, with every other extent 1.
  const auto far_over = count_error(cs::nhwc(opaque(std::int64_t{1} << 32), 1, 1, std::int64_t{1} << 32));
  CHECK(far_over.code() == cs::errc::overflow);
  CHECK_THAT(far_over.what(), Catch::Matchers::Contains("element count of NHWC shape overflows int64"));
}

TEST_CASE("to_channels_last and to_channels_first keep the extents", "[shape][layout]") {
  constexpr auto first = cs::nchw(2, 3, 5, 7);
  STATIC_REQUIRE(std::is_same_v<decltype(cs::to_channels_last(first)), cs::nhwc_shape>);
  CHECK_BOTH(cs::to_channels_last(opaque(first)) == cs::nhwc(2, 5, 7, 3));
  CHECK_BOTH(cs::to_channels_first(cs::to_channels_last(opaque(first))) == first);
  CHECK_BOTH(cs::to_channels_last(opaque(cs::ncw(2, 3, 5))) == cs::nwc(2, 5, 3));
  CHECK_BOTH(cs::to_channels_first(opaque(cs::ndhwc(2, 4, 5, 7, 3))) == cs::ncdhw(2, 3, 4, 5, 7));
  // Converting to the layout a shape already has changes nothing.
  STATIC_REQUIRE(std::is_same_v<decltype(cs::to_channels_first(first)), cs::nchw_shape>);
  CHECK_BOTH(cs::to_channels_first(opaque(first)) == first);
  CHECK_BOTH(cs::to_channels_last(opaque(cs::nwc(2, 5, 3))) == cs::nwc(2, 5, 3));
}

TEST_CASE("shapes are equal exactly when every extent is", "[shape]") {
  constexpr auto s = cs::ncdhw(2, 3, 4, 5, 7);
  CHECK_BOTH(opaque(s) == cs::ncdhw(2, 3, 4, 5, 7));
  CHECK_BOTH(opaque(s) != cs::ncdhw(1, 3, 4, 5, 7));
  CHECK_BOTH(opaque(s) != cs::ncdhw(2, 1, 4, 5, 7));
  CHECK_BOTH(opaque(s) != cs::ncdhw(2, 3, 1, 5, 7));
  CHECK_BOTH(opaque(s) != cs::ncdhw(2, 3, 4, 1, 7));
  CHECK_BOTH(opaque(s) != cs::ncdhw(2, 3, 4, 5, 1));
  // Same numbers in memory order, different tensors: N=2, C=3 vs C=7.
  CHECK_BOTH(cs::to_channels_first(opaque(cs::nhwc(2, 3, 5, 7))) != cs::nchw(2, 3, 5, 7));
}

namespace {
template <class A, class B>
concept comparable = requires(const A& a, const B& b) {
  a == b;
};
template <class S>
concept has_length = requires(const S& s) {
  s.length();
};
template <class S>
concept has_height = requires(const S& s) {
  s.height();
};
template <class S>
concept has_depth = requires(const S& s) {
  s.depth();
};
}  // namespace

TEST_CASE("shapes of different layouts are different, incomparable types", "[shape][layout]") {
  STATIC_REQUIRE_FALSE(std::is_same_v<cs::nchw_shape, cs::nhwc_shape>);
  STATIC_REQUIRE_FALSE(std::is_same_v<cs::ncw_shape, cs::nwc_shape>);
  STATIC_REQUIRE_FALSE(std::is_same_v<cs::ncdhw_shape, cs::ndhwc_shape>);
  STATIC_REQUIRE(comparable<cs::nchw_shape, cs::nchw_shape>);  // the probe works
  STATIC_REQUIRE_FALSE(comparable<cs::nchw_shape, cs::nhwc_shape>);
  STATIC_REQUIRE_FALSE(comparable<cs::nhwc_shape, cs::nchw_shape>);
  STATIC_REQUIRE_FALSE(comparable<cs::ncw_shape, cs::nchw_shape>);
  STATIC_REQUIRE_FALSE(std::is_convertible_v<cs::nhwc_shape, cs::nchw_shape>);
  // Accessors exist only for the ranks they make sense for.
  STATIC_REQUIRE(has_length<cs::nwc_shape>);
  STATIC_REQUIRE_FALSE(has_length<cs::nchw_shape>);
  STATIC_REQUIRE_FALSE(has_height<cs::ncw_shape>);
  STATIC_REQUIRE(has_height<cs::ndhwc_shape>);
  STATIC_REQUIRE(has_depth<cs::ndhwc_shape>);
  STATIC_REQUIRE_FALSE(has_depth<cs::nhwc_shape>);
}

namespace {
template <cs::nhwc_shape In>
struct downsample_block {
  static constexpr cs::nhwc_shape out =
      cs::conv2d(In, {.filters = 2 * In.channels(), .kernel = 3, .strides = 2, .padding = cs::same});
};
}  // namespace

TEST_CASE("shapes are structural: usable as template arguments", "[shape]") {
  STATIC_REQUIRE(downsample_block<cs::nhwc(1, 32, 32, 8)>::out == cs::nhwc(1, 16, 16, 16));
  STATIC_REQUIRE(downsample_block<downsample_block<cs::nhwc(1, 32, 32, 8)>::out>::out == cs::nhwc(1, 8, 8, 32));
  // Equal shapes name the same specialization, different ones do not.
  STATIC_REQUIRE(std::is_same_v<downsample_block<cs::nhwc(1, 32, 32, 8)>, downsample_block<cs::nhwc(1, 32, 32, 8)>>);
  STATIC_REQUIRE_FALSE(
      std::is_same_v<downsample_block<cs::nhwc(1, 32, 32, 8)>, downsample_block<cs::nhwc(1, 32, 16, 8)>>);
}

TEST_CASE("factories reject extents below 1 with a message naming the extent", "[shape][error]") {
  const auto message_of = [](auto make) -> std::string {
    try {
      (void)make();
    } catch (const cs::shape_error& e) {
      CHECK(e.code() == cs::errc::extent_below_one);
      return e.what();
    }
    FAIL("no shape_error");
    return {};
  };
  const std::int64_t zero = opaque(0);
  CHECK(message_of([&] { return cs::nchw(zero, 3, 4, 4); }) == "NCHW: input batch must be at least 1, got 0");
  CHECK(message_of([&] { return cs::nhwc(1, 4, 4, zero - 2); }) == "NHWC: input channels must be at least 1, got -2");
  CHECK(message_of([&] { return cs::ncw(1, 3, zero); }) ==
        "NCW: input extent must be at least 1, got 0 in spatial dim 0");
  CHECK(message_of([&] { return cs::nchw(1, 3, 4, zero - 1); }) ==
        "NCHW: input extent must be at least 1, got -1 in spatial dim 1");
  CHECK(message_of([&] { return cs::ndhwc(1, 4, zero, 4, 3); }) ==
        "NDHWC: input extent must be at least 1, got 0 in spatial dim 1");
  CHECK(message_of([&] { return cs::ncdhw(1, 3, 4, 4, zero - test::int64_max); }) ==
        "NCDHW: input extent must be at least 1, got -9223372036854775807 in spatial dim 2");
  CHECK(message_of([&] { return cs::nwc(1, 5, zero); }) == "NWC: input channels must be at least 1, got 0");
}

TEST_CASE("try_make_shape returns the error instead of throwing", "[shape][error]") {
  STATIC_REQUIRE(noexcept(cs::try_make_shape<cs::layout::nchw>(1, 3, {4, 4})));
  STATIC_REQUIRE(cs::try_make_shape<cs::layout::nchw>(1, 3, {4, 4}).value() == cs::nchw(1, 3, 4, 4));
  STATIC_REQUIRE(cs::try_make_shape<cs::layout::nwc>(1, 3, 5).value() == cs::nwc(1, 5, 3));
  STATIC_REQUIRE_FALSE(cs::try_make_shape<cs::layout::ncdhw>(1, 3, {4, 0, 4}).has_value());

  const auto r = cs::try_make_shape<cs::layout::ndhwc>(1, 3, {4, opaque(-3), 4});
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == cs::errc::extent_below_one);
  CHECK(std::string(r.error().what()) == "NDHWC: input extent must be at least 1, got -3 in spatial dim 1");
  const auto ok = cs::try_make_shape<cs::layout::ndhwc>(1, 3, {4, opaque(5), 4});
  REQUIRE(ok.has_value());
  CHECK(*ok == cs::ndhwc(1, 4, 5, 4, 3));
  CHECK(ok.error().code == cs::errc::none);
}
