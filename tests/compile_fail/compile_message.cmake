# convshape_check_compile_message(<source> <compiler output>)
#
# Reads back the message of a checked spelling's compile error
# (include/convshape/checked.hpp) from the first three lines of the
# compiler's output, and compares it with what the source expects:
#   // expect-message: <the error_info's message, exactly>
#   // expect-rule: <its compile_error function>   (absent for expect_eq)
# Each compiler prints the message in its own form:
#   - g++: a string literal, compile_message{"..."}, with ' and " escaped;
#   - clang++ 15 and later: lines of 29 characters, {{{"..."}, {"..."}, ...}},
#     the last padded with spaces;
#   - clang++ 14: the numbers of each line's first 10 characters, which are
#     compared with the same characters of the message;
#   - C++26 static_assert messages (clang++ 17 and later, -std=c++2c): the
#     text after the requirement, holds<RULE>.
# The rule is the first template argument of convshape::invalid (or holds): a
# function of convshape::compile_error, or none (g++ prints 0, clang++ nullptr).
include_guard(GLOBAL)

function(convshape_check_compile_message source output)
  # Read without a CMake list: a message may hold a '[' without its ']'
  # ("channels [58, 117) must lie within..."), which would join list
  # elements.
  set(expected_message)
  set(expected_rule)
  file(READ "${source}" text)
  string(PREPEND text "\n")
  if(text MATCHES "\n// expect-message: ([^\r\n]+)")
    set(expected_message "${CMAKE_MATCH_1}")
  endif()
  if(text MATCHES "\n// expect-rule: ([a-z0-9_]+)[\r\n]")
    set(expected_rule "${CMAKE_MATCH_1}")
  endif()
  if("${expected_message}" STREQUAL "")
    message(FATAL_ERROR "${source}: no `// expect-message: <text>` line")
  endif()

  # The first three lines, read without a CMake list: compiler output holds ';'.
  set(head)
  set(rest "${output}")
  foreach(i RANGE 1 3)
    string(FIND "${rest}" "\n" newline)
    if(newline EQUAL -1)
      string(APPEND head "${rest}")
      break()
    endif()
    math(EXPR length "${newline} + 1")
    string(SUBSTRING "${rest}" 0 ${length} line)
    string(APPEND head "${line}")
    string(SUBSTRING "${rest}" ${length} -1 rest)
  endforeach()

  set(numbers_only FALSE)
  if(head MATCHES "static assertion failed due to requirement 'holds<([^'\n]*)>': ([^\n]*)")
    set(rule "${CMAKE_MATCH_1}")
    set(got "${CMAKE_MATCH_2}")
  elseif(head MATCHES "invalid<([^,<>]*), convshape::detail::compile_message{\"([^\n]*)\"}>")
    set(rule "${CMAKE_MATCH_1}")
    set(got "${CMAKE_MATCH_2}")
  elseif(head MATCHES "invalid<([^,<>]*), detail::compile_message{{([^\n]*)}}>")
    set(rule "${CMAKE_MATCH_1}")
    # Each line {"..."} in turn, not as a list: a line may hold a '['.
    set(got)
    set(rest "${CMAKE_MATCH_2}")
    while(rest MATCHES "^[^{]*{\"(([^\"\\\\]|\\\\.)*)\"}(.*)$")
      string(APPEND got "${CMAKE_MATCH_1}")
      set(rest "${CMAKE_MATCH_3}")
    endwhile()
    string(REGEX REPLACE " +$" "" got "${got}")
  elseif(head MATCHES "invalid<([^,<>]*), {{([^\n]*)}}>")
    set(rule "${CMAKE_MATCH_1}")
    set(numbers_only TRUE)
    string(REGEX MATCHALL "{{[0-9, .]+}}" pieces "${CMAKE_MATCH_2}")
  else()
    message(FATAL_ERROR "No convshape message in the first three lines of the compiler's output:\n${head}")
  endif()

  string(REGEX REPLACE "^&" "" rule "${rule}")
  string(REGEX REPLACE "^convshape::compile_error::" "" rule "${rule}")
  if("${rule}" STREQUAL "0" OR "${rule}" STREQUAL "nullptr")
    set(rule "")
  endif()
  if(NOT "${rule}" STREQUAL "${expected_rule}")
    message(FATAL_ERROR "The compile error names the rule '${rule}', not '${expected_rule}':\n${head}")
  endif()

  if(numbers_only)
    # Each line's characters as far as shown, against the message's.
    string(LENGTH "${expected_message}" message_length)
    math(EXPR lines_expected "(${message_length} + 28) / 29")
    list(LENGTH pieces lines_shown)
    if(NOT lines_shown EQUAL lines_expected)
      message(FATAL_ERROR "The message has ${lines_shown} lines, not ${lines_expected}:\n${head}")
    endif()
    set(index 0)
    foreach(piece IN LISTS pieces)
      string(REGEX MATCHALL "[0-9]+" codes "${piece}")
      set(shown)
      foreach(code IN LISTS codes)
        string(ASCII ${code} character)
        string(APPEND shown "${character}")
      endforeach()
      math(EXPR start "${index} * 29")
      string(LENGTH "${shown}" shown_length)
      string(SUBSTRING "${expected_message}          " ${start} ${shown_length} expected_part)
      if(NOT "${shown}" STREQUAL "${expected_part}")
        message(FATAL_ERROR "Line ${index} of the message begins '${shown}', not '${expected_part}':\n${head}")
      endif()
      math(EXPR index "${index} + 1")
    endforeach()
    message("The message's lines begin as expected, with the rule '${rule}'.")
    return()
  endif()

  string(REPLACE "\\'" "'" got "${got}")
  string(REPLACE "\\\"" "\"" got "${got}")
  string(REPLACE "\\\\" "\\" got "${got}")
  if(NOT "${got}" STREQUAL "${expected_message}")
    message(FATAL_ERROR "The compile error's message is\n  ${got}\nnot\n  ${expected_message}\n"
                        "The first three lines:\n${head}")
  endif()
  message("The first three lines hold the expected message and rule:\n${head}")
endfunction()
