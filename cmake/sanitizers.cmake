# CONVSHAPE_SANITIZE: AddressSanitizer and UndefinedBehaviorSanitizer on
# everything this project builds (tests, examples, the command, benchmarks).
# Included from the top-level CMakeLists.txt before any add_subdirectory(),
# so the directory-scope options reach every target defined below it.
#
# Never on the library target convshape::convshape (an INTERFACE target that
# is installed and exported): consumers choose their own flags. The
# compile_fail and headers tests run the compiler with -fsyntax-only from
# CMAKE_CXX_FLAGS and convshape_warnings (compile_test.cmake), neither of
# which carries these options, and they link nothing. tests/package builds
# its consumers in separate CMake runs, which do not inherit them either.
#
# Run the sanitized programs with, as the sanitize presets and
# `tools/run sanitize` do:
#   ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1
#   UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# catch_discover_tests runs each test executable at build time to list its
# cases, so the build should see them too.
include_guard(GLOBAL)

if(NOT CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  message(FATAL_ERROR "CONVSHAPE_SANITIZE needs g++ or clang++ (-fsanitize=address,undefined), but the C++ compiler "
                      "is ${CMAKE_CXX_COMPILER_ID} (${CMAKE_CXX_COMPILER})")
endif()

# -fno-sanitize-recover=all: a UBSan finding ends the program with a failure
# status, so CTest sees it (by default UBSan prints and goes on).
set(convshape_sanitize_flags -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
add_compile_options(${convshape_sanitize_flags})
add_link_options(${convshape_sanitize_flags})

# -O0 under ASan makes the sweeps and the 100,000-line CLI test slow; -O1
# keeps the stacks readable. After CMAKE_CXX_FLAGS_DEBUG on the command line,
# so it wins over nothing but -O0; targets that ask for -O2 themselves (the
# command, the reference tests) still get -O2.
add_compile_options($<$<CONFIG:Debug>:-O1>)

message(STATUS "convshape: sanitizers on: ${convshape_sanitize_flags}")
