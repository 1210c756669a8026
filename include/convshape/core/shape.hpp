// convshape: a tensor shape whose layout is part of its type.
#pragma once

#include <cstddef>
#include <cstdint>

#include "detail/checked.hpp"
#include "detail/host_device.hpp"
#include "error.hpp"
#include "layout.hpp"
#include "per_dim.hpp"

namespace convshape {

/// Batch, channels and spatial extents of a tensor in layout L. Shapes of
/// different layouts are different types, so comparing an NCHW shape with an
/// NHWC one, or passing one where the other is expected, does not compile.
template <layout L>
struct shape {
  static constexpr convshape::layout memory_layout = L;
  static constexpr std::size_t spatial_rank = convshape::spatial_rank(L);

  // Public only so that shapes are structural types and can be template
  // arguments; use the accessors and the validating factories below.
  std::int64_t batch_ = 0;
  std::int64_t channels_ = 0;
  per_dim<spatial_rank> spatial_{};

  static CONVSHAPE_HOST_DEVICE constexpr std::size_t rank() noexcept { return spatial_rank + 2; }

  CONVSHAPE_HOST_DEVICE constexpr std::int64_t batch() const noexcept { return batch_; }
  CONVSHAPE_HOST_DEVICE constexpr std::int64_t channels() const noexcept { return channels_; }
  /// Spatial extent i, outermost first (depth, height, width).
  CONVSHAPE_HOST_DEVICE constexpr std::int64_t spatial(std::size_t i) const noexcept { return spatial_[i]; }
  CONVSHAPE_HOST_DEVICE constexpr const per_dim<spatial_rank>& spatial() const noexcept { return spatial_; }

  CONVSHAPE_HOST_DEVICE constexpr std::int64_t length() const noexcept requires(spatial_rank == 1) {
    return spatial_[0];
  }
  CONVSHAPE_HOST_DEVICE constexpr std::int64_t depth() const noexcept requires(spatial_rank == 3) {
    return spatial_[0];
  }
  CONVSHAPE_HOST_DEVICE constexpr std::int64_t height() const noexcept requires(spatial_rank >= 2) {
    return spatial_[spatial_rank - 2];
  }
  CONVSHAPE_HOST_DEVICE constexpr std::int64_t width() const noexcept requires(spatial_rank >= 2) {
    return spatial_[spatial_rank - 1];
  }

  /// Extent i in memory order: shape<nhwc>[3] is the channel count.
  CONVSHAPE_HOST_DEVICE constexpr std::int64_t operator[](std::size_t i) const noexcept {
    if (i == 0) return batch_;
    if (is_channels_last(L)) return i == rank() - 1 ? channels_ : spatial_[i - 1];
    return i == 1 ? channels_ : spatial_[i - 2];
  }

  /// The number of elements; raises on int64 overflow.
  CONVSHAPE_HOST_DEVICE constexpr std::int64_t element_count() const {
    std::int64_t count = batch_;
    bool ok = detail::mul(count, channels_, count);
    for (std::size_t i = 0; i < spatial_rank; ++i) ok = ok && detail::mul(count, spatial_[i], count);
    if (!ok) {
      error_info e{errc::overflow};
      e.message << "shape: element count of " << name(L) << " shape overflows int64";
      detail::raise(e);
    }
    return count;
  }

