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

/// The error catalogue: one row per way a configuration can be invalid,
/// X(code, compile-error name), in the order of the codes. The enum errc, the
/// compile error of each code (detail::compile_error_of) and the names fmt
/// prints (output/fmt.hpp) are all made from it, so none of them can miss a
/// code or disagree about the order. To read it, define a macro X(code,
/// compile_error_name) and expand CONVSHAPE_ERRC_CATALOGUE(X).
/// The compile_error functions are written out below, outside any macro: a
/// compiler that reports a call to a function points at its declaration, and
/// one inside a macro expansion would add notes about the macro to every
/// compile error.
#define CONVSHAPE_ERRC_CATALOGUE(X)                                                    \
  X(extent_below_one, input_extent_must_be_at_least_1)                                 \
  X(filters_below_one, filters_must_be_at_least_1)                                     \
  X(kernel_below_one, kernel_must_be_at_least_1)                                       \
  X(stride_below_one, stride_must_be_at_least_1)                                       \
  X(dilation_below_one, dilation_must_be_at_least_1)                                   \
  X(groups_below_one, groups_must_be_at_least_1)                                       \
  X(groups_do_not_divide_channels, groups_must_divide_input_channels)                  \
  X(groups_do_not_divide_filters, groups_must_divide_filters)                          \
  X(negative_pad, pad_must_not_be_negative)                                            \
  X(pad_not_smaller_than_window, pad_must_be_smaller_than_effective_window)            \
  X(causal_needs_1d_conv, causal_padding_needs_1d_convolution)                         \
  X(kernel_exceeds_padded_input, effective_kernel_exceeds_padded_input)                \
  X(empty_output, output_would_be_empty)                                               \
  X(output_padding_too_large, output_padding_must_be_smaller_than_stride_or_dilation)  \
  X(overflow, result_overflows_int64)                                                  \
  /* well defined, but the chosen framework rejects it */                              \
  X(not_supported, the_chosen_framework_rejects_this_configuration)                    \
  /* composing layers into networks: */                                                \
  X(units_below_one, units_must_be_at_least_1)                                         \
  X(scale_below_one, scale_must_be_at_least_1)                                         \
  /* add, multiply, concat, crop, dense's in_features: extents that must agree */      \
  X(shapes_differ, shapes_must_match)                                                  \
  /* a spatial layer after flatten, or a dense layer before it */                      \
  X(wrong_rank, layer_needs_an_input_of_another_rank)                                  \
  /* more layers than the network was declared to hold */                              \
  X(capacity_exceeded, network_capacity_exceeded)                                      \
  /* an inverse solver's target cannot be reached */                                   \
  X(no_solution, no_parameter_reaches_the_target)                                      \
  /* a network has no layer of that name */                                            \
  X(no_such_layer, no_layer_has_this_name)                                             \
  /* a slice of the channels reaching outside them */                                  \
  X(slice_out_of_range, slice_must_lie_within_the_input)

#define CONVSHAPE_ERRC_ENUMERATOR(code, compile_error_name) code,

/// Every way a layer configuration can be invalid: none, then the rows of
/// CONVSHAPE_ERRC_CATALOGUE.
enum class errc : unsigned char { none, CONVSHAPE_ERRC_CATALOGUE(CONVSHAPE_ERRC_ENUMERATOR) };

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
/// They are never called at run time. Each code's row of
/// CONVSHAPE_ERRC_CATALOGUE names its function here.
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
CONVSHAPE_HOST_DEVICE inline void slice_must_lie_within_the_input() noexcept {}
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

#define CONVSHAPE_ERRC_COMPILE_ERROR(code, compile_error_name) &compile_error::compile_error_name,

/// The compile_error function of `code`, from the catalogue; none for
/// errc::none, and none for a code outside the catalogue, which only a cast
/// makes. The array is local to the function because device code cannot
/// read a namespace-scope one.
CONVSHAPE_HOST_DEVICE constexpr auto compile_error_of(errc code) noexcept -> void (*)() noexcept {
  constexpr void (*functions[])() noexcept = {nullptr, CONVSHAPE_ERRC_CATALOGUE(CONVSHAPE_ERRC_COMPILE_ERROR)};
  const auto index = static_cast<std::size_t>(code);
  return index < sizeof functions / sizeof functions[0] ? functions[index] : nullptr;
}

/// Stops constant evaluation with the compile error of `code`. The call is
/// written here, not in a macro, so that the compilers' output shows this
/// line and no macro expansion.
CONVSHAPE_HOST_DEVICE constexpr void fail_compilation(errc code) noexcept {
  const auto fail = compile_error_of(code);
  if (fail != nullptr) fail();  // not constexpr: the compile error, which names the function
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

  // Public only so that a result is a structural type and can be a template
  // argument (cs::ok); use the members above.
  T value_{};
  error_info error_{};
};

}  // namespace convshape

#undef CONVSHAPE_ERRC_COMPILE_ERROR
#undef CONVSHAPE_ERRC_ENUMERATOR
