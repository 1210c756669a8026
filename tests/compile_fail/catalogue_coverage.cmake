# Every row of the error catalogue (CONVSHAPE_ERRC_CATALOGUE in
# core/error.hpp) has its compile-fail test: a file here named after the
# row's compile_error function, expecting that name.
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
endforeach()

if(missing)
  list(JOIN missing "\n  " text)
  message(FATAL_ERROR "catalogue rows without a compile-fail test (<name>.cpp, whose first line is // expect: <name>):\n  ${text}")
endif()
message("all ${count} rows of the error catalogue have a compile-fail test")
