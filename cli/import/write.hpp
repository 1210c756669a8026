// convshape import: what it writes.
#pragma once

#include <string>

#include "report.hpp"

namespace convshape::cli {

/// A header that makes the model's network in namespace `space`, with a
/// static_assert on every record's shape and on the totals.
std::string header_text(const model_report& model, const std::string& space);

/// The summary as one JSON object: "tensors" {name: dims} for every
/// record and folded tensor, "layers" with each record's figures, "params",
/// "macs".
std::string summary_json(const model_report& model);

}  // namespace convshape::cli
