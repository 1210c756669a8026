# convshape_add_compile_test(NAME <test> SOURCE <file>
#                            (EXPECT_SUCCESS | EXPECT_ERROR <regex>) [MUST_NOT_PASS]
#                            [FLAGS <flag>...])
#
# Adds a CTest test that runs the C++ compiler on one source with -fsyntax-only
# and the flags of the real build (C++20, the include directory, the
# convshape_warnings options), through run_compiler.cmake.
#   EXPECT_SUCCESS      the source must compile.
#   EXPECT_ERROR regex  it must fail to compile with an error matching regex
#                       (no ';' in it: CTest would split the regex in two).
#   MUST_NOT_PASS       inverts the test, for the checks of the harness itself.
include_guard(GLOBAL)

function(convshape_add_compile_test)
  cmake_parse_arguments(PARSE_ARGV 0 arg "EXPECT_SUCCESS;MUST_NOT_PASS" "NAME;SOURCE;EXPECT_ERROR" "FLAGS")
  if(NOT arg_NAME OR NOT arg_SOURCE OR (arg_EXPECT_SUCCESS AND DEFINED arg_EXPECT_ERROR)
     OR NOT (arg_EXPECT_SUCCESS OR DEFINED arg_EXPECT_ERROR))
    message(FATAL_ERROR "convshape_add_compile_test: needs NAME, SOURCE and one of EXPECT_SUCCESS, EXPECT_ERROR")
  endif()
  if(arg_EXPECT_ERROR MATCHES ";")
    message(FATAL_ERROR "convshape_add_compile_test(${arg_NAME}): the expected error must not contain ';'")
  endif()

  separate_arguments(user_flags NATIVE_COMMAND "${CMAKE_CXX_FLAGS}")
  set(flags
      -std=c++20 -fsyntax-only ${user_flags}
      "-I${convshape_SOURCE_DIR}/include"
      "$<TARGET_PROPERTY:convshape_warnings,INTERFACE_COMPILE_OPTIONS>"
      ${arg_FLAGS})
  if(arg_EXPECT_SUCCESS)
    set(mode succeed)
  else()
    set(mode fail)
  endif()

  add_test(NAME ${arg_NAME}
           COMMAND ${CMAKE_COMMAND} "-DCOMPILER=${CMAKE_CXX_COMPILER}" "-DFLAGS=${flags}"
                   "-DSOURCE=${arg_SOURCE}" -DMODE=${mode} -P ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/run_compiler.cmake)
  if(NOT arg_EXPECT_SUCCESS)
    set_tests_properties(${arg_NAME} PROPERTIES PASS_REGULAR_EXPRESSION "${arg_EXPECT_ERROR}")
  endif()
  if(arg_MUST_NOT_PASS)
    set_tests_properties(${arg_NAME} PROPERTIES WILL_FAIL TRUE)
  endif()
  set_tests_properties(${arg_NAME} PROPERTIES LABELS compile)
endfunction()
