// Negative controls of the strict header tests (CMakeLists.txt): compiled
// with the strict flags and -fno-exceptions, each CONVSHAPE_TEST_ line must
// fail with the warning it names, and the file without them must compile.
#include "user_globals.hpp"

#if defined(CONVSHAPE_TEST_SHADOW)
inline int shadowing() {
  const int p = 1;  // hides the user's global p
  return p;
}
#elif defined(CONVSHAPE_TEST_CONVERSION)
inline int narrowing(long long wide) { return wide; }
#elif defined(CONVSHAPE_TEST_SIGN_CONVERSION)
inline unsigned long long unsigned_from(long long signed_value) { return signed_value; }
#elif defined(CONVSHAPE_TEST_OLD_STYLE_CAST)
inline int truncated(double real) { return (int)real; }
#elif defined(CONVSHAPE_TEST_THROW)
inline void throwing() { throw 1; }
#endif
