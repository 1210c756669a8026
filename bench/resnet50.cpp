// Run-time shape inference of ResNet-50 (torchvision), Google Benchmark.
//
// The input side comes from state.range(0) and is read through a volatile on
// every iteration, so the compiler can neither fold the network at compile
// time nor hoist it out of the loop.
//
//   network/throwing    models::resnet50(input): the library's
//                       network object with all 176 records (input included),
//                       each with its name, output shape, parameters, MACs,
//                       receptive field and the reader links behind
//                       peak_activation
//   network/try         the same layers through try_apply / try_merge
//   network+totals      the throwing build, then params(), macs(),
//                       total_activation(), peak_activation()
//   network/empty       only constructing the 183-record network from the
//                       input: the floor that zeroing the records costs
//   program/run         models::resnet50_program().run(input): every record's
//                       output shape from a shape_program, whose layers were
//                       checked at compile time on 224x224; the headline
//   program/try         the same through try_run, into one list reused
//   chain/shapes        only the output shapes: the plain shape functions
//                       (cs::conv2d(x, {...}), cs::add, ...) chained by hand
//                       over the same layers, no network object
//   floor/arithmetic    the output extents as bare int64 arithmetic: no
//                       checks, no messages; what the target leaves room for
#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include <convshape/convshape.hpp>

#include "models/resnet50.hpp"
#include "resnet50_try.hpp"

