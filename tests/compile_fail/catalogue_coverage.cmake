# Every row of the error catalogue (CONVSHAPE_ERRC_CATALOGUE in
# core/error.hpp) has two compile-fail tests here, named after the row's
# compile_error function <name>:
#   <name>.cpp          today's spelling, whose first line is
#                       `// expect: <name>`;
#   checked_<name>.cpp  a checked spelling (checked.hpp), whose first two
#                       lines are `// expect-message: <the message>` and
#                       `// expect-rule: <name>`.
#   cmake -DHEADER=<error.hpp> -DDIR=<tests/compile_fail> -P catalogue_coverage.cmake
cmake_minimum_required(VERSION 3.23)

# The macro's definition: from its #define to the first empty line.
file(READ "${HEADER}" header)
string(FIND "${header}" "#define CONVSHAPE_ERRC_CATALOGUE(X)" start)
if(start EQUAL -1)
  message(FATAL_ERROR "no #define CONVSHAPE_ERRC_CATALOGUE(X) in ${HEADER}")
endif()
string(SUBSTRING "${header}" ${start} -1 catalogue)
string(FIND "${catalogue}" "\n\n" end)
string(SUBSTRING "${catalogue}" 0 ${end} catalogue)
string(REGEX MATCHALL "X\\([a-z0-9_]+, [a-z0-9_]+\\)" rows "${catalogue}")
list(LENGTH rows count)
if(count EQUAL 0)
  message(FATAL_ERROR "no rows of CONVSHAPE_ERRC_CATALOGUE found in ${HEADER}")
endif()

set(missing)
set(missing_checked)
foreach(row IN LISTS rows)
  string(REGEX REPLACE "X\\(([a-z0-9_]+), ([a-z0-9_]+)\\)" "\\2" name "${row}")
  set(source "${DIR}/${name}.cpp")
  set(first_line)
  if(EXISTS "${source}")
    file(STRINGS "${source}" first_line LIMIT_COUNT 1)
  endif()
  if(NOT first_line STREQUAL "// expect: ${name}")
    list(APPEND missing "${name}")
  endif()

  # Read as text, not as lines in a CMake list: a message may hold a '['
  # without its ']', which would join the lines.
  set(checked "${DIR}/checked_${name}.cpp")
  set(text)
  if(EXISTS "${checked}")
    file(READ "${checked}" text)
  endif()
  if(NOT text MATCHES "^// expect-message: [^\r\n]+\r?\n// expect-rule: ${name}\r?\n")
    list(APPEND missing_checked "checked_${name}")
  endif()
endforeach()

set(report)
if(missing)
  list(JOIN missing "\n  " text)
  string(APPEND report "catalogue rows without a compile-fail test (<name>.cpp, whose first line is "
                       "// expect: <name>):\n  ${text}\n")
endif()
if(missing_checked)
  list(JOIN missing_checked "\n  " text)
  string(APPEND report "catalogue rows without a checked compile-fail test (checked_<name>.cpp, whose first two "
                       "lines are // expect-message: <message> and // expect-rule: <name>):\n  ${text}\n")
endif()
if(report)
  message(FATAL_ERROR "${report}")
endif()
message("all ${count} rows of the error catalogue have a compile-fail test and a checked one")
