// `convshape summary` and `convshape import` on the model corpus: every tensor
// the library computes equals the one the framework computed, the parameter
// totals agree, and a model that cannot be imported says why.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

struct run_result {
  int status = -1;
  std::string out, errors;
};

/// Runs `convshape ARGS`, collecting standard output, standard error and the exit status.
run_result run(const std::string& args) {
  const std::string errors_path = "import_test_errors_" + std::to_string(getpid()) + ".txt";
  const std::string command = std::string("'") + CONVSHAPE_EXE + "' " + args + " 2>" + errors_path;
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  run_result r;
  char buffer[1 << 16];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) r.out.append(buffer, n);
  const int raw = pclose(pipe);
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  std::ostringstream errors;
  errors << std::ifstream(errors_path).rdbuf();
  r.errors = errors.str();
  std::remove(errors_path.c_str());
  return r;
}

json read_json(const fs::path& path) {
  std::ifstream in(path);
  REQUIRE(in);
  return json::parse(in);
}

std::vector<fs::path> files_ending(const fs::path& folder, const std::string& suffix) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(folder))
    if (entry.path().filename().string().ends_with(suffix)) out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

/// TensorFlow.js's shape with the batch it left open (null) set to `batch`.
json with_batch(json dims, std::int64_t batch) {
  if (!dims.empty() && dims[0].is_null()) dims[0] = batch;
  return dims;
}

}  // namespace

TEST_CASE("every Keras model of the corpus imports with TensorFlow.js's shapes and countParams()", "[import][keras]") {
  const auto expectations = files_ending(fs::path(CONVSHAPE_CORPUS) / "keras", ".expected.json");
  REQUIRE(expectations.size() == 7);
  for (const fs::path& expected_path : expectations) {
    const json expected = read_json(expected_path);
    const std::string model = expected["model"];
    for (const char* form : {".model.json", ".keras.json"}) {
      INFO(model << form);
      const fs::path file = expected_path.parent_path() / (model + form);
      for (const std::int64_t batch : {1, 3}) {
        const run_result r = run("summary --json --batch " + std::to_string(batch) + " '" + file.string() + "'");
        INFO(r.errors);
        REQUIRE(r.status == 0);
        const json summary = json::parse(r.out);
        CHECK(summary["framework"] == "keras");
        CHECK(summary["params"] == expected["params"]);
        for (const json& layer : expected["layers"]) {
          const std::string name = layer["name"];
          INFO("layer " << name);
          REQUIRE(summary["tensors"].contains(name));
          CHECK(summary["tensors"][name] == with_batch(layer["output_shape"], batch));
        }
      }
    }
  }
}

namespace {

/// Every ONNX model of a corpus folder against its NAME.dims.json: every node
/// output's dims as ONNX Runtime computed them, and the parameters as the
/// initializers' elements. Returns how many models were checked.
std::size_t check_onnx_folder(const fs::path& folder, std::int64_t opset) {
  const auto expectations = files_ending(folder, ".dims.json");
  for (const fs::path& expected_path : expectations) {
    const json expected = read_json(expected_path);
    const std::string model = expected["model"];
    INFO(folder.filename().string() << "/" << model);
    CHECK(expected["opset"] == opset);
    const run_result r = run("summary --json '" + (expected_path.parent_path() / (model + ".onnx")).string() + "'");
    INFO(r.errors);
    REQUIRE(r.status == 0);
    const json summary = json::parse(r.out);
    CHECK(summary["framework"] == "onnx");
    // ONNX's parameters are its initializers' elements.
    CHECK(summary["params"] == expected["params"]);
    for (const auto& [name, dims] : expected["tensors"].items()) {
      INFO("tensor " << name);
      REQUIRE(summary["tensors"].contains(name));
      CHECK(summary["tensors"][name] == dims);
    }
  }
  return expectations.size();
}

}  // namespace

TEST_CASE("every ONNX model of the corpus imports with ONNX Runtime's dims for every node output", "[import][onnx]") {
  CHECK(check_onnx_folder(fs::path(CONVSHAPE_CORPUS) / "onnx", 17) == 15);
}

TEST_CASE("the opset sweep imports with ONNX Runtime's dims for every node output, at opsets 11, 13 and 15",
          "[import][onnx]") {
  // tests/corpus/onnx/opsetN/: 11 of the corpus's models and export_forms,
  // exported at each opset as the corpus is at 17.
  for (const std::int64_t opset : {11, 13, 15}) {
    INFO("opset " << opset);
    CHECK(check_onnx_folder(fs::path(CONVSHAPE_CORPUS) / "onnx" / ("opset" + std::to_string(opset)), opset) == 12);
  }
}

TEST_CASE("a model without a fixed batch size needs --batch", "[import][keras]") {
  const fs::path file = fs::path(CONVSHAPE_CORPUS) / "keras" / "unet.model.json";
  const run_result r = run("summary '" + file.string() + "'");
  CHECK(r.status == 1);
  CHECK(r.errors == "convshape: layer 'image' (InputLayer): the model leaves the batch size open (null): give it "
                    "with --batch N\n");
}

