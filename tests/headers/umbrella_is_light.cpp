// The core umbrella header stays cheap to include: no strings, containers,
// streams, <algorithm> or {fmt} (formatting is opt-in, <convshape/fmt.hpp>).
// Each check looks for the include guard of one heavy header; libstdc++'s
// are checked against GCC 12's headers, libc++'s follow its one pattern.
//
// The negative controls in CMakeLists.txt compile this file with
// CONVSHAPE_TEST_INCLUDE_FIRST set to a heavy header, and expect its #error:
// that proves each guard name is right, so the check cannot pass vacuously.
#if defined(CONVSHAPE_TEST_INCLUDE_FIRST)
#include CONVSHAPE_TEST_INCLUDE_FIRST
#endif

#include <convshape/convshape.hpp>

#if defined(_GLIBCXX_STRING) || defined(_LIBCPP_STRING)
#error "the core umbrella pulled in <string>"
#endif
#if defined(_GLIBCXX_VECTOR) || defined(_LIBCPP_VECTOR)
#error "the core umbrella pulled in <vector>"
#endif
#if defined(_GLIBCXX_MAP) || defined(_LIBCPP_MAP)
#error "the core umbrella pulled in <map>"
#endif
#if defined(_GLIBCXX_MEMORY) || defined(_LIBCPP_MEMORY)
#error "the core umbrella pulled in <memory>"
#endif
#if defined(_GLIBCXX_FUNCTIONAL) || defined(_LIBCPP_FUNCTIONAL)
#error "the core umbrella pulled in <functional>"
#endif
#if defined(_GLIBCXX_ALGORITHM) || defined(_LIBCPP_ALGORITHM)
#error "the core umbrella pulled in <algorithm>"
#endif
#if defined(_GLIBCXX_IOSTREAM) || defined(_LIBCPP_IOSTREAM)
#error "the core umbrella pulled in <iostream>"
#endif
#if defined(_GLIBCXX_OSTREAM) || defined(_LIBCPP_OSTREAM)
#error "the core umbrella pulled in <ostream>"
#endif
#if defined(_GLIBCXX_SSTREAM) || defined(_LIBCPP_SSTREAM)
#error "the core umbrella pulled in <sstream>"
#endif
#if defined(_GLIBCXX_UTILITY) || defined(_LIBCPP_UTILITY)
#error "the core umbrella pulled in <utility>"
#endif
// libstdc++ declares std::exception alone in <bits/exception.h>; libc++ has
// no such header, so the whole of <exception> is checked for libstdc++ only.
#if defined(__GLIBCXX__) && defined(__EXCEPTION__)
#error "the core umbrella pulled in <exception>"
#endif
#if defined(FMT_VERSION)
#error "the core umbrella pulled in {fmt}"
#endif

// Something to compile, so the translation unit is not empty.
static_assert(convshape::spatial_rank(convshape::layout::nhwc) == 2);
