#include "error.hpp"

#include <cstddef>
#include <cstdio>

namespace convshape::cli::onnx {

std::string printable(std::string_view name) {
  constexpr std::size_t shown = 100;
  std::string out;
  for (const char c : name.substr(0, shown)) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x7f && c != '\\') {
      out += c;
    } else {
      char escaped[5];
      std::snprintf(escaped, sizeof escaped, "\\x%02x", static_cast<unsigned>(byte));
      out += escaped;
    }
  }
  if (name.size() > shown) out += "...";
  return out;
}

std::string quote_name(std::string_view name) { return std::string("'").append(printable(name)).append("'"); }

std::string real_text(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.9g", value);
  return text;
}

std::string listed(std::span<const std::int64_t> values) {
  constexpr std::size_t shown = 16;
  std::string out = "[";
  for (std::size_t i = 0; i < values.size() && i < shown; ++i) out.append(i ? ", " : "").append(std::to_string(values[i]));
  if (values.size() > shown) out += ", ... (" + std::to_string(values.size()) + " entries)";
  return out + "]";
}

}  // namespace convshape::cli::onnx
