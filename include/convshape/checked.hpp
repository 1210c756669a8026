// convshape: the checked spellings, whose compile errors show the message
// that a shape_error would carry, values included.
//
//   constexpr auto y = cs::ok<cs::try_conv(x, {.filters = 8, .kernel = 7})>;
//   constexpr auto net = cs::ok<make_net>;   // make_net builds with cs::defer_errors
//   static_assert(cs::expect_eq<y, cs::nchw(1, 8, 1, 1)>);
//
// A compile error can show a value only when the failing computation is a
// constant that a template argument or a static_assert sees: the checked
// spellings take the whole computation as a template argument, where today's
// spellings stop in the middle of it. This header is included directly by
// <convshape/convshape.hpp>, so that the compilers' lines of include context
// before the message stay few.
#pragma once

#include <cstddef>

#include "core/detail/message.hpp"
#include "core/error.hpp"
#include "network/network.hpp"

namespace convshape {

namespace detail {

/// A message as a template argument, in the form each compiler prints in
/// full: g++ prints a char array as a string literal; clang++ 19 prints one
/// as a string only up to about 30 characters, so there the text is cut into
/// lines of 29, each ended by a '\0' (a line with a '\0' inside would print
/// as numbers, so the last one is padded with spaces).
#if defined(__clang__)
struct compile_message {
  static constexpr std::size_t width = 29;
  struct line {
    char text[width + 1];
  };
  line lines[(message_buffer::capacity + width - 1) / width];

  constexpr explicit compile_message(const message_buffer& buffer) : lines{} {
    const std::size_t used = (buffer.length + width - 1) / width * width;
    for (std::size_t i = 0; i < used; ++i) lines[i / width].text[i % width] = i < buffer.length ? buffer.text[i] : ' ';
  }
};
#else
struct compile_message {
  char text[message_buffer::capacity];

  constexpr explicit compile_message(const message_buffer& buffer) : text{} {
    for (std::size_t i = 0; i < buffer.length; ++i) text[i] = buffer.text[i];
  }
};
#endif

/// A message_buffer as C++26 static_assert reads a message: size() and data().
struct message_text {
  const message_buffer& message;
  constexpr std::size_t size() const noexcept { return message.length; }
  constexpr const char* data() const noexcept { return message.text; }
};

/// False: the rule a checked spelling found broken, named in the failing
/// static_assert so that the compilers print it with the message.
template <auto Rule>
inline constexpr bool holds = false;
}  // namespace detail

/// The compile error of a checked spelling: its arguments are the rule that
/// failed (the function of convshape::compile_error that today's spelling
/// calls) and the message. clang++ reports the instantiation of an undefined
/// template on the line of the error, g++ the instantiation of a class on the
/// first line of its trace: each compiler is given the form it shows first.
#if defined(__clang__)
template <void (*Rule)() noexcept, detail::compile_message Message>
struct invalid;
#else
template <void (*Rule)() noexcept, detail::compile_message Message>
struct invalid {
  static_assert(detail::holds<Message>, "convshape: invalid: the message is the compile_message above");
};
#endif

namespace detail {

template <class T>
constexpr const T& value_of(const result<T>& r) noexcept {
  return r.value_;
}
template <layout L, std::size_t Capacity, framework F>
constexpr const network<L, Capacity, F>& value_of(const network<L, Capacity, F>& net) noexcept {
  return net;
}

/// Stops compilation with `Error`'s message if it is an error, naming
/// `Rule`, the compile_error function of its code unless given: a class
/// that is complete only if it passes, so that the compilers report the
/// failure once, with no follow-up on what uses it.
template <const error_info& Error, void (*Rule)() noexcept = compile_error_of(Error.code),
          bool Failed = static_cast<bool>(Error)>
struct stop_if_failed {};
template <const error_info& Error, void (*Rule)() noexcept>
struct stop_if_failed<Error, Rule, true> {
#if defined(__cpp_static_assert) && __cpp_static_assert >= 202306L
  static_assert(holds<Rule>, message_text{Error.message});
#else
  static_assert(sizeof(invalid<Rule, compile_message(Error.message)>) != 0);
#endif
};

/// What a checked spelling computes, as a constant that a template argument
/// can refer to: `Computed` itself, or what it returns.
template <auto Computed>
inline constexpr auto computed = [] {
  if constexpr (requires { Computed(); }) {
    return Computed();
  } else {
    return Computed;
  }
}();
template <auto Computed>
inline constexpr error_info error_of = computed<Computed>.error();

/// The check and the value apart: a compiler that has reported the check
/// would otherwise report every use of the value again.
template <auto Computed>
struct checked {
  static_assert(sizeof(stop_if_failed<error_of<Computed>>) != 0);
  static constexpr auto value = value_of(computed<Computed>);
};

template <auto Got, auto Expected>
consteval error_info expectation() noexcept {
  error_info e;
  if (!(Got == Expected)) {
    e.code = errc::shapes_differ;  // any code but none: the compile error names no rule
    e.message << "expected " << Expected << ", got " << Got;
  }
  return e;
}
template <auto Got, auto Expected>
inline constexpr error_info expectation_error = expectation<Got, Expected>();

template <auto Got, auto Expected>
inline constexpr bool expected = sizeof(stop_if_failed<expectation_error<Got, Expected>, nullptr>) != 0;

}  // namespace detail

/// The value of a computation that must succeed, or a compile error whose
/// message is its error_info's: `Computed` is a result (the `try_` functions)
/// or a function without arguments that returns a result or a network that
/// defers its errors (cs::defer_errors).
template <auto Computed>
inline constexpr auto ok = detail::checked<Computed>::value;

/// True if `Got == Expected`; otherwise a compile error saying
/// "expected EXPECTED, got GOT" with both values, which static_assert(a == b)
/// does not show.
template <auto Got, auto Expected>
  requires requires(detail::message_buffer out) { out << Got << Expected; }
inline constexpr bool expect_eq = detail::expected<Got, Expected>;

}  // namespace convshape
