// convshape: CONVSHAPE_HOST_DEVICE, the CUDA execution space of the shape
// functions.
#pragma once

// nvcc compiles a constexpr function for the host only, unless the caller
// passes --expt-relaxed-constexpr; marked __host__ __device__, the shape
// functions are callable from kernels without the flag. Empty elsewhere.
#if defined(__CUDACC__)
#define CONVSHAPE_HOST_DEVICE __host__ __device__
#else
#define CONVSHAPE_HOST_DEVICE
#endif
