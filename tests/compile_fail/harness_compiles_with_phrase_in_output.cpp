// expect: effective_kernel_exceeds_padded_input
// harness: must-not-pass
// Harness check: PASS_REGULAR_EXPRESSION ignores the exit code, so a program
// that compiles while printing the phrase (here in a #pragma message) must
// still not pass: the runner shows no compiler output after a success.
#include <convshape/convshape.hpp>

#if defined(__clang__)
#pragma clang diagnostic warning "-W#pragma-messages"  // printed, not an error
#endif
#pragma message "effective_kernel_exceeds_padded_input"

int main() { return 0; }
