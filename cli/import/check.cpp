// convshape import: the model's network, built by the library at run time.
#include <convshape/summary.hpp>

#include <cctype>
#include <memory>
#include <string>
#include <utility>
#include <variant>

#include "cpp_spelling.hpp"
#include "report.hpp"

namespace convshape::cli {
namespace {

template <layout L>
std::vector<std::int64_t> memory_order(const shape<L>& s, bool flat) {
  if (flat) return {s.batch(), s.channels()};
  std::vector<std::int64_t> dims;
  for (std::size_t i = 0; i < s.rank(); ++i) dims.push_back(s[i]);
  return dims;
}

template <std::size_t N>
std::string field_text(const receptive_field<N>& rf) {
  if (!rf.defined) return "-";
  const auto compact = [](const per_dim<N>& v) { return cpp_value(v); };
  return compact(rf.size) + " /" + compact(rf.jump) + " @" + compact(rf.start);
}

std::string lowercase(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string step_handle(std::size_t i) { return i == 0 ? "input" : "t" + std::to_string(i); }

template <std::size_t N>
std::string cpp_step(const model_step<N>& step) {
  const auto in = [&](std::size_t k) { return step_handle(step.inputs[k]); };
  switch (step.how) {
    case join::layer: return "net(" + in(0) + ", " + cpp_layer(step.applied, step.name) + ")";
    case join::add: return "net.add(" + in(0) + ", " + in(1) + ", " + cpp_string(step.name) + ")";
    case join::concat: return "net.concat(" + in(0) + ", " + in(1) + ", " + cpp_string(step.name) + ")";
    case join::multiply: return "net.multiply(" + in(0) + ", " + in(1) + ", " + cpp_string(step.name) + ")";
  }
  return {};
}

template <layout L, framework F, std::size_t N>
model_report check_as(const imported_model<N>& model) {
  using network_type = network<L, max_records, F>;
  if (model.steps.size() > max_records)
    throw import_error("the model has " + std::to_string(model.steps.size()) + " records; convshape import takes at most " +
                       std::to_string(max_records));
  const auto& in = model.input;
  shape<L> input{};
  input.batch_ = in[0];
  input.channels_ = is_channels_last(L) ? in.back() : in[1];
  for (std::size_t i = 0; i < N; ++i) input.spatial_[i] = in[is_channels_last(L) ? 1 + i : 2 + i];

  auto net = std::make_unique<network_type>(input);
  std::vector<tensor<L>> handles{net->input()};
  for (std::size_t i = 1; i < model.steps.size(); ++i) {
    const model_step<N>& step = model.steps[i];
    if (step.name.size() >= layer_name::capacity)
      throw import_error(step.origin + ": the name has " + std::to_string(step.name.size()) +
                         " characters; a network keeps " + std::to_string(layer_name::capacity - 1));
    try {
      const auto at = [&](std::size_t k) { return handles.at(step.inputs.at(k)); };
      switch (step.how) {
        case join::layer: {
          layer<N> applied = step.applied;
          applied.name = step.name.c_str();
          handles.push_back((*net)(at(0), applied));
          break;
        }
        case join::add: handles.push_back(net->add(at(0), at(1), step.name.c_str())); break;
        case join::concat: handles.push_back(net->concat(at(0), at(1), step.name.c_str())); break;
        case join::multiply: handles.push_back(net->multiply(at(0), at(1), step.name.c_str())); break;
      }
      const std::int64_t held = net->back().output.channels();
      if (step.reshaped_elements != 0 && held != step.reshaped_elements)
        throw import_error(step.origin + ": " + step.reshape_target + " holds " +
                           std::to_string(step.reshaped_elements) + " elements, but its input holds " +
                           std::to_string(held));
    } catch (const shape_error& e) {
      // The network names the record ("layer 7 'c1' (conv): "); the step's
      // origin names it as the model does.
      std::string message = e.what();
      const std::string record = "layer " + std::to_string(i) + " '" + step.name + "' (";
      if (message.starts_with(record) && message.find("): ") != std::string::npos)
        message = message.substr(message.find("): ") + 3);
      throw import_error(step.origin + ": " + message);
    }
  }

  model_report report;
  report.name = model.name;
  report.source = model.source;
  report.conventions = name(F);
  report.memory_layout = name(L);
  report.cpp_layout = "cs::layout::" + lowercase(name(L));
  report.cpp_input = cpp_shape(L, memory_order(input, false), false);
  for (std::size_t i = 0; i < net->size(); ++i) {
    const auto& r = (*net)[i];
    record_report out;
    out.name = r.name.c_str();
    out.kind = name(r.kind);
    out.dims = memory_order(r.output, r.flat);
    if (!model.steps[i].order.empty()) {
      std::vector<std::int64_t> ordered;
      for (const std::size_t axis : model.steps[i].order) ordered.push_back(out.dims.at(axis));
      out.dims = std::move(ordered);
    }
    out.flat = r.flat;
    out.params = r.params;
    out.macs = r.macs;
    out.receptive_field = field_text(r.receptive_field);
    out.cpp_shape = cpp_shape(L, memory_order(r.output, r.flat), r.flat);
    if (i > 0) out.cpp_step = cpp_step(model.steps[i]);
    report.records.push_back(std::move(out));
  }
  report.records[0].name = model.steps[0].name;
  for (const model_step<N>& step : model.steps)
    for (const std::size_t read : step.inputs) report.records[read].read_later = true;
  report.folded = model.folded;
  report.params = net->params();
  report.macs = net->macs();
  report.peak_activation = net->peak_activation();
  report.summary = summary(*net);
  return report;
}

template <std::size_t N>
model_report check_rank(const imported_model<N>& model) {
  constexpr layout first = N == 1 ? layout::ncw : N == 2 ? layout::nchw : layout::ncdhw;
  constexpr layout last = channels_last(first);
  const bool channels_last_layout = is_channels_last(model.memory_layout);
  switch (model.conventions) {
    case framework::keras:
      return channels_last_layout ? check_as<last, framework::keras>(model) : check_as<first, framework::keras>(model);
    case framework::onnx:
      if (!channels_last_layout) return check_as<first, framework::onnx>(model);
      break;
    default: break;
  }
  throw import_error(std::string("no import reads ") + name(model.conventions) + " models in " +
                     name(model.memory_layout));
}

}  // namespace

model_report check(const any_model& model) {
  return std::visit([](const auto& m) { return check_rank(m); }, model);
}

std::string cpp_string(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || u == 0x7f) {
      constexpr char hex[] = "0123456789abcdef";
      out += "\\x";
      out += hex[u >> 4];
      out += hex[u & 15];
      out += "\"\"";  // ends the escape: a following hex digit would extend it
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string cpp_shape(layout l, const std::vector<std::int64_t>& memory_order, bool flat) {
  std::string text;
  if (flat) {
    text = "cs::flat_shape{";
  } else {
    text = "cs::" + lowercase(name(l)) + "(";
  }
  for (std::size_t i = 0; i < memory_order.size(); ++i) text += (i ? ", " : "") + std::to_string(memory_order[i]);
  return text + (flat ? "}" : ")");
}

}  // namespace convshape::cli
