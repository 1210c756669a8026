// The plain model's accessors: attributes by kind, and lookups by name.
#include "graph.hpp"

#include <utility>

namespace convshape::cli::onnx {

const char* kind_name(attribute_kind kind) noexcept {
  switch (kind) {
    case attribute_kind::integer: return "int";
    case attribute_kind::integers: return "ints";
    case attribute_kind::real: return "float";
    case attribute_kind::reals: return "floats";
    case attribute_kind::string: return "string";
    case attribute_kind::strings: return "strings";
    case attribute_kind::tensor: return "tensor";
  }
  return "?";
}

std::string node::describe() const {
  // Appended piece by piece: g++ 12 at -O3 warns falsely (-Wrestrict) on a
  // short literal + std::to_string(...).
  std::string out = "node ";
  if (name.empty()) out.append("#").append(std::to_string(position));
  else out.append(quote_name(name));
  return out.append(" (").append(printable(op_type)).append(")");
}

void node::fail(const std::string& what) const { throw bad_model(describe() + ": " + what); }

std::string_view node::input(std::size_t i) const noexcept {
  return i < inputs.size() ? std::string_view(inputs[i]) : std::string_view();
}

const attribute_value* node::find(std::string_view attribute) const {
  const auto it = attributes.find(attribute);
  return it == attributes.end() ? nullptr : &it->second;
}

namespace {

/// The attribute as the alternative T of attribute_value: `fallback` when
/// absent (or an error when there is none), an error when of another kind.
template <class T>
const T& get(const node& n, std::string_view attribute, const T* fallback) {
  const attribute_value* v = n.find(attribute);
  if (v == nullptr) {
    if (fallback != nullptr) return *fallback;
    n.fail("attribute " + quote_name(attribute) + " is required, and absent");
  }
  if (const T* value = std::get_if<T>(v)) return *value;
  const auto wanted = static_cast<attribute_kind>(attribute_value(std::in_place_type<T>).index());
  n.fail("attribute " + quote_name(attribute) + " must be " + kind_name(wanted) + ", got " + kind_name(kind_of(*v)));
}

}  // namespace

std::int64_t node::attr_int(std::string_view a) const { return get<std::int64_t>(*this, a, nullptr); }
std::int64_t node::attr_int(std::string_view a, std::int64_t fallback) const { return get(*this, a, &fallback); }
std::vector<std::int64_t> node::attr_ints(std::string_view a) const {
  return get<std::vector<std::int64_t>>(*this, a, nullptr);
}
std::vector<std::int64_t> node::attr_ints(std::string_view a, std::vector<std::int64_t> fallback) const {
  return get(*this, a, &fallback);
}
double node::attr_float(std::string_view a) const { return get<double>(*this, a, nullptr); }
double node::attr_float(std::string_view a, double fallback) const { return get(*this, a, &fallback); }
std::vector<double> node::attr_floats(std::string_view a) const { return get<std::vector<double>>(*this, a, nullptr); }
std::vector<double> node::attr_floats(std::string_view a, std::vector<double> fallback) const {
  return get(*this, a, &fallback);
}
std::string node::attr_string(std::string_view a) const { return get<std::string>(*this, a, nullptr); }
std::string node::attr_string(std::string_view a, std::string fallback) const { return get(*this, a, &fallback); }
std::vector<std::string> node::attr_strings(std::string_view a) const {
  return get<std::vector<std::string>>(*this, a, nullptr);
}
const stored_tensor& node::attr_tensor(std::string_view a) const { return get<stored_tensor>(*this, a, nullptr); }

namespace {

template <class T>
const T* lookup(const std::map<std::string, std::size_t, std::less<>>& index, const std::vector<T>& items,
                std::string_view name) {
  const auto it = index.find(name);
  return it == index.end() ? nullptr : &items[it->second];
}

}  // namespace

const value_info* model::find_input(std::string_view name) const { return lookup(input_index_, inputs, name); }
const stored_tensor* model::find_initializer(std::string_view name) const {
  return lookup(initializer_index_, initializers, name);
}
const node* model::find_producer(std::string_view name) const {
  return name.empty() ? nullptr : lookup(producer_index_, nodes, name);
}

void model::reindex() {
  input_index_.clear();
  initializer_index_.clear();
  producer_index_.clear();
  for (std::size_t i = 0; i < inputs.size(); ++i) input_index_.emplace(inputs[i].name, i);
  for (std::size_t i = 0; i < initializers.size(); ++i) initializer_index_.emplace(initializers[i].name, i);
  for (std::size_t i = 0; i < nodes.size(); ++i)
    for (const std::string& output : nodes[i].outputs)
      if (!output.empty()) producer_index_.emplace(output, i);
}

}  // namespace convshape::cli::onnx
