# Compiles one source for a compile test and reports in a form CTest can match:
#   cmake -DCOMPILER=<c++> -DFLAGS=<list> -DSOURCE=<file> -DMODE=<fail|succeed> -P run_compiler.cmake
#
# MODE fail: the source must not compile. CTest matches the expected phrase
# with PASS_REGULAR_EXPRESSION, which ignores the exit code, so the compiler's
# output is shown only when compilation failed: a program that compiles can
# never pass, whatever it prints. The source's path and name are blanked from
# the output, and these messages do not name it, because compile_fail sources
# are named after their phrase.
#
# MODE message: the source must not compile, and the first three lines of the
# compiler's output must hold the message and rule that its `// expect-message:`
# and `// expect-rule:` lines give (compile_message.cmake); the exit code decides.
#
# MODE succeed: the source must compile; the exit code decides.
cmake_minimum_required(VERSION 3.23)

foreach(var IN ITEMS COMPILER SOURCE MODE)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "run_compiler.cmake: ${var} is not set")
  endif()
endforeach()

# Plain ASCII quotes from g++, so that phrases need no Unicode.
set(ENV{LC_ALL} C)
execute_process(COMMAND ${COMPILER} ${FLAGS} ${SOURCE}
                RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output)

get_filename_component(source_name "${SOURCE}" NAME)
string(REPLACE "${SOURCE}" "<source>" output "${output}")
string(REPLACE "${source_name}" "<source>" output "${output}")

if(MODE STREQUAL "fail")
  if(status EQUAL 0)
    message(FATAL_ERROR "The source compiled, but it must not.")
  endif()
  message("The source failed to compile; the compiler said:\n${output}")
elseif(MODE STREQUAL "message")
  if(status EQUAL 0)
    message(FATAL_ERROR "The source compiled, but it must not.")
  endif()
  include(${CMAKE_CURRENT_LIST_DIR}/compile_message.cmake)
  convshape_check_compile_message("${SOURCE}" "${output}")
elseif(MODE STREQUAL "succeed")
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "The source must compile, but the compiler said:\n${output}")
  endif()
  message("The source compiled.\n${output}")
else()
  message(FATAL_ERROR "run_compiler.cmake: MODE must be fail, message or succeed, not '${MODE}'")
endif()
