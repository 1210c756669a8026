// libFuzzer target: arbitrary bytes as one line of `convshape query`
// (cli/request.cpp's answer_line, compiled into this target so that it is
// instrumented too).
//
// The answer must be one line, parse as JSON, and be an object with exactly
// one key: "error", a non-empty string, or "output", the output shape, an
// array of rank 3 to 5 of integers at least 1 (../shared/spec/shape-query.md).
// When the request itself is a JSON object with a known layout, the output's
// rank must be that layout's. An output means every key of the request is one
// of the protocol's, none repeated. And a request that writes a value in a
// short form (one integer for a per-dimension key or for every pad, one pad
// per dimension, a mode in capitals) is answered as the same request in the
// long form: the same output, or an error for both.
#include "request.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
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

/// The line as a JSON object, and whether its keys are all the protocol's,
/// none repeated (json keeps one value of a repeated key).
struct parsed_request {
  json object;  // discarded unless the line is a JSON object
  bool keys_known = true;
};

parsed_request parse(std::string_view line) {
  parsed_request r;
  std::size_t keys = 0;
  r.object = json::parse(
      line,
      [&](int depth, json::parse_event_t event, json& key) {
        if (depth == 1 && event == json::parse_event_t::key) {
          ++keys;
          r.keys_known &= std::ranges::find(convshape::cli::request_keys, key.get<std::string>()) !=
                          convshape::cli::request_keys.end();
        }
        return true;
      },
      false);
  r.keys_known &= r.object.is_object() && r.object.size() == keys;
  return r;
}

/// The spatial rank the request's layout asks for, or 0 if it names none.
std::size_t spatial_rank_of(const json& request) {
  if (!request.is_object()) return 0;
  const auto layout = request.find("layout");
  if (layout == request.end() || !layout->is_string()) return 0;
  try {
    return convshape::spatial_rank(convshape::cli::layout_from(layout->get<std::string>()));
  } catch (const convshape::cli::bad_request&) {
    return 0;
  }
}

/// The request with every short form written out long, as the protocol
/// defines them: `n` entries for one integer, 2n pads (begins, then ends) for
/// one integer or n pads, a mode in lower case.
json long_form(json request, std::size_t n) {
  for (const char* key : {"kernel", "strides", "dilation", "output_padding"})
    if (request.contains(key) && request[key].is_number_integer()) request[key] = json(n, request[key]);
  if (!request.contains("padding")) return request;
  json& padding = request["padding"];
  if (padding.is_number_integer()) {
    padding = json(2 * n, padding);
  } else if (padding.is_array() && padding.size() == n) {
    const json ends = padding;
    padding.insert(padding.end(), ends.begin(), ends.end());
  } else if (padding.is_string()) {
    for (char& c : padding.get_ref<std::string&>()) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return request;
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

  const parsed_request request = parse(line);
  const std::size_t n = spatial_rank_of(request.object);
  // A well-formed request with keys of its own answers as its long form.
  if (request.keys_known && n > 0) {
    const json long_request = long_form(request.object, n);
    if (long_request != request.object) {
      const json long_answer = json::parse(convshape::cli::answer_line(long_request.dump()));
      if (parsed.contains("output") ? long_answer != parsed : !long_answer.contains("error"))
        fail(line, answer + "\n  long form: " + long_request.dump() + "\n  its answer: " + long_answer.dump(),
             "a short form is not answered as its long form");
    }
  }

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
  // An output means the line was a well-formed request, layout and keys included.
  if (output->size() != n + 2) fail(line, answer, "\"output\" does not have the layout's rank");
  if (!request.keys_known) fail(line, answer, "a request with an unknown or repeated key has an output");
  return 0;
}
