// convshape import: what the library says of an imported model.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "model.hpp"

namespace convshape::cli {

/// One record of the network the library built: the model's tensor, with
/// its shape and figures, and the C++ that makes and checks it.
struct record_report {
  std::string name;
  std::string kind;                 ///< the library's layer kind: "conv", "add", "input"...
  std::vector<std::int64_t> dims;   ///< memory order; (batch, features) when flat
  bool flat = false;
  std::int64_t params = 0, macs = 0;
  std::string receptive_field;      ///< "size /jump @start", or "-" where undefined
  std::string cpp_shape;            ///< "cs::nhwc(1, 64, 64, 8)", "cs::flat_shape{1, 10}"
  std::string cpp_step;             ///< "net(t3, cs::conv2d({...}, \"c1\"))"; empty for the input
  bool read_later = false;          ///< whether a later step reads it: its handle is then named
};

struct model_report {
  std::string name, source;
  std::string conventions;  ///< "keras", "onnx"
  std::string memory_layout;  ///< "NHWC"...
  std::string cpp_layout;     ///< "cs::layout::nhwc"
  std::string cpp_input;      ///< "cs::nhwc(1, 64, 64, 3)"
  std::vector<record_report> records;
  std::vector<folded_tensor> folded;
  std::int64_t params = 0, macs = 0, peak_activation = 0;
  std::string summary;  ///< the library's summary table (output/summary.hpp)
};

/// The most records an imported network may have.
inline constexpr std::size_t max_records = 4096;

/// Builds the model's network with the library, in the model's conventions:
/// an import_error naming the step whose layer the library rejects.
model_report check(const any_model& model);

}  // namespace convshape::cli
