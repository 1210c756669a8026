// The example networks against PyTorch: every layer that PyTorch reports
// (tools/gen/networks_torch.py, stored in torch_models.json) must exist in
// the convshape network under the same name, with the same output shape,
// parameters and multiply-accumulates; the totals must agree; and the
// receptive fields that autograd measured must equal the recorded ones.
#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <convshape/convshape.hpp>
#include <nlohmann/json.hpp>

#include "../../examples/models/dcgan.hpp"
#include "../../examples/models/lenet5.hpp"
#include "../../examples/models/resnet50.hpp"
#include "../../examples/models/unet.hpp"
#include "../../examples/models/vgg16.hpp"

namespace cs = convshape;
using json = nlohmann::json;

namespace {

const json& models_file() {
  static const json data = [] {
    std::ifstream in(CONVSHAPE_NETWORKS_DATA);
    REQUIRE(in.good());
    return json::parse(in);
  }();
  return data;
}

const json& model(const std::string& name) {
  const json& all = models_file().at("models");
  for (const json& m : all)
    if (m.at("model") == name) return m;
  FAIL("no model " << name << " in torch_models.json");
  return all;
}

/// The extents of a record as PyTorch prints a tensor's shape.
template <cs::layout L>
std::vector<std::int64_t> torch_shape(const cs::layer_record<L>& r) {
  if (r.flat) return {r.output.batch(), r.output.channels()};
  std::vector<std::int64_t> out;
  for (std::size_t i = 0; i < r.output.rank(); ++i) out.push_back(r.output[i]);
  return out;
}

/// PyTorch's name for a stage output that convshape records under another.
std::string convshape_name(const std::string& torch_name) {
  // torchvision's ResNet stages end with the last block's ReLU.
  if (torch_name == "layer1") return "layer1.2.relu";
  if (torch_name == "layer2") return "layer2.3.relu";
  if (torch_name == "layer3") return "layer3.5.relu";
  if (torch_name == "layer4") return "layer4.2.relu";
  return torch_name;
}

template <class Network>
const typename Network::record* find(const Network& net, const std::string& name) {
  for (const auto& r : net)
    if (name == r.name.c_str()) return &r;
  return nullptr;
}

template <class Network>
void compare(const Network& net, const std::string& name) {
  const json& m = model(name);
  INFO("model " << name << " (" << models_file().value("framework", "") << ")");
  CHECK(net.params() == m.at("params").get<std::int64_t>());
  CHECK(net.macs() == m.at("macs").get<std::int64_t>());
  CHECK(torch_shape(net[0]) == m.at("input").get<std::vector<std::int64_t>>());
  CHECK(torch_shape(net.back()) == m.at("output").get<std::vector<std::int64_t>>());

  int matched = 0;
  for (const json& layer : m.at("layers")) {
    const std::string torch_name = layer.at("name");
    INFO("layer " << torch_name);
    const auto* r = find(net, convshape_name(torch_name));
    REQUIRE(r != nullptr);  // every layer PyTorch reports has its counterpart
    CHECK(torch_shape(*r) == layer.at("output").get<std::vector<std::int64_t>>());
    CHECK(r->params == layer.at("params").get<std::int64_t>());
    CHECK(r->macs == layer.at("macs").get<std::int64_t>());
    ++matched;
  }
  CHECK(matched == static_cast<int>(m.at("layers").size()));

  for (const json& field : m.at("receptive_fields")) {
    const std::string at = field.at("at");
    INFO("receptive field at " << at);
    const auto* r = find(net, convshape_name(at));
    REQUIRE(r != nullptr);
    REQUIRE(r->receptive_field.defined);
    for (std::size_t i = 0; i < 2; ++i) {
      CHECK(r->receptive_field.size[i] == field.at("size")[i].get<std::int64_t>());
      CHECK(r->receptive_field.jump[i] == field.at("jump")[i].get<std::int64_t>());
      CHECK(r->receptive_field.start[i] == field.at("start")[i].get<std::int64_t>());
    }
  }
}

}  // namespace

TEST_CASE("LeNet-5 layer by layer as PyTorch computes it", "[networks][torch]") { compare(models::lenet5_net, "lenet5"); }
TEST_CASE("VGG-16 layer by layer as torchvision computes it", "[networks][torch]") { compare(models::vgg16_net, "vgg16"); }
TEST_CASE("ResNet-50 layer by layer as torchvision computes it", "[networks][torch]") {
  compare(models::resnet50_net, "resnet50");
}
TEST_CASE("U-Net layer by layer as PyTorch computes it", "[networks][torch]") { compare(models::unet_net, "unet"); }
TEST_CASE("the DCGAN generator layer by layer as PyTorch computes it", "[networks][torch]") {
  compare(models::dcgan_net, "dcgan");
}
