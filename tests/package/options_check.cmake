# cmake -DCONVSHAPE_SOURCE_DIR=... -DWORK_DIR=... -DGENERATOR=... -DCXX_COMPILER=...
#       -DHIDE_PACKAGES=<package>,... -P options_check.cmake
#
# Configures convshape from its sources with its optional dependencies
# (HIDE_PACKAGES) out of find_package()'s sight, as on a machine without them:
#   - with no option given, configuring succeeds and each option that needs a
#     package says it is OFF, naming the Debian packages that provide them;
#   - asking for such an option (-D<option>=ON) is a configure error naming them.
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

# Each option that needs packages, and the Debian packages that provide them.
set(debian_CONVSHAPE_BUILD_TESTS catch2 libfmt-dev)
set(debian_CONVSHAPE_BUILD_EXAMPLES libfmt-dev)
set(debian_CONVSHAPE_BUILD_CLI libcli11-dev nlohmann-json3-dev libfmt-dev libonnx-dev libprotobuf-dev)
set(debian_CONVSHAPE_BUILD_BENCHMARKS libbenchmark-dev)
set(debian_CONVSHAPE_BUILD_FUZZERS nlohmann-json3-dev libfmt-dev libonnx-dev libprotobuf-dev)
# Those ON by default for a top-level project (the others are opt-in).
set(default_on CONVSHAPE_BUILD_TESTS CONVSHAPE_BUILD_EXAMPLES CONVSHAPE_BUILD_CLI)
set(options ${default_on} CONVSHAPE_BUILD_BENCHMARKS CONVSHAPE_BUILD_FUZZERS)

set(problems "")

# configure(<build dir> <output variable> <status variable> [-D...])
function(configure build_dir output_var status_var)
  file(REMOVE_RECURSE "${build_dir}")
  execute_process(COMMAND "${CMAKE_COMMAND}" -S "${CONVSHAPE_SOURCE_DIR}" -B "${build_dir}" ${configure_args}
                          ${hide_args} ${ARGN}
                  OUTPUT_VARIABLE output ERROR_VARIABLE output RESULT_VARIABLE status)
  string(REGEX REPLACE "\n  " " " output "${output}")  # unwrap CMake's wrapped error messages
  set(${output_var} "${output}" PARENT_SCOPE)
  set(${status_var} ${status} PARENT_SCOPE)
endfunction()

# Expects a line with <prefix> and every Debian package of <option>.
function(expect_line output option prefix)
  set(line_regex "${prefix}[^\n]*")
  foreach(debian IN LISTS debian_${option})
    string(APPEND line_regex "Debian package ${debian}[^\n]*")
  endforeach()
  if(output MATCHES "(${line_regex})")
    message(STATUS "found: ${CMAKE_MATCH_1}")
  else()
    string(APPEND problems "no line /${line_regex}/ in:\n${output}\n")
    set(problems "${problems}" PARENT_SCOPE)
  endif()
endfunction()

configure("${WORK_DIR}/defaults" output status)
if(NOT status EQUAL 0)
  string(APPEND problems "configuring with no option failed:\n${output}\n")
endif()
foreach(option IN LISTS default_on)
  expect_line("${output}" ${option} "convshape: ${option} is OFF: it needs ")
endforeach()

foreach(option IN LISTS options)
  configure("${WORK_DIR}/${option}" output status -D${option}=ON)
  if(status EQUAL 0)
    string(APPEND problems "configuring with -D${option}=ON succeeded\n")
  endif()
  expect_line("${output}" ${option} "${option} is ON, but it needs ")
endforeach()

if(problems)
  message(FATAL_ERROR "${problems}")
endif()