TEST_CASE("import writes one line per layer and a static_assert per record", "[import][keras]") {
  const fs::path file = fs::path(CONVSHAPE_CORPUS) / "keras" / "unet.model.json";
  const run_result summary = run("summary --json --batch 1 '" + file.string() + "'");
  REQUIRE(summary.status == 0);
  const json layers = json::parse(summary.out)["layers"];
  const run_result r = run("import --batch 1 --namespace unet_model '" + file.string() + "'");
  REQUIRE(r.status == 0);
  CHECK(r.out.find("namespace unet_model {") != std::string::npos);
  CHECK(r.out.find("cs::network<cs::layout::nhwc, " + std::to_string(layers.size()) + ", cs::keras>") !=
        std::string::npos);
  CHECK(r.out.find(R"(net(input, cs::conv2d({.filters = 8, .kernel = 3, .padding = cs::same}, "enc1a")))") !=
        std::string::npos);
  CHECK(r.out.find(R"(net.concat(t9, t5, "cat2"))") != std::string::npos);
  std::size_t asserts = 0;
  for (std::size_t at = 0; (at = r.out.find("static_assert(net[", at)) != std::string::npos; ++at) ++asserts;
  CHECK(asserts == layers.size());
  CHECK(r.out.find("static_assert(net.params() == 29081);") != std::string::npos);
}

TEST_CASE("a model that cannot be imported gets an error naming its layer, and exit status 1", "[import][keras]") {
  const fs::path bad(CONVSHAPE_BAD_MODELS);
  const std::pair<const char*, const char*> cases[] = {
      {"bad_kernel", "layer 'c1' (Conv2D): 'kernel_size' must be an integer or a list of 2, got \"three\""},
      {"concat_axis", "layer 'a' (Concatenate): concatenates along axis 1; convshape concatenates channels only"},
      {"crop_empty", "layer 'crop' (Cropping2D): crop2d: crops 4+4 leave no output of input 8 in spatial dim 0"},
      {"crop_negative",
       "layer 'crop' (Cropping2D): crop2d: crops must be at least 0, got -2 at the start in spatial dim 1"},
      {"cycle", "layer 'a' (ReLU): reads 'b', and the layers read each other in a cycle"},
      {"huge", "layer 'c1' (Conv2D): parameter or multiply-accumulate count overflows int64"},
      {"kernel_too_large",
       "layer 'c1' (Conv2D): conv2d (keras): effective kernel 7 (kernel 7, dilation 1) exceeds padded input 5 in "
       "spatial dim 0"},
      {"layer_norm_axes",
       "layer 'ln' (LayerNormalization): 'axis' is [1,2,3]; convshape's layer_norm normalizes over "
       "the channel axis alone"},
      {"layer_norm_axis",
       "layer 'ln' (LayerNormalization): 'axis' is 1, which is not the channel axis (-1); "
       "convshape's layer_norm normalizes over the channels"},
      {"layer_norm_center",
       "layer 'ln' (LayerNormalization): 'center' is false; convshape's layer_norm has both a scale and a shift"},
      {"long_name", "(Conv2D): the name has 130 characters; a network keeps 127"},
      {"missing_input", "layer 'a' (ReLU): reads 'ghost', which the model does not have"},
      {"mixed_format", "the model mixes channels_first and channels_last layers"},
      {"multiply_shapes",
       "layer 'm' (Multiply): multiply 'm': channels must be equal or 1 on one side to broadcast, "
       "got NHWC(1, 8, 8, 3) and NHWC(1, 8, 8, 4)"},
      {"no_class", "not a Keras model: no 'class_name' and 'config' (nor 'modelTopology')"},
      {"not_json", "not_json.json: not JSON: "},
      {"open_extent", "layer 'c1' (Conv2D): the input's extent 1 is open (null): convshape needs every extent"},
      {"reshape_flatten_size", "layer 'r' (Reshape): 'target_shape' [100] holds 100 elements, but its input holds 192"},
      {"reshape_shape",
       "layer 'r' (Reshape): convshape has no layer for a reshape to [8,24]: it reshapes to a vector "
       "(F) and to (1, 1, C)"},
      {"reshape_size", "layer 'r' (Reshape): 'target_shape' [1,1,16] holds 16 elements, but its input holds 3"},
      {"resize_rank",
       "layer 'rs' (Resizing): resizes images to (8, 8), but the model's tensors have 1 spatial dimension"},
      {"resize_size", "layer 'rs' (Resizing): resize2d: size must be at least 1, got 0 in spatial dim 0"},
      {"shared_layer", "layer 'a' (ReLU): is called more than once (a shared layer)"},
      {"unknown_layer", "layer 'rnn' (LSTM): convshape has no layer for Keras' LSTM"},
      {"zero_extent", "layer 'c1' (Conv2D): the input's extent 1 must be at least 1, got 0"},
  };
  REQUIRE(files_ending(bad, ".json").size() == std::size(cases));
  for (const auto& [name, message] : cases) {
    INFO(name);
    for (const char* command : {"summary", "import"}) {
      const run_result r = run(std::string(command) + " --batch 1 '" + (bad / (std::string(name) + ".json")).string() + "'");
      CHECK(r.status == 1);
      CHECK(r.out.empty());
      CHECK(r.errors.find(message) != std::string::npos);
      CHECK(r.errors.starts_with("convshape: "));
    }
  }
}

