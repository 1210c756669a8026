// convshape: {fmt} formatters (fmt 9). Opt-in, and the only header
// that includes fmt, so the core stays free of it; link fmt::fmt.
//
//   fmt::format("{}", convshape::nhwc(4, 14, 14, 16))   // NHWC(4, 14, 14, 16)
//
// Every type prints the way it reads in the frameworks or in C++ code:
//
//   layout            NHWC                    (its name)
//   padding_mode      same                    (its name)
//   per_dim<N>        (3, 5)                  a tuple even when all entries are equal, and "(3)" in 1-D
//   padding<N>        valid, same, same_lower, causal: the mode's name
//                     (1, 2)                  explicit pads equal at both ends of each dim, as a per_dim
//                     pads((1, 0), (2, 1))    other explicit pads: begin, then end, as cs::pads() takes them
//   pool_strides<N>   window                  (the default, strides = window), else a per_dim
//   shape<L>          NHWC(4, 14, 14, 16)     layout name, then the extents in memory order
//   conv_params, conv_transpose_params, max_pool_params, avg_pool_params:
//                     conv(filters=16, kernel=(5, 5), strides=(2, 2), padding=same, dilation=(1, 1), groups=1, bias=true)
//                     every field in declaration order, so the text shows the defaults too
//   crop_params, resize_params, channel_shuffle_params, channel_slice_params, affine_params:
//                     crop(begin=(2, 4), end=(2, 4)), channel_slice(begin=0, end=58)
//                     every field, as the conv family's
//   layer_plan<N>     layer_plan(channels=16, output=(14, 14), pads=pads((1, 1), (2, 2)))
//   errc              kernel_exceeds_padded_input   (the enumerator's name)
//   error_info        its message
//
// Each takes the format spec of a string, so fill, alignment and width
// apply to the whole text: fmt::format("{:<24}", shape) lines up tables.
#pragma once

#include <cstddef>
#include <cstdint>

#include <fmt/format.h>

#include "../core/error.hpp"
#include "../core/layout.hpp"
#include "../core/padding.hpp"
#include "../core/per_dim.hpp"
#include "../core/shape.hpp"
#include "../frameworks/framework.hpp"
#include "../layers/channel.hpp"
#include "../layers/conv.hpp"
#include "../layers/conv_transpose.hpp"
#include "../layers/crop.hpp"
#include "../layers/elementwise.hpp"
#include "../layers/plan.hpp"
#include "../layers/pool.hpp"
#include "../layers/resize.hpp"

namespace convshape::detail {

#define CONVSHAPE_ERRC_NAME(code, compile_error_name) #code,

/// The enumerator's name, from the error catalogue; "?" for a code outside
/// it, which only a cast makes.
constexpr const char* errc_name(errc code) noexcept {
  constexpr const char* names[] = {"none", CONVSHAPE_ERRC_CATALOGUE(CONVSHAPE_ERRC_NAME)};
  const auto index = static_cast<std::size_t>(code);
  return index < sizeof names / sizeof names[0] ? names[index] : "?";
}

#undef CONVSHAPE_ERRC_NAME

// The text of each type. The composite ones format their fields with "{}",
// reusing the formatters below (found when the templates are instantiated).
using fmt_out = fmt::appender;

inline fmt_out write_text(fmt_out out, layout l) { return fmt::format_to(out, "{}", name(l)); }
inline fmt_out write_text(fmt_out out, padding_mode m) { return fmt::format_to(out, "{}", name(m)); }
inline fmt_out write_text(fmt_out out, framework f) { return fmt::format_to(out, "{}", name(f)); }
inline fmt_out write_text(fmt_out out, errc code) { return fmt::format_to(out, "{}", errc_name(code)); }
inline fmt_out write_text(fmt_out out, const error_info& e) {
  return fmt::format_to(out, "{}", fmt::string_view(e.message.text, e.message.length));
}

// The one writer of per-dimension values; everything else goes through it.
template <std::size_t N>
fmt_out write_text(fmt_out out, const per_dim<N>& v) {
  return fmt::format_to(out, "({})", fmt::join(v.values, ", "));
}

template <std::size_t N>
fmt_out write_text(fmt_out out, const padding<N>& p) {
  if (p.mode != padding_mode::explicit_pads) return write_text(out, p.mode);
  if (p.begin == p.end) return write_text(out, p.begin);
  return fmt::format_to(out, "pads({}, {})", p.begin, p.end);
}

template <std::size_t N>
fmt_out write_text(fmt_out out, const pool_strides<N>& s) {
  return s.same_as_window ? fmt::format_to(out, "window") : write_text(out, s.values);
}

template <layout L>
fmt_out write_text(fmt_out out, const shape<L>& s) {
  out = fmt::format_to(out, "{}({}", name(L), s[0]);
  for (std::size_t i = 1; i < s.rank(); ++i) out = fmt::format_to(out, ", {}", s[i]);
  return fmt::format_to(out, ")");
}

template <std::size_t N>
fmt_out write_text(fmt_out out, const conv_params<N>& p) {
  return fmt::format_to(out, "conv(filters={}, kernel={}, strides={}, padding={}, dilation={}, groups={}, bias={})",
                        p.filters, p.kernel, p.strides, p.padding, p.dilation, p.groups, p.bias);
}

template <std::size_t N>
fmt_out write_text(fmt_out out, const conv_transpose_params<N>& p) {
  return fmt::format_to(out,
                        "conv_transpose(filters={}, kernel={}, strides={}, padding={}, output_padding={}, "
                        "dilation={}, groups={}, bias={})",
                        p.filters, p.kernel, p.strides, p.padding, p.output_padding, p.dilation, p.groups, p.bias);
}

template <std::size_t N>
fmt_out write_text(fmt_out out, const max_pool_params<N>& p) {
  return fmt::format_to(out, "max_pool(window={}, strides={}, padding={}, dilation={}, ceil_mode={})", p.window,
                        p.strides, p.padding, p.dilation, p.ceil_mode);
}

template <std::size_t N>
fmt_out write_text(fmt_out out, const avg_pool_params<N>& p) {
  return fmt::format_to(out, "avg_pool(window={}, strides={}, padding={}, ceil_mode={})", p.window, p.strides,
                        p.padding, p.ceil_mode);
}

template <std::size_t N>
fmt_out write_text(fmt_out out, const crop_params<N>& p) {
  return fmt::format_to(out, "crop(begin={}, end={})", p.begin, p.end);
}

template <std::size_t N>
fmt_out write_text(fmt_out out, const resize_params<N>& p) {
  return fmt::format_to(out, "resize(size={})", p.size);
}

inline fmt_out write_text(fmt_out out, const channel_shuffle_params& p) {
  return fmt::format_to(out, "channel_shuffle(groups={})", p.groups);
}

inline fmt_out write_text(fmt_out out, const channel_slice_params& p) {
  return fmt::format_to(out, "channel_slice(begin={}, end={})", p.begin, p.end);
}

inline fmt_out write_text(fmt_out out, const affine_params& p) {
  return fmt::format_to(out, "affine(scale={}, shift={})", p.scale, p.shift);
}

template <std::size_t N>
fmt_out write_text(fmt_out out, const layer_plan<N>& p) {
  return fmt::format_to(out, "layer_plan(channels={}, output={}, pads={})", p.channels, p.output, p.pads);
}

/// Writes the text into a buffer first and hands it to the string formatter,
/// which parses the spec, so width and alignment measure the whole text
/// rather than its first field.
template <class T>
struct text_formatter : fmt::formatter<fmt::string_view> {
  template <class FormatContext>
  auto format(const T& value, FormatContext& ctx) const -> decltype(ctx.out()) {
    fmt::memory_buffer text;
    write_text(fmt::appender(text), value);
    return fmt::formatter<fmt::string_view>::format(fmt::string_view(text.data(), text.size()), ctx);
  }
};

}  // namespace convshape::detail

