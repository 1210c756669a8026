# Checks one code block of the documentation (see CMakeLists.txt), as a test:
#   cmake -DMODE=<mode> -DWHERE=<file:line> ... -P check_block.cmake
#
# MODE run       compile SOURCE with COMPILER and FLAGS into EXECUTABLE, run it:
#                it must exit 0; its standard output is kept in OUTPUT_FILE.
# MODE excerpt   the lines of EXPECTED_FILE must appear, one after another, in
#                the output of COMMAND (a list), or in OUTPUT_FILE when no
#                COMMAND is given; a line "..." stands for any number of lines.
#                With SUBSTRINGS, each expected line need only be part of an
#                output line (compiler output, whose lines start with paths).
# MODE commands  every "$ convshape ARGS" or "$ echo 'LINE' | convshape ARGS"
#                line of BLOCK_FILE is run with CONVSHAPE for convshape, and
#                its output must be exactly the lines that follow, up to the
#                next "$ " line.
# MODE problem   fails with MESSAGE: a block the test cannot check as written.
#
# Every failure message starts with WHERE, the block's file and line. When
# the program to run, named TARGET_NAME, is not built (COMMAND or CONVSHAPE
# is empty), the test says "skipped: ".
cmake_minimum_required(VERSION 3.23)

include(${CMAKE_CURRENT_LIST_DIR}/markdown.cmake)

# Plain ASCII quotes from g++, as the documentation shows them.
set(ENV{LC_ALL} C)

# Fails, printing the summary and the details as they are (FATAL_ERROR would
# reflow them).
function(fail summary details)
  message("${WHERE}: ${summary}\n${details}")
  message(FATAL_ERROR "${WHERE}: the check failed")
endfunction()

function(line_matches actual expected result)
  if(SUBSTRINGS)
    string(FIND "${actual}" "${expected}" at)
    if(at EQUAL -1)
      set(${result} FALSE PARENT_SCOPE)
    else()
      set(${result} TRUE PARENT_SCOPE)
    endif()
  elseif(actual STREQUAL expected)
    set(${result} TRUE PARENT_SCOPE)
  else()
    set(${result} FALSE PARENT_SCOPE)
  endif()
endfunction()

# Fails unless the expected lines, in runs separated by "...", appear in the
# output in order, each run on consecutive lines.
function(expect_excerpt output expected)
  convshape_split_lines("${output}" out)
  convshape_split_lines("${expected}" want)
  set(cursor 0)  # the first output line the next run may start at
  set(i 0)
  while(i LESS want_count)
    if(want_${i} STREQUAL "...")
      math(EXPR i "${i} + 1")
      continue()
    endif()
    # The run: expected lines i .. run_end - 1.
    set(run_end ${i})
    while(run_end LESS want_count AND NOT want_${run_end} STREQUAL "...")
      math(EXPR run_end "${run_end} + 1")
    endwhile()
    math(EXPR run_length "${run_end} - ${i}")
    math(EXPR last_start "${out_count} - ${run_length}")
    set(found -1)
    set(start ${cursor})
    while(found EQUAL -1 AND NOT start GREATER last_start)
      set(k 0)
      set(all TRUE)
      while(all AND k LESS run_length)
        math(EXPR o "${start} + ${k}")
        math(EXPR w "${i} + ${k}")
        line_matches("${out_${o}}" "${want_${w}}" all)
        math(EXPR k "${k} + 1")
      endwhile()
      if(all)
        set(found ${start})
      endif()
      math(EXPR start "${start} + 1")
    endwhile()
    if(found EQUAL -1)
      math(EXPR block_line "${FIRST_LINE} + ${i}")
      fail("the listing does not match the real output from its line ${block_line} on: ${want_${i}}"
           "The real output:\n${output}")
    endif()
    math(EXPR cursor "${found} + ${run_length}")
    set(i ${run_end})
  endwhile()
endfunction()

function(run_commands block convshape)
  convshape_split_lines("${block}" line)
  set(i 0)
  while(i LESS line_count)
    set(command "${line_${i}}")
    math(EXPR i "${i} + 1")
    if(NOT command MATCHES "^\\$ ")
      continue()
    endif()
    set(expected "")
    while(i LESS line_count AND NOT line_${i} MATCHES "^\\$ ")
      string(APPEND expected "${line_${i}}\n")
      math(EXPR i "${i} + 1")
    endwhile()

    set(input_option)
    if(command MATCHES "^\\$ echo '([^']*)' \\| convshape(.*)$")
      file(WRITE "${WORK_FILE}" "${CMAKE_MATCH_1}\n")
      set(input_option INPUT_FILE "${WORK_FILE}")
      set(arguments "${CMAKE_MATCH_2}")
    elseif(command MATCHES "^\\$ convshape(.*)$")
      set(arguments "${CMAKE_MATCH_1}")
    else()
      fail("only `$ convshape ARGS` and `$ echo '...' | convshape ARGS` can be run, not: ${command}" "")
    endif()
    separate_arguments(arguments UNIX_COMMAND "${arguments}")
    execute_process(COMMAND "${convshape}" ${arguments} ${input_option}
                    RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output)
    if(NOT output STREQUAL expected)
      fail("the output of `${command}` is not the one shown (exit status ${status})"
           "Shown:\n${expected}Real:\n${output}")
    endif()
  endwhile()
endfunction()

foreach(program IN ITEMS COMMAND CONVSHAPE)
  if(DEFINED ${program})
    if("${${program}}" MATCHES "^(;|$)")  # an empty first element: no file
      message("skipped: ${WHERE} needs ${TARGET_NAME}, which is not built")
      return()
    endif()
  endif()
endforeach()

if(MODE STREQUAL "run")
  execute_process(COMMAND "${COMPILER}" ${FLAGS} "${SOURCE}" -o "${EXECUTABLE}" ${LINK}
                  RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output)
  if(NOT status EQUAL 0)
    fail("the block does not compile (${SOURCE})" "${output}")
  endif()
  execute_process(COMMAND "${EXECUTABLE}" RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE errors)
  file(WRITE "${OUTPUT_FILE}" "${output}")
  if(NOT status EQUAL 0)
    fail("the block compiled, but the program exited with ${status}" "${output}${errors}")
  endif()
  message("${WHERE}: compiled and ran.\n${output}")
elseif(MODE STREQUAL "excerpt")
  if(DEFINED COMMAND)
    execute_process(COMMAND ${COMMAND} OUTPUT_VARIABLE output ERROR_VARIABLE output)
  else()
    file(READ "${OUTPUT_FILE}" output)
  endif()
  file(READ "${EXPECTED_FILE}" expected)
  expect_excerpt("${output}" "${expected}")
  message("${WHERE}: every line appears in the real output.")
elseif(MODE STREQUAL "commands")
  file(READ "${BLOCK_FILE}" block)
  run_commands("${block}" "${CONVSHAPE}")
  message("${WHERE}: every command gave the output shown.")
elseif(MODE STREQUAL "problem")
  fail("${MESSAGE}" "")
else()
  message(FATAL_ERROR "check_block.cmake: unknown MODE '${MODE}'")
endif()