TEST_CASE("an ONNX node that convshape cannot map gets an error naming it, its op type and attribute", "[import][onnx]") {
  // tests/import/bad/NAME.onnx, written by tools/gen/corpus/onnx_bad_models.py.
  const fs::path bad(CONVSHAPE_BAD_MODELS);
  const std::string norm =
      " of the normalization that node 'mean' (ReduceMean) begins";
  const std::string whole =
      "; convshape maps a normalization over the channels written out only whole, as one layer_norm: ReduceMean "
      "over the channels (keepdims), Sub of that mean, Pow 2, ReduceMean, Add epsilon, Sqrt, Div, then Mul by a "
      "scale and Add a shift, each one value per channel";
  const std::pair<const char*, std::string> cases[] = {
      {"channel_mean",
       "node 'relu' (Relu): reads 'mean', the mean over the channels (dims [1, 1, 8, 8])" + norm + whole},
      {"flat_add",
       "node 'add' (Add): convshape has no layer for Add of two computed tensors (dims [1, 10] and [1, 10]): net.add "
       "and net.multiply join feature maps, not flat tensors; it maps x Add f(x), f elementwise, as an activation"},
      {"norm_broken", "node 'div' (Div): reads 'centered', the input less that mean (dims [1, 4, 8, 8])" + norm + whole},
      {"norm_no_shift",
       "graph output 'y' is the normalized input times a scale (dims [1, 4, 8, 8])" + norm +
           ", which convshape maps only as part of a larger step"},
      {"pow_tensor",
       "node 'pow' (Pow): raises to the power 'e' of dims [4, 1, 1]; convshape maps Pow by one constant exponent, an "
       "elementwise activation"},
      {"rank3_used",
       "node 'relu' (Relu): input 'squeezed' is a tensor of dims [1, 4, 1] (node 'squeeze' (Squeeze) changed its "
       "rank); convshape has no record of rank 3 here, and maps it only as a step of a Squeeze, Unsqueeze, Reshape "
       "or Flatten to rank 2 or 4"},
      {"rank3_scaled",
       "node 'scale' (Mul): input 'squeezed' is a tensor of dims [1, 4, 1] (node 'squeeze' (Squeeze) changed its "
       "rank); convshape has no record of rank 3 here, and maps it only as a step of a Squeeze, Unsqueeze, Reshape "
       "or Flatten to rank 2 or 4"},
      {"reduce_axes",
       "node 'reduce' (ReduceMean): reduces axes [1, 2] (attribute 'axes' [1, 2]) of a tensor of dims [1, 4, 8, 8]; "
       "convshape reduces every spatial dim of a map laid out channels first (a global pool), or with ReduceMean and "
       "keepdims the channels alone, the first step of a layer normalization"},
      {"split_axis",
       "node 'split' (Split): splits along axis 2 (attribute 'axis') a tensor of dims [1, 4, 8, 8]; convshape splits "
       "the channels only, axis 1"},
      {"split_form", "node 'split' (Split): attribute 'split' is an input from opset 13 on, and the model's is 13"},
      {"split_sizes", "node 'split' (Split): the sizes 'split' [1, 2] add up to 3, not the 4 channels of the input"},
      {"squeeze_form",
       "node 'squeeze' (Squeeze): axes are an attribute before opset 13, and the model's is 11: the node has a second "
       "input"},
      {"unsqueeze_map",
       "node 'unsqueeze' (Unsqueeze): convshape has no layer for a reshape from [1, 4, 8, 8] to [1, 4, 8, 8, 1] "
       "(axes [4])"},
  };
  REQUIRE(files_ending(bad, ".onnx").size() == std::size(cases));
  for (const auto& [name, message] : cases) {
    INFO(name);
    for (const char* command : {"summary", "import"}) {
      const run_result r = run(std::string(command) + " '" + (bad / (std::string(name) + ".onnx")).string() + "'");
      CHECK(r.status == 1);
      CHECK(r.out.empty());
      CHECK(r.errors == "convshape: " + message + "\n");
    }
  }
}

TEST_CASE("a model file that does not exist is an error, and --batch must be positive", "[import]") {
  const run_result missing = run("summary no/such/model.json");
  CHECK(missing.status == 1);
  CHECK(missing.errors == "convshape: no/such/model.json: cannot be opened\n");
  const run_result zero = run("summary --batch 0 '" + (fs::path(CONVSHAPE_CORPUS) / "keras" / "unet.model.json").string() + "'");
  CHECK(zero.status == 2);
}
