// convshape reference kernels: naive, direct-loop convolution, transposed
// convolution and pooling on real tensors, for checking the shape formulas
// and for comparing with the frameworks. Not part of <convshape/convshape.hpp>:
// it needs <vector> and <string>, which the core avoids.
#pragma once

#include "reference/conv.hpp"
#include "reference/pool.hpp"
#include "reference/tensor.hpp"
