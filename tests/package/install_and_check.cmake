# cmake -DCONVSHAPE_SOURCE_DIR=... -DWORK_DIR=... -DGENERATOR=... -DCXX_COMPILER=...
#       [-DHIDE_PACKAGES=<package>,...] | [-DBUILD_DIR=<configured convshape build> [-DEXPECT_CLI=ON]]
#       [-DCHECK_ALL_HEADERS=ON]
#       -P install_and_check.cmake
#
# Without BUILD_DIR: configures convshape from its sources in WORK_DIR/build
# with no option given and HIDE_PACKAGES (its optional dependencies) out of
# find_package()'s sight, as on a machine without them, builds it and installs
# it. With BUILD_DIR: installs that build. Either way into a fresh
# WORK_DIR/prefix, and checks the result: the library component (headers, the
# three package files, the license), the command and its license only with
# EXPECT_CLI, nothing else. CHECK_ALL_HEADERS: also every header of the
# source tree's include/convshape/ among them.
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

set(prefix "${WORK_DIR}/prefix")
file(REMOVE_RECURSE "${prefix}")
if(NOT BUILD_DIR)
  set(BUILD_DIR "${WORK_DIR}/build")
  file(REMOVE_RECURSE "${BUILD_DIR}")
  convshape_run("${CMAKE_COMMAND}" -S "${CONVSHAPE_SOURCE_DIR}" -B "${BUILD_DIR}" ${configure_args} ${hide_args})
  convshape_run("${CMAKE_COMMAND}" --build "${BUILD_DIR}" --config Debug)
endif()
convshape_run("${CMAKE_COMMAND}" --install "${BUILD_DIR}" --config Debug --prefix "${prefix}")

file(GLOB_RECURSE installed LIST_DIRECTORIES false RELATIVE "${prefix}" "${prefix}/*")
list(SORT installed)
string(REPLACE ";" "\n   " listing "${installed}")
message(STATUS "installed into ${prefix}:\n   ${listing}")
set(problems "")

set(expected share/cmake/convshape/convshapeConfig.cmake share/cmake/convshape/convshapeConfigVersion.cmake
             share/cmake/convshape/convshapeTargets.cmake share/doc/libconvshape-dev/copyright)
if(EXPECT_CLI)
  list(APPEND expected bin/convshape share/doc/convshape/copyright)
endif()
foreach(file IN LISTS installed)
  if(NOT file MATCHES "^include/convshape/.*\\.hpp$" AND NOT file IN_LIST expected)
    string(APPEND problems "installed, but not expected: ${file}\n")
  endif()
endforeach()
foreach(file IN LISTS expected)
  if(NOT file IN_LIST installed)
    string(APPEND problems "not installed: ${file}\n")
  endif()
endforeach()

if(CHECK_ALL_HEADERS)
  file(GLOB_RECURSE headers RELATIVE "${CONVSHAPE_SOURCE_DIR}" "${CONVSHAPE_SOURCE_DIR}/include/convshape/*.hpp")
  foreach(header IN LISTS headers)
    if(NOT header IN_LIST installed)
      string(APPEND problems "not installed, missing from the FILE_SET HEADERS: ${header}\n")
    endif()
  endforeach()
endif()

if(problems)
  message(FATAL_ERROR "install into ${prefix}:\n${problems}")
endif()
