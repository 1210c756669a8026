// convshape: what goes wrong, and how it is reported.
#pragma once

#include <cstddef>  // names the standard library, for the test below

// std::exception alone. <exception> adds exception_ptr, nested_exception and
// <new>/<typeinfo>, which convshape never uses and every includer would parse;
// libstdc++ declares the class in a header of its own, used where it exists.
#if defined(__GLIBCXX__) && defined(__has_include)
#if __has_include(<bits/exception.h>)
#include <bits/exception.h>
#define CONVSHAPE_HAS_EXCEPTION_CLASS
#endif
#endif
#ifndef CONVSHAPE_HAS_EXCEPTION_CLASS
#include <exception>
#endif
#undef CONVSHAPE_HAS_EXCEPTION_CLASS

#include "detail/host_device.hpp"
#include "detail/message.hpp"

#if !defined(__cpp_exceptions) && !defined(__EXCEPTIONS)
#include <cstdlib>
#endif

namespace convshape {

/// Every way a layer configuration can be invalid.
enum class errc : unsigned char {
  none,
  extent_below_one,
  filters_below_one,
  kernel_below_one,
  stride_below_one,
  dilation_below_one,
  groups_below_one,
  groups_do_not_divide_channels,
  groups_do_not_divide_filters,
  negative_pad,
  pad_not_smaller_than_window,
  causal_needs_1d_conv,
  kernel_exceeds_padded_input,
  empty_output,
  output_padding_too_large,
  overflow,
  not_supported,  ///< well defined, but the chosen framework rejects it
  // Composing layers into networks:
  units_below_one,
  scale_below_one,
  shapes_differ,        ///< add, concat, crop, dense's in_features: the extents that must agree do not
  wrong_rank,           ///< a spatial layer after flatten, or a dense layer before it
  capacity_exceeded,    ///< more layers than the network was declared to hold
  no_solution,          ///< an inverse solver's target cannot be reached
  no_such_layer,        ///< a network has no layer of that name
};

/// An error code with a message that names the layer, the parameter, the
/// spatial dimension and the values involved.
struct error_info {
  errc code = errc::none;
  detail::message_buffer message{};

  CONVSHAPE_HOST_DEVICE constexpr const char* what() const noexcept { return message.text; }
  /// True when this is an error: `if (auto e = check(...)) return e;`
  CONVSHAPE_HOST_DEVICE constexpr explicit operator bool() const noexcept { return code != errc::none; }
};

/// Thrown by the throwing API at run time.
class shape_error : public std::exception {
 public:
  explicit shape_error(const error_info& info) noexcept : info_(info) {}
  const char* what() const noexcept override { return info_.what(); }
  errc code() const noexcept { return info_.code; }
  const error_info& info() const noexcept { return info_; }

