# convshape_add_compile_test(NAME <test> SOURCE <file>
#                            (EXPECT_SUCCESS | EXPECT_ERROR <regex> | EXPECT_MESSAGE)
#                            [MUST_NOT_PASS]
#                            [FLAGS <flag>...])
#
# Adds a CTest test that runs the C++ compiler on one source with -fsyntax-only
# and the flags of the real build (C++20, the include directory, the
# convshape_warnings options), through run_compiler.cmake.
#   EXPECT_SUCCESS      the source must compile.
#   EXPECT_ERROR regex  it must fail to compile with an error matching regex
#                       (no ';' in it: CTest would split the regex in two).
#   EXPECT_MESSAGE      it must fail to compile with the message and rule that
#                       its `// expect-message:` and `// expect-rule:` lines
#                       give, in the first three lines (compile_message.cmake).
#   MUST_NOT_PASS       inverts the test, for the checks of the harness itself.
#                       With EXPECT_MESSAGE it passes only if the message read
#                       back differs from the expected one, not on any other
#                       failure (a typo, no message found), so that such a
#                       check proves the comparison can fail.
include_guard(GLOBAL)

function(convshape_add_compile_test)
  cmake_parse_arguments(PARSE_ARGV 0 arg "EXPECT_SUCCESS;EXPECT_MESSAGE;MUST_NOT_PASS" "NAME;SOURCE;EXPECT_ERROR" "FLAGS")
  set(modes 0)
  foreach(given IN ITEMS arg_EXPECT_SUCCESS arg_EXPECT_MESSAGE)
    if(${given})
      math(EXPR modes "${modes} + 1")
    endif()
  endforeach()
  if(DEFINED arg_EXPECT_ERROR)
    math(EXPR modes "${modes} + 1")
  endif()
  if(NOT arg_NAME OR NOT arg_SOURCE OR NOT modes EQUAL 1)
    message(FATAL_ERROR "convshape_add_compile_test: needs NAME, SOURCE and one of EXPECT_SUCCESS, EXPECT_ERROR, "
                        "EXPECT_MESSAGE")
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
  elseif(arg_EXPECT_MESSAGE)
    set(mode message)
  else()
    set(mode fail)
  endif()

  add_test(NAME ${arg_NAME}
           COMMAND ${CMAKE_COMMAND} "-DCOMPILER=${CMAKE_CXX_COMPILER}" "-DFLAGS=${flags}"
                   "-DSOURCE=${arg_SOURCE}" -DMODE=${mode} -P ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/run_compiler.cmake)
  if(DEFINED arg_EXPECT_ERROR)
    set_tests_properties(${arg_NAME} PROPERTIES PASS_REGULAR_EXPRESSION "${arg_EXPECT_ERROR}")
  endif()
  if(arg_MUST_NOT_PASS AND arg_EXPECT_MESSAGE)
    # The phrases of compile_message.cmake's message mismatches, which it
    # prints only after reading a message back.
    set_tests_properties(${arg_NAME} PROPERTIES PASS_REGULAR_EXPRESSION
                         "The compile error's message is|Line [0-9]+ of the message begins|The message has [0-9]+ lines")
  elseif(arg_MUST_NOT_PASS)
    set_tests_properties(${arg_NAME} PROPERTIES WILL_FAIL TRUE)
  endif()
  set_tests_properties(${arg_NAME} PROPERTIES LABELS compile)
endfunction()
