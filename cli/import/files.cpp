// convshape import: reading model files.
#include <cctype>
#include <fstream>
#include <iterator>
#include <string>

#include "readers.hpp"

namespace convshape::cli {

std::string read_file(const std::string& path, std::size_t limit) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw import_error(path + ": cannot be opened");
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size < 0) throw import_error(path + ": cannot be read");
  if (static_cast<std::uint64_t>(size) > limit)
    throw import_error(path + ": " + std::to_string(size) + " bytes, more than the " + std::to_string(limit) +
                       " a model file may have");
  in.seekg(0);
  std::string text(static_cast<std::size_t>(size), '\0');
  if (!in.read(text.data(), size)) throw import_error(path + ": cannot be read");
  return text;
}

std::string identifier_from(const std::string& path) {
  std::string stem = path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
  stem = stem.substr(0, stem.find('.'));
  std::string id;
  for (const char c : stem) id += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  if (id.empty() || std::isdigit(static_cast<unsigned char>(id[0]))) id = "model_" + id;
  return id;
}

}  // namespace convshape::cli
