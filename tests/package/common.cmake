cmake_minimum_required(VERSION 3.23)

# Shared by the packaging test scripts (cmake -P): run a command, stop on
# failure; the -G/-A/-T/compiler arguments of the outer build; hiding packages;
# and building a consumer project.
function(convshape_run)
  execute_process(COMMAND ${ARGN} COMMAND_ECHO STDOUT RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "command failed (${rc})")
  endif()
endfunction()

foreach(var CONVSHAPE_SOURCE_DIR WORK_DIR GENERATOR CXX_COMPILER)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "${var} is not set")
  endif()
endforeach()

set(configure_args -G "${GENERATOR}" "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}")
if(GENERATOR_PLATFORM)
  list(APPEND configure_args -A "${GENERATOR_PLATFORM}")
endif()
if(GENERATOR_TOOLSET)
  list(APPEND configure_args -T "${GENERATOR_TOOLSET}")
endif()
if(MAKE_PROGRAM)
  list(APPEND configure_args "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}")
endif()
# Debug for single-config generators; --config/-C Debug for multi-config ones.
list(APPEND configure_args -DCMAKE_BUILD_TYPE=Debug)

# HIDE_PACKAGES (comma-separated; a list would split into several arguments):
# packages that hide_args keeps out of find_package()'s sight, as on a machine
# without them.
set(hide_args --no-warn-unused-cli)  # an option left OFF never looks for its package
string(REPLACE "," ";" hidden_packages "${HIDE_PACKAGES}")
foreach(package IN LISTS hidden_packages)
  list(APPEND hide_args "-DCMAKE_DISABLE_FIND_PACKAGE_${package}=ON")
endforeach()

# convshape_build_consumer(<source dir> <build dir> [CONFIGURE_ONLY] [-D<cache entry>...])
# Configures a consumer project from scratch, builds it and runs its tests
# (the consumer program).
function(convshape_build_consumer source_dir build_dir)
  cmake_parse_arguments(PARSE_ARGV 2 arg "CONFIGURE_ONLY" "" "")
  file(REMOVE_RECURSE "${build_dir}")
  convshape_run("${CMAKE_COMMAND}" -S "${source_dir}" -B "${build_dir}" ${configure_args} ${arg_UNPARSED_ARGUMENTS})
  if(NOT arg_CONFIGURE_ONLY)
    convshape_run("${CMAKE_COMMAND}" --build "${build_dir}" --config Debug)
    # --verbose: the consumer's output goes into the test's log.
    convshape_run("${CMAKE_CTEST_COMMAND}" --test-dir "${build_dir}" -C Debug --verbose --no-tests=error)
  endif()
endfunction()