namespace {

namespace cs = convshape;

/// ResNet-50's output shape through the plain shape functions, every layer
/// checked, with torchvision's stride placement.
constexpr cs::flat_shape resnet50_chain(cs::nchw_shape input) {
  constexpr auto F = cs::torch;
  auto x = cs::conv2d<F>(input, {.filters = 64, .kernel = 7, .strides = 2, .padding = 3, .bias = false});
  x = cs::activation(cs::batch_norm(x));
  x = cs::max_pool2d<F>(x, {.window = 3, .strides = 2, .padding = 1});
  constexpr std::int64_t blocks[] = {3, 4, 6, 3};
  for (std::int64_t stage = 0; stage < 4; ++stage) {
    const std::int64_t width = std::int64_t{64} << stage;
    for (std::int64_t block = 0; block < blocks[stage]; ++block) {
      const std::int64_t stride = block == 0 && stage > 0 ? 2 : 1;
      auto y = cs::activation(cs::batch_norm(cs::conv2d<F>(x, {.filters = width, .kernel = 1, .bias = false})));
      y = cs::activation(cs::batch_norm(
          cs::conv2d<F>(y, {.filters = width, .kernel = 3, .strides = stride, .padding = 1, .bias = false})));
      y = cs::batch_norm(cs::conv2d<F>(y, {.filters = 4 * width, .kernel = 1, .bias = false}));
      auto shortcut = x;
      if (x.channels() != 4 * width)
        shortcut = cs::batch_norm(
            cs::conv2d<F>(x, {.filters = 4 * width, .kernel = 1, .strides = stride, .bias = false}));
      x = cs::activation(cs::add(y, shortcut));
    }
  }
  return cs::dense(cs::flatten(cs::global_avg_pool(x)), {.in_features = 2048, .units = 1000});
}
static_assert(resnet50_chain(cs::nchw(1, 3, 224, 224)) == models::resnet50_net.at("fc").flat_output());

/// The floor: the same output extents as bare int64 arithmetic, no checks,
/// no shape type, no network: (in + 2 pad - kernel) / stride + 1 per layer.
constexpr std::int64_t resnet50_arithmetic(std::int64_t side) noexcept {
  const auto out = [](std::int64_t in, std::int64_t kernel, std::int64_t stride, std::int64_t pad) {
    return (in + 2 * pad - kernel) / stride + 1;
  };
  std::int64_t h = out(out(side, 7, 2, 3), 3, 2, 1), w = h;  // conv1, maxpool; square input
  constexpr std::int64_t blocks[] = {3, 4, 6, 3};
  for (std::int64_t stage = 0; stage < 4; ++stage)
    for (std::int64_t block = 0; block < blocks[stage]; ++block) {
      const std::int64_t stride = block == 0 && stage > 0 ? 2 : 1;
      const std::int64_t main_h = out(out(out(h, 1, 1, 0), 3, stride, 1), 1, 1, 0);
      const std::int64_t main_w = out(out(out(w, 1, 1, 0), 3, stride, 1), 1, 1, 0);
      if (block == 0 && (out(h, 1, stride, 0) != main_h || out(w, 1, stride, 0) != main_w)) return -1;
      h = main_h;
      w = main_w;
    }
  return h * w;  // the global pool's window
}
static_assert(resnet50_arithmetic(224) == 49 && resnet50_arithmetic(512) == 256);

/// The side of this iteration, opaque to the optimiser. Not through
/// benchmark::DoNotOptimize: Google Benchmark 1.7's "+m,r" constraint lost
/// the value under g++ 12 -O2 (valgrind: uninitialised right after it).
std::int64_t side_of(const benchmark::State& state) {
  const volatile std::int64_t side = state.range(0);
  return side;
}

cs::nchw_shape input_of(std::int64_t side) { return cs::nchw(1, 3, side, side); }

/// Figures of the network at this side, computed once outside the timing:
/// they show that the timed work depends on the side.
void describe(benchmark::State& state, const bench::resnet50_network& net) {
  const auto& last_map = net.at("layer4.2.relu");
  state.counters["records"] = static_cast<double>(net.size());
  state.counters["layer4_hw"] = static_cast<double>(last_map.output.height());
  state.counters["rf"] = static_cast<double>(last_map.receptive_field.size[0]);
  state.counters["GMACs"] = static_cast<double>(net.macs()) / 1e9;
  // Time per record: the per-iteration time divided by the record count.
  state.counters["per_record"] = benchmark::Counter(static_cast<double>(net.size()),
                                                    benchmark::Counter::kIsIterationInvariantRate |
                                                        benchmark::Counter::kInvert);
}

bool check(benchmark::State& state, const bench::resnet50_network& net) {
  if (net.output() != cs::nchw(1, 1000, 1, 1) || !net.back().flat) {
    state.SkipWithError("unexpected ResNet-50 output");
    return false;
  }
  return true;
}

void network_throwing(benchmark::State& state) {
  for (auto _ : state) {
    auto net = models::resnet50(input_of(side_of(state)));
    benchmark::DoNotOptimize(net);
    benchmark::ClobberMemory();
  }
  const auto net = models::resnet50(input_of(state.range(0)));
  if (check(state, net)) describe(state, net);
}

void network_try(benchmark::State& state) {
  for (auto _ : state) {
    bench::resnet50_network net(input_of(side_of(state)));
    auto error = bench::try_resnet50(net);
    benchmark::DoNotOptimize(error.code);
    benchmark::DoNotOptimize(net);
    benchmark::ClobberMemory();
  }
  bench::resnet50_network net(input_of(state.range(0)));
  if (bench::try_resnet50(net)) {
    state.SkipWithError("try_resnet50 failed");
    return;
  }
  if (!bench::same_records(net, models::resnet50(input_of(state.range(0))))) {
    state.SkipWithError("try_resnet50 differs from models::resnet50");
    return;
  }
  if (check(state, net)) describe(state, net);
}

void network_with_totals(benchmark::State& state) {
  for (auto _ : state) {
    auto net = models::resnet50(input_of(side_of(state)));
    std::int64_t totals[] = {net.params(), net.macs(), net.total_activation(), net.peak_activation()};
    benchmark::DoNotOptimize(totals);
    benchmark::DoNotOptimize(net);
    benchmark::ClobberMemory();
  }
  const auto net = models::resnet50(input_of(state.range(0)));
  if (check(state, net)) describe(state, net);
  state.counters["peak_Melem"] = static_cast<double>(net.peak_activation()) / 1e6;
}

void network_empty(benchmark::State& state) {
  for (auto _ : state) {
    bench::resnet50_network net(input_of(side_of(state)));
    benchmark::DoNotOptimize(net);
    benchmark::ClobberMemory();
  }
}

/// models::resnet50_program(): checked at compile time on 224x224.
constexpr auto resnet50_program = models::resnet50_program();
using program_shapes = decltype(resnet50_program)::shapes;

bool same_shapes(const program_shapes& shapes, const bench::resnet50_network& net) {
  if (shapes.size() != net.size()) return false;
  for (std::size_t i = 0; i < net.size(); ++i)
    if (shapes[i] != net[i].output) return false;
  return true;
}

void program_run(benchmark::State& state) {
  for (auto _ : state) {
    const program_shapes shapes = resnet50_program.run(input_of(side_of(state)));
    benchmark::DoNotOptimize(shapes);
    benchmark::ClobberMemory();
  }
  if (!same_shapes(resnet50_program.run(input_of(state.range(0))), models::resnet50(input_of(state.range(0)))))
    state.SkipWithError("the program's shapes differ from models::resnet50's");
}

void program_try(benchmark::State& state) {
  program_shapes shapes;
  for (auto _ : state) {
    const cs::error_info error = resnet50_program.try_run(input_of(side_of(state)), shapes);
    benchmark::DoNotOptimize(error.code);
    benchmark::DoNotOptimize(shapes);
    benchmark::ClobberMemory();
  }
  if (resnet50_program.try_run(input_of(state.range(0)), shapes) ||
      !same_shapes(shapes, models::resnet50(input_of(state.range(0)))))
    state.SkipWithError("the program's shapes differ from models::resnet50's");
}

void chain_shapes(benchmark::State& state) {
  for (auto _ : state) {
    auto out = resnet50_chain(input_of(side_of(state)));
    benchmark::DoNotOptimize(out);
  }
  if (resnet50_chain(input_of(state.range(0))) != cs::flat_shape{1, 1000})
    state.SkipWithError("unexpected ResNet-50 output");
}

void floor_arithmetic(benchmark::State& state) {
  for (auto _ : state) {
    auto out = resnet50_arithmetic(side_of(state));
    benchmark::DoNotOptimize(out);
  }
}

}  // namespace

BENCHMARK(network_throwing)->Name("resnet50/network/throwing")->Arg(224)->Arg(512);
BENCHMARK(network_try)->Name("resnet50/network/try")->Arg(224)->Arg(512);
BENCHMARK(network_with_totals)->Name("resnet50/network+totals")->Arg(224)->Arg(512);
BENCHMARK(network_empty)->Name("resnet50/network/empty")->Arg(224);
BENCHMARK(program_run)->Name("resnet50/program/run")->Arg(224)->Arg(512);
BENCHMARK(program_try)->Name("resnet50/program/try")->Arg(224)->Arg(512);
BENCHMARK(chain_shapes)->Name("resnet50/chain/shapes")->Arg(224)->Arg(512);
BENCHMARK(floor_arithmetic)->Name("resnet50/floor/arithmetic")->Arg(224)->Arg(512);

int main(int argc, char** argv) {
  benchmark::AddCustomContext("sizeof(network)", std::to_string(sizeof(bench::resnet50_network)));
  benchmark::AddCustomContext("sizeof(record)", std::to_string(sizeof(bench::resnet50_network::record)));
  benchmark::AddCustomContext("records", std::to_string(models::resnet50_net.size()) + " of " +
                                             std::to_string(bench::resnet50_network::capacity));
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