 private:
  error_info info_;
};

/// The names of these functions are the compile-time error messages: in
/// constant evaluation, calling a function that is not constexpr stops
/// compilation, and both g++ and clang++ print the called function's name.
/// They are never called at run time.
namespace compile_error {
CONVSHAPE_HOST_DEVICE inline void input_extent_must_be_at_least_1() noexcept {}
CONVSHAPE_HOST_DEVICE inline void filters_must_be_at_least_1() noexcept {}
CONVSHAPE_HOST_DEVICE inline void kernel_must_be_at_least_1() noexcept {}
CONVSHAPE_HOST_DEVICE inline void stride_must_be_at_least_1() noexcept {}
CONVSHAPE_HOST_DEVICE inline void dilation_must_be_at_least_1() noexcept {}
CONVSHAPE_HOST_DEVICE inline void groups_must_be_at_least_1() noexcept {}
CONVSHAPE_HOST_DEVICE inline void groups_must_divide_input_channels() noexcept {}
CONVSHAPE_HOST_DEVICE inline void groups_must_divide_filters() noexcept {}
CONVSHAPE_HOST_DEVICE inline void pad_must_not_be_negative() noexcept {}
CONVSHAPE_HOST_DEVICE inline void pad_must_be_smaller_than_effective_window() noexcept {}
CONVSHAPE_HOST_DEVICE inline void causal_padding_needs_1d_convolution() noexcept {}
CONVSHAPE_HOST_DEVICE inline void effective_kernel_exceeds_padded_input() noexcept {}
CONVSHAPE_HOST_DEVICE inline void output_would_be_empty() noexcept {}
CONVSHAPE_HOST_DEVICE inline void output_padding_must_be_smaller_than_stride_or_dilation() noexcept {}
CONVSHAPE_HOST_DEVICE inline void result_overflows_int64() noexcept {}
CONVSHAPE_HOST_DEVICE inline void the_chosen_framework_rejects_this_configuration() noexcept {}
CONVSHAPE_HOST_DEVICE inline void units_must_be_at_least_1() noexcept {}
CONVSHAPE_HOST_DEVICE inline void scale_must_be_at_least_1() noexcept {}
CONVSHAPE_HOST_DEVICE inline void shapes_must_match() noexcept {}
CONVSHAPE_HOST_DEVICE inline void layer_needs_an_input_of_another_rank() noexcept {}
CONVSHAPE_HOST_DEVICE inline void network_capacity_exceeded() noexcept {}
CONVSHAPE_HOST_DEVICE inline void no_parameter_reaches_the_target() noexcept {}
CONVSHAPE_HOST_DEVICE inline void no_layer_has_this_name() noexcept {}
}  // namespace compile_error

namespace detail {

[[noreturn]] inline void throw_shape_error(const error_info& info) {
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
  throw shape_error(info);
#else
  (void)info;
  std::abort();  // built without exceptions: use the try_ functions instead
#endif
}

CONVSHAPE_HOST_DEVICE constexpr void fail_compilation(errc code) noexcept {
  switch (code) {
    case errc::none: return;
    case errc::extent_below_one: compile_error::input_extent_must_be_at_least_1(); return;
    case errc::filters_below_one: compile_error::filters_must_be_at_least_1(); return;
    case errc::kernel_below_one: compile_error::kernel_must_be_at_least_1(); return;
    case errc::stride_below_one: compile_error::stride_must_be_at_least_1(); return;
    case errc::dilation_below_one: compile_error::dilation_must_be_at_least_1(); return;
    case errc::groups_below_one: compile_error::groups_must_be_at_least_1(); return;
    case errc::groups_do_not_divide_channels: compile_error::groups_must_divide_input_channels(); return;
    case errc::groups_do_not_divide_filters: compile_error::groups_must_divide_filters(); return;
    case errc::negative_pad: compile_error::pad_must_not_be_negative(); return;
    case errc::pad_not_smaller_than_window: compile_error::pad_must_be_smaller_than_effective_window(); return;
    case errc::causal_needs_1d_conv: compile_error::causal_padding_needs_1d_convolution(); return;
    case errc::kernel_exceeds_padded_input: compile_error::effective_kernel_exceeds_padded_input(); return;
    case errc::empty_output: compile_error::output_would_be_empty(); return;
    case errc::output_padding_too_large:
      compile_error::output_padding_must_be_smaller_than_stride_or_dilation();
      return;
    case errc::overflow: compile_error::result_overflows_int64(); return;
    case errc::not_supported: compile_error::the_chosen_framework_rejects_this_configuration(); return;
    case errc::units_below_one: compile_error::units_must_be_at_least_1(); return;
    case errc::scale_below_one: compile_error::scale_must_be_at_least_1(); return;
    case errc::shapes_differ: compile_error::shapes_must_match(); return;
    case errc::wrong_rank: compile_error::layer_needs_an_input_of_another_rank(); return;
    case errc::capacity_exceeded: compile_error::network_capacity_exceeded(); return;
    case errc::no_solution: compile_error::no_parameter_reaches_the_target(); return;
    case errc::no_such_layer: compile_error::no_layer_has_this_name(); return;
  }
}

/// A compile error in constant evaluation, a shape_error at run time; in
/// CUDA device code, which has no exceptions, a trap that ends the kernel.
CONVSHAPE_HOST_DEVICE constexpr void raise(const error_info& info) {
  if (__builtin_is_constant_evaluated()) {
    fail_compilation(info.code);
  } else {
#if defined(__CUDA_ARCH__)
    __trap();
#else
    throw_shape_error(info);
#endif
  }
}

}  // namespace detail

/// A value or the error that prevented it: the non-throwing API, for code
/// built without exceptions. (std::expected is C++23.)
template <class T>
class result {
 public:
  CONVSHAPE_HOST_DEVICE constexpr result(const T& value) noexcept : value_(value) {}  // NOLINT: implicit by design
  CONVSHAPE_HOST_DEVICE constexpr result(const error_info& error) noexcept : error_(error) {}  // NOLINT

  CONVSHAPE_HOST_DEVICE constexpr bool has_value() const noexcept { return error_.code == errc::none; }
  CONVSHAPE_HOST_DEVICE constexpr explicit operator bool() const noexcept { return has_value(); }

  /// The value; raises the error (compile error or shape_error) if there is none.
  CONVSHAPE_HOST_DEVICE constexpr const T& value() const {
    if (!has_value()) detail::raise(error_);
    return value_;
  }
  CONVSHAPE_HOST_DEVICE constexpr const T& operator*() const { return value(); }
  CONVSHAPE_HOST_DEVICE constexpr const T* operator->() const { return &value(); }
  CONVSHAPE_HOST_DEVICE constexpr const error_info& error() const noexcept { return error_; }

 private:
  T value_{};
  error_info error_{};
};

}  // namespace convshape
