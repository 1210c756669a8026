// convshape: {fmt} formatters for every convshape value (opt-in; link fmt::fmt).
//
//   #include <convshape/fmt.hpp>
//   fmt::format("{}", convshape::nhwc(4, 14, 14, 16))   // NHWC(4, 14, 14, 16)
#pragma once

#include "output/fmt.hpp"