template <>
struct fmt::formatter<convshape::layout> : convshape::detail::text_formatter<convshape::layout> {};
template <>
struct fmt::formatter<convshape::padding_mode> : convshape::detail::text_formatter<convshape::padding_mode> {};
template <>
struct fmt::formatter<convshape::framework> : convshape::detail::text_formatter<convshape::framework> {};
template <>
struct fmt::formatter<convshape::errc> : convshape::detail::text_formatter<convshape::errc> {};
template <>
struct fmt::formatter<convshape::error_info> : convshape::detail::text_formatter<convshape::error_info> {};
template <std::size_t N>
struct fmt::formatter<convshape::per_dim<N>> : convshape::detail::text_formatter<convshape::per_dim<N>> {};
template <std::size_t N>
struct fmt::formatter<convshape::padding<N>> : convshape::detail::text_formatter<convshape::padding<N>> {};
template <std::size_t N>
struct fmt::formatter<convshape::pool_strides<N>> : convshape::detail::text_formatter<convshape::pool_strides<N>> {};
template <convshape::layout L>
struct fmt::formatter<convshape::shape<L>> : convshape::detail::text_formatter<convshape::shape<L>> {};
template <std::size_t N>
struct fmt::formatter<convshape::conv_params<N>> : convshape::detail::text_formatter<convshape::conv_params<N>> {};
template <std::size_t N>
struct fmt::formatter<convshape::conv_transpose_params<N>>
    : convshape::detail::text_formatter<convshape::conv_transpose_params<N>> {};
template <std::size_t N>
struct fmt::formatter<convshape::max_pool_params<N>> : convshape::detail::text_formatter<convshape::max_pool_params<N>> {};
template <std::size_t N>
struct fmt::formatter<convshape::avg_pool_params<N>> : convshape::detail::text_formatter<convshape::avg_pool_params<N>> {};
template <std::size_t N>
struct fmt::formatter<convshape::crop_params<N>> : convshape::detail::text_formatter<convshape::crop_params<N>> {};
template <std::size_t N>
struct fmt::formatter<convshape::resize_params<N>> : convshape::detail::text_formatter<convshape::resize_params<N>> {};
template <>
struct fmt::formatter<convshape::channel_shuffle_params>
    : convshape::detail::text_formatter<convshape::channel_shuffle_params> {};
template <>
struct fmt::formatter<convshape::channel_slice_params>
    : convshape::detail::text_formatter<convshape::channel_slice_params> {};
template <>
struct fmt::formatter<convshape::affine_params> : convshape::detail::text_formatter<convshape::affine_params> {};
template <std::size_t N>
struct fmt::formatter<convshape::layer_plan<N>> : convshape::detail::text_formatter<convshape::layer_plan<N>> {};
