// convshape command line, ONNX import: the one exception of cli/onnx/, and
// how its messages show the names and numbers that a model file holds.
#pragma once

#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

namespace convshape::cli::onnx {

/// A model that cannot be read, or a node that cannot be evaluated. The
/// message names the node (its name and op type), the attribute or input, and
/// the values at fault. Errors of read_model() start with the file's path.
class bad_model : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A name from the file made safe for one line of a terminal: bytes outside
/// printable ASCII (and the backslash) as \xNN, and cut after 100 characters
/// with "..." (a hostile file's names can be anything, of any length).
std::string printable(std::string_view name);

/// printable(name) in single quotes.
std::string quote_name(std::string_view name);

/// A real number as "%.9g" writes it: enough digits for a float, none padded.
std::string real_text(double value);

/// A list of integers as [1, 2, 3], cut after 16 entries ("... (1000 entries)").
std::string listed(std::span<const std::int64_t> values);

}  // namespace convshape::cli::onnx
