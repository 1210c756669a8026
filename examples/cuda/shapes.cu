// convshape in CUDA: the shape functions are __host__ __device__ under nvcc,
// so a kernel computes shapes from sizes it learns at run time, with the
// same code and the same answers as the host. No --expt-relaxed-constexpr.
//
//   tools/run cuda   compiles this file with nvcc (no GPU needed) and runs
//                    it; without a GPU it checks the host side only.
#include <cstdint>
#include <cstdio>

#include <cuda_runtime.h>

#include <convshape/convshape.hpp>

namespace cs = convshape;

// At compile time, as in C++: the brief's dilation trap.
static_assert(cs::conv2d(cs::nchw(1, 64, 32, 32), {.filters = 128, .kernel = 3, .padding = 1, .dilation = 2}) ==
              cs::nchw(1, 128, 30, 30));

// A network is a host object, but its shapes are constants that kernels read.
constexpr cs::layer<2> layers[] = {
    cs::conv2d({.filters = 64, .kernel = 7, .strides = 2, .padding = 3}, "stem"),
    cs::max_pool2d({.window = 3, .strides = 2, .padding = 1}, "pool"),
};
constexpr auto stem = cs::sequential<cs::torch>(cs::nchw(1, 3, 224, 224), layers);
constexpr std::int64_t stem_side = stem.output().height();
static_assert(stem_side == 56);

/// ResNet's stem on a square image of any side: the pooled side, or the
/// negated error code when the image is too small. Host and device alike.
/// The try_ functions, since a device has no exceptions: there the throwing
/// ones trap, which ends the kernel.
__host__ __device__ constexpr std::int64_t pooled_side(std::int64_t side) {
  const auto failed = [](const cs::error_info& e) { return -static_cast<std::int64_t>(e.code); };
  const auto x = cs::try_make_shape<cs::layout::nchw>(1, 3, {side, side});
  if (!x) return failed(x.error());
  const auto y = cs::try_conv<cs::torch>(*x, cs::conv_params<2>{.filters = 64, .kernel = 7, .strides = 2, .padding = 3});
  if (!y) return failed(y.error());
  const auto z = cs::try_max_pool<cs::torch>(*y, cs::max_pool_params<2>{.window = 3, .strides = 2, .padding = 1});
  if (!z) return failed(z.error());
  return z->height();
}
static_assert(pooled_side(224) == stem_side);
static_assert(pooled_side(0) == -static_cast<std::int64_t>(cs::errc::extent_below_one));

__global__ void pooled_sides(const std::int64_t* sides, std::int64_t* out, int n) {
  const int i = static_cast<int>(blockIdx.x * blockDim.x + threadIdx.x);
  if (i < n) out[i] = pooled_side(sides[i]);
}

int main() {
  constexpr int n = 6;
  const std::int64_t sides[n] = {0, 1, 7, 32, 224, 512};
  std::int64_t expected[n];
  for (int i = 0; i < n; ++i) expected[i] = pooled_side(sides[i]);  // the host's answers

  int devices = 0;
  if (cudaGetDeviceCount(&devices) != cudaSuccess || devices == 0) {
    std::printf("no CUDA device: the host side only\n");
    for (int i = 0; i < n; ++i) std::printf("side %4lld -> %lld\n", static_cast<long long>(sides[i]),
                                            static_cast<long long>(expected[i]));
    return expected[4] == stem_side ? 0 : 1;
  }
  std::int64_t *device_sides = nullptr, *device_out = nullptr, got[n];
  if (cudaMalloc(&device_sides, sizeof sides) != cudaSuccess || cudaMalloc(&device_out, sizeof got) != cudaSuccess ||
      cudaMemcpy(device_sides, sides, sizeof sides, cudaMemcpyHostToDevice) != cudaSuccess) {
    std::printf("CUDA allocation failed\n");
    return 1;
  }
  pooled_sides<<<1, n>>>(device_sides, device_out, n);
  const bool copied = cudaMemcpy(got, device_out, sizeof got, cudaMemcpyDeviceToHost) == cudaSuccess;
  cudaFree(device_sides);
  cudaFree(device_out);
  int wrong = copied ? 0 : n;
  for (int i = 0; copied && i < n; ++i) {
    std::printf("side %4lld -> device %lld, host %lld\n", static_cast<long long>(sides[i]),
                static_cast<long long>(got[i]), static_cast<long long>(expected[i]));
    wrong += got[i] != expected[i];
  }
  return wrong == 0 ? 0 : 1;
}
