// expect: unused variable 'unused'.*-Werror
// Harness check: the warning flags reach the compiler, so the compile_fail
// tests see the library under the same -Werror as the rest of the build.
#include <convshape/convshape.hpp>

int main() {
#ifndef CONVSHAPE_COMPILE_FAIL_CONTROL  // the control build leaves out the error
  int unused = 0;
#endif
  return 0;
}
