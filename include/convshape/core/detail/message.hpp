// convshape: a fixed-capacity message buffer, usable in constant evaluation.
#pragma once

#include <cstddef>
#include <cstdint>

#include "host_device.hpp"

namespace convshape::detail {

/// Writes `v` in decimal at text[length], as far as `capacity` leaves room
/// for the final '\0', and advances `length`.
CONVSHAPE_HOST_DEVICE constexpr void append_decimal(char* text, std::size_t& length, std::size_t capacity,
                                                    std::int64_t v) noexcept {
  char digits[20]{};
  int count = 0;
  // Work on the negative magnitude: -INT64_MIN does not exist.
  std::int64_t rest = v < 0 ? v : -v;
  do {
    digits[count++] = static_cast<char>('0' - rest % 10);
    rest /= 10;
  } while (rest != 0);
  if (v < 0 && length + 1 < capacity) text[length++] = '-';
  while (count > 0 && length + 1 < capacity) text[length++] = digits[--count];
}

// Error messages are built without <string> so that the core headers stay
// cheap to include and work without a heap (embedded, device code).
struct message_buffer {
  static constexpr std::size_t capacity = 256;
  char text[capacity]{};
  std::size_t length = 0;

  CONVSHAPE_HOST_DEVICE constexpr message_buffer& operator<<(const char* s) noexcept {
    while (*s != '\0' && length + 1 < capacity) text[length++] = *s++;
    return *this;
  }
  CONVSHAPE_HOST_DEVICE constexpr message_buffer& operator<<(std::int64_t v) noexcept {
    append_decimal(text, length, capacity, v);
    return *this;
  }
};

}  // namespace convshape::detail
