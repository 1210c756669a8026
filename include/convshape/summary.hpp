// convshape: a network's summary as text, with {fmt} (opt-in; link fmt::fmt).
//
//   #include <convshape/summary.hpp>
//   fmt::print("{}", convshape::summary(net));
#pragma once

#include "output/summary.hpp"
