# cmake -DVERSION=<X.Y.Z> -DCHANGELOG=<CHANGELOG.md> [-DCOMMAND=<convshape>] -P check_version.cmake
#
# VERSION is the build's PROJECT_VERSION, which CMake read from version.hpp.
# The CHANGELOG's newest release, the first "## [X.Y.Z] - YYYY-MM-DD" heading
# after "## [Unreleased]", must be it, and `convshape --version` must print
# "convshape X.Y.Z".
cmake_minimum_required(VERSION 3.23)
set(problems "")

file(STRINGS "${CHANGELOG}" headings REGEX "^## ")
list(GET headings 0 first)
if(NOT first STREQUAL "## [Unreleased]")
  string(APPEND problems "${CHANGELOG}: the first section is '${first}', not '## [Unreleased]'\n")
endif()
list(FILTER headings EXCLUDE REGEX "^## \\[Unreleased\\]$")
list(GET headings 0 newest)
message(STATUS "${CHANGELOG}: newest release: ${newest}")
if(NOT newest MATCHES "^## \\[([^]]*)\\] - [0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]$")
  string(APPEND problems "${CHANGELOG}: '${newest}' is not '## [X.Y.Z] - YYYY-MM-DD'\n")
elseif(NOT CMAKE_MATCH_1 STREQUAL VERSION)
  string(APPEND problems "${CHANGELOG}: the newest release is ${CMAKE_MATCH_1}, the build's version ${VERSION}\n")
endif()

if(COMMAND)
  execute_process(COMMAND "${COMMAND}" --version OUTPUT_VARIABLE output ERROR_VARIABLE errors RESULT_VARIABLE status)
  message(STATUS "${COMMAND} --version: status ${status}, stdout '${output}', stderr '${errors}'")
  if(NOT status EQUAL 0 OR NOT output STREQUAL "convshape ${VERSION}\n" OR errors)
    string(APPEND problems "${COMMAND} --version: expected status 0 and 'convshape ${VERSION}' alone\n")
  endif()
endif()

if(problems)
  message(FATAL_ERROR "${problems}")
endif()
