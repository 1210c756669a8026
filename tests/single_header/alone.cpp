// The single header on its own, with no include directory but its folder,
// included twice (its #pragma once), and the library usable from it.
#include <convshape.hpp>
#include <convshape.hpp>

namespace cs = convshape;

static_assert(cs::conv2d(cs::nhwc(4, 28, 28, 3), {.filters = 16, .kernel = 5, .strides = 2, .padding = cs::same}) ==
              cs::nhwc(4, 14, 14, 16));

int main() {}