  friend constexpr bool operator==(const shape&, const shape&) = default;
};

using ncw_shape = shape<layout::ncw>;
using nwc_shape = shape<layout::nwc>;
using nchw_shape = shape<layout::nchw>;
using nhwc_shape = shape<layout::nhwc>;
using ncdhw_shape = shape<layout::ncdhw>;
using ndhwc_shape = shape<layout::ndhwc>;

namespace detail {

/// "NCHW(1, 64, 32, 32)", as fmt prints it: messages that compare shapes name them.
template <layout L>
CONVSHAPE_HOST_DEVICE constexpr message_buffer& operator<<(message_buffer& m, const shape<L>& s) noexcept {
  m << name(L) << "(" << s[0];
  for (std::size_t i = 1; i < s.rank(); ++i) m << ", " << s[i];
  return m << ")";
}

/// Checks that every extent is at least 1; false, with `error` filled, if
/// one is not. `begin(error, code)` starts the message with the caller's name.
template <layout L, class Begin>
CONVSHAPE_HOST_DEVICE constexpr bool check_extents(const shape<L>& s, error_info& error, const Begin& begin) noexcept {
  std::size_t i = 0;
  while (i < s.spatial_rank && s.spatial_[i] >= 1) ++i;
  if (s.batch_ >= 1 && s.channels_ >= 1 && i == s.spatial_rank) return true;
  message_buffer& m = begin(error, errc::extent_below_one) << "input ";
  if (s.batch_ < 1) {
    m << "batch must be at least 1, got " << s.batch_;
  } else if (s.channels_ < 1) {
    m << "channels must be at least 1, got " << s.channels_;
  } else {
    m << "extent must be at least 1, got " << s.spatial_[i] << " in spatial dim " << static_cast<std::int64_t>(i);
  }
  return false;
}

/// The same, for a caller named by a word: "flatten: input batch must...".
template <layout L>
CONVSHAPE_HOST_DEVICE constexpr error_info check_extents(const shape<L>& s, const char* caller) noexcept {
  error_info error;
  check_extents(s, error, [caller](error_info& into, errc error_code) -> message_buffer& {
    into = error_info{error_code};
    return into.message << caller << ": ";
  });
  return error;
}

}  // namespace detail

/// A shape from batch, channels and spatial extents, whatever the layout.
template <layout L>
CONVSHAPE_HOST_DEVICE constexpr result<shape<L>> try_make_shape(std::int64_t batch, std::int64_t channels,
                                          per_dim<spatial_rank(L)> spatial) noexcept {
  const shape<L> s{batch, channels, spatial};
  if (auto e = detail::check_extents(s, name(L))) return e;
  return s;
}

template <layout L>
CONVSHAPE_HOST_DEVICE constexpr shape<L> make_shape(std::int64_t batch, std::int64_t channels,
                              per_dim<spatial_rank(L)> spatial) {
  return try_make_shape<L>(batch, channels, spatial).value();
}

// Factories in memory order, as the frameworks print shapes. Each tests its
// extents before it calls make_shape, which then only reports: every shape
// written in a static_assert is one of these calls, and in constant
// evaluation the calls cost more than the comparisons.
CONVSHAPE_HOST_DEVICE constexpr ncw_shape ncw(std::int64_t n, std::int64_t c, std::int64_t w) {
  if (n >= 1 && c >= 1 && w >= 1) return {n, c, w};
  return make_shape<layout::ncw>(n, c, w);
}
CONVSHAPE_HOST_DEVICE constexpr nwc_shape nwc(std::int64_t n, std::int64_t w, std::int64_t c) {
  if (n >= 1 && c >= 1 && w >= 1) return {n, c, w};
  return make_shape<layout::nwc>(n, c, w);
}
CONVSHAPE_HOST_DEVICE constexpr nchw_shape nchw(std::int64_t n, std::int64_t c, std::int64_t h, std::int64_t w) {
  if (n >= 1 && c >= 1 && h >= 1 && w >= 1) return {n, c, {h, w}};
  return make_shape<layout::nchw>(n, c, {h, w});
}
CONVSHAPE_HOST_DEVICE constexpr nhwc_shape nhwc(std::int64_t n, std::int64_t h, std::int64_t w, std::int64_t c) {
  if (n >= 1 && c >= 1 && h >= 1 && w >= 1) return {n, c, {h, w}};
  return make_shape<layout::nhwc>(n, c, {h, w});
}
CONVSHAPE_HOST_DEVICE constexpr ncdhw_shape ncdhw(std::int64_t n, std::int64_t c, std::int64_t d, std::int64_t h,
                            std::int64_t w) {
  if (n >= 1 && c >= 1 && d >= 1 && h >= 1 && w >= 1) return {n, c, {d, h, w}};
  return make_shape<layout::ncdhw>(n, c, {d, h, w});
}
CONVSHAPE_HOST_DEVICE constexpr ndhwc_shape ndhwc(std::int64_t n, std::int64_t d, std::int64_t h, std::int64_t w,
                            std::int64_t c) {
  if (n >= 1 && c >= 1 && d >= 1 && h >= 1 && w >= 1) return {n, c, {d, h, w}};
  return make_shape<layout::ndhwc>(n, c, {d, h, w});
}

/// The same tensor described channels-last; extents are unchanged.
template <layout L>
CONVSHAPE_HOST_DEVICE constexpr shape<channels_last(L)> to_channels_last(const shape<L>& s) noexcept {
  return {s.batch_, s.channels_, s.spatial_};
}

/// The same tensor described channels-first; extents are unchanged.
template <layout L>
CONVSHAPE_HOST_DEVICE constexpr shape<channels_first(L)> to_channels_first(const shape<L>& s) noexcept {
  return {s.batch_, s.channels_, s.spatial_};
}

}  // namespace convshape
