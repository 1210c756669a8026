// convshape reference: a minimal owning tensor and filter, for the naive kernels.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "../core/shape.hpp"

namespace convshape::reference {

/// Why a reference kernel refused a configuration.
class rejected : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

namespace detail {

/// Throws `rejected`; built without exceptions, aborts, as the core's
/// throwing API does.
[[noreturn]] inline void reject(const std::string& why) {
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
  throw rejected(why);
#else
  (void)why;
  std::abort();
#endif
}

}  // namespace detail

/// Visits every multi-index below `extents`, outermost dimension slowest.
template <std::size_t N, class F>
void for_each_index(const per_dim<N>& extents, F&& f) {
  for (std::size_t i = 0; i < N; ++i)
    if (extents[i] <= 0) return;
  per_dim<N> at{};
  while (true) {
    f(static_cast<const per_dim<N>&>(at));
    std::size_t i = N;
    while (i > 0 && ++at[i - 1] == extents[i - 1]) at[--i] = 0;
    if (i == 0) return;
  }
}

/// A dense tensor in layout L: its shape and its elements, contiguous in
/// memory order.
template <class T, layout L>
class tensor {
 public:
  static constexpr std::size_t spatial_rank = convshape::spatial_rank(L);
  using shape_type = convshape::shape<L>;

  explicit tensor(const shape_type& extents, T initial = T{})
      : shape_(extents), data_(static_cast<std::size_t>(extents.element_count()), initial) {}

  const shape_type& dims() const noexcept { return shape_; }
  std::span<T> data() noexcept { return data_; }
  std::span<const T> data() const noexcept { return data_; }

  /// Element (n, c, position) whatever the layout.
  T& at(std::int64_t n, std::int64_t c, const per_dim<spatial_rank>& pos) noexcept {
    return data_[offset(n, c, pos)];
  }
  const T& at(std::int64_t n, std::int64_t c, const per_dim<spatial_rank>& pos) const noexcept {
    return data_[offset(n, c, pos)];
  }

 private:
  std::size_t offset(std::int64_t n, std::int64_t c, const per_dim<spatial_rank>& pos) const noexcept {
    std::int64_t i = n;
    if (!is_channels_last(L)) i = i * shape_.channels() + c;
    for (std::size_t d = 0; d < spatial_rank; ++d) i = i * shape_.spatial(d) + pos[d];
    if (is_channels_last(L)) i = i * shape_.channels() + c;
    return static_cast<std::size_t>(i);
  }

  shape_type shape_;
  std::vector<T> data_;
};

/// How the frameworks store filter weights. O: output channels, I: input
/// channels, spatial dimensions written HW whatever the rank.
enum class filter_layout : unsigned char {
  oihw,  ///< PyTorch convolution: (C_out, C_in / groups, *kernel)
  iohw,  ///< PyTorch transposed convolution: (C_in, C_out / groups, *kernel)
  hwio,  ///< TensorFlow convolution: (*kernel, C_in / groups, C_out)
  hwoi,  ///< TensorFlow transposed convolution: (*kernel, C_out / groups, C_in)
};

/// Filter weights: `outer` x `inner` channel pairs per kernel tap, where
/// (outer, inner) is (C_out, C_in / groups) for convolution and
/// (C_in, C_out / groups) for transposed convolution.
template <class T, std::size_t N>
class filter {
 public:
  filter(filter_layout layout, std::int64_t outer, std::int64_t inner, const per_dim<N>& kernel, T initial = T{})
      : layout_(layout), outer_(outer), inner_(inner), kernel_(kernel) {
    // Zero extents are allowed (the kernels then reject the layer, not the
    // filter); negative ones would wrap to a huge allocation.
    if (outer < 0 || inner < 0) detail::reject("reference filter: negative channel count");
    std::int64_t count = outer * inner;
    for (std::size_t d = 0; d < N; ++d) {
      if (kernel[d] < 0) detail::reject("reference filter: negative kernel extent");
      count *= kernel[d];
    }
    data_.assign(static_cast<std::size_t>(count), initial);
  }

  filter_layout layout() const noexcept { return layout_; }
  std::int64_t outer() const noexcept { return outer_; }
  std::int64_t inner() const noexcept { return inner_; }
  const per_dim<N>& kernel() const noexcept { return kernel_; }
  std::span<T> data() noexcept { return data_; }
  std::span<const T> data() const noexcept { return data_; }

  T& at(std::int64_t outer, std::int64_t inner, const per_dim<N>& tap) noexcept {
    return data_[offset(outer, inner, tap)];
  }
  const T& at(std::int64_t outer, std::int64_t inner, const per_dim<N>& tap) const noexcept {
    return data_[offset(outer, inner, tap)];
  }

 private:
  // oihw/iohw put the channel pair first; hwio puts (inner, outer) last and
  // hwoi (inner, outer) too: TF's transposed filter is (*k, C_out, C_in).
  std::size_t offset(std::int64_t outer, std::int64_t inner, const per_dim<N>& tap) const noexcept {
    std::int64_t i = 0;
    const bool channels_first = layout_ == filter_layout::oihw || layout_ == filter_layout::iohw;
    if (channels_first) i = outer * inner_ + inner;
    for (std::size_t d = 0; d < N; ++d) i = i * kernel_[d] + tap[d];
    if (!channels_first) i = (i * inner_ + inner) * outer_ + outer;
    return static_cast<std::size_t>(i);
  }

  filter_layout layout_;
  std::int64_t outer_, inner_;
  per_dim<N> kernel_;
  std::vector<T> data_;
};

}  // namespace convshape::reference
