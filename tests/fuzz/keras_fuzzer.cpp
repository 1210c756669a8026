// libFuzzer target: arbitrary bytes as a Keras model file, read and then
// built by the library, as `convshape summary` does. A model that cannot be
// imported must say so with import_error; anything else (a crash, a
// sanitizer report, another exception) is a finding.
#include <cstddef>
#include <cstdint>
#include <string>

#include "import/readers.hpp"
#include "import/report.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    convshape::cli::import_options options;
    options.batch = 2;
    (void)convshape::cli::check(convshape::cli::keras_model(text, "fuzz.json", options));
  } catch (const convshape::cli::import_error&) {
  }
  return 0;
}
