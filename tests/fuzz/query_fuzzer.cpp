// libFuzzer target: arbitrary bytes as one line of `convshape query`
// (cli/request.cpp's answer_line, compiled into this target so that it is
// instrumented too).
//
// The answer must be one line, parse as JSON, and be an object with exactly
// one key: "error", a non-empty string, or "output", the output shape, an
// array of rank 3 to 5 of integers at least 1 (../shared/spec/shape-query.md).
// When the request itself is a JSON object with a known layout, the output's
// rank must be that layout's.
#include "request.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace {

using json = nlohmann::json;

[[noreturn]] void fail(std::string_view line, const std::string& answer, const char* what) {
  std::fprintf(stderr, "\nconvshape_fuzz_query: FINDING: %s\n  line (%zu bytes): %.*s\n  answer: %s\n", what,
               line.size(), static_cast<int>(line.size() > 2000 ? 2000 : line.size()), line.data(), answer.c_str());
  std::fflush(stderr);
  __builtin_trap();
}

/// The rank the request's layout asks for, or 0 if the line does not name one.
std::size_t requested_rank(std::string_view line) {
  const json request = json::parse(line, nullptr, false);
  if (!request.is_object()) return 0;
  const auto layout = request.find("layout");
  if (layout == request.end() || !layout->is_string()) return 0;
  try {
    return convshape::spatial_rank(convshape::cli::layout_from(layout->get<std::string>())) + 2;
  } catch (const convshape::cli::bad_request&) {
    return 0;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view line(reinterpret_cast<const char*>(data), size);
  const std::string answer = convshape::cli::answer_line(line);

  if (answer.find('\n') != std::string::npos || answer.find('\r') != std::string::npos)
    fail(line, answer, "the answer is not a single line");
  json parsed;
  try {
    parsed = json::parse(answer);
  } catch (const json::exception&) {
    fail(line, answer, "the answer is not valid JSON");
  }
  if (!parsed.is_object() || parsed.size() != 1) fail(line, answer, "the answer is not an object with one key");

  if (const auto error = parsed.find("error"); error != parsed.end()) {
    if (!error->is_string() || error->get<std::string>().empty())
      fail(line, answer, "\"error\" is not a non-empty string");
    return 0;
  }
  const auto output = parsed.find("output");
  if (output == parsed.end()) fail(line, answer, "the answer has neither \"error\" nor \"output\"");
  if (!output->is_array() || output->size() < 3 || output->size() > 5)
    fail(line, answer, "\"output\" is not an array of 3 to 5 extents");
  for (const json& extent : *output)
    if (!extent.is_number_integer() || extent.get<std::int64_t>() < 1)
      fail(line, answer, "\"output\" has an extent that is not an integer at least 1");
  // An output means the line was a well-formed request, layout included.
  if (output->size() != requested_rank(line)) fail(line, answer, "\"output\" does not have the layout's rank");
  return 0;
}
