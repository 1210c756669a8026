// expect-message: layer 6 'fc1' (dense): dense: units must be at least 1, got 0
// expect-rule: units_must_be_at_least_1
// PyTorch's Linear(400, 120) written with in_features only: the smallest
// input LeNet accepts is asked of a chain whose dense layer has no units.
#include <convshape/convshape.hpp>

namespace cs = convshape;

template <std::int64_t units>
constexpr cs::layer<2> lenet[] = {cs::conv2d({.filters = 6, .kernel = 5}), cs::max_pool2d({.window = 2}),
                                  cs::conv2d({.filters = 16, .kernel = 5}), cs::max_pool2d({.window = 2}),
                                  cs::flatten(), cs::dense({.in_features = 400, .units = units}, "fc1")};

static_assert(cs::ok<cs::try_smallest_input(cs::nchw(1, 1, 33, 33), lenet<120>)> == cs::per_dim<2>{32, 32});

#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
[[maybe_unused]] constexpr auto smallest = cs::ok<cs::try_smallest_input(cs::nchw(1, 1, 33, 33), lenet<0>)>;
#endif
