# cmake -DCONVSHAPE_SOURCE_DIR=... -DWORK_DIR=... -DGENERATOR=... -DCXX_COMPILER=...
#       [-DBUILD_DIR=<configured convshape build>] [-DCHECK_ALL_HEADERS=ON]
#       -P install_and_check.cmake
#
# Without BUILD_DIR: configures and builds convshape from its sources in
# WORK_DIR/build with tests, examples and the command off. Then installs that build into a
# fresh WORK_DIR/prefix and checks the result: the three package files, and
# nothing but them and headers under include/convshape/. CHECK_ALL_HEADERS: also
# every header of the source tree's include/convshape/ among them.
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

set(prefix "${WORK_DIR}/prefix")
file(REMOVE_RECURSE "${prefix}")
if(NOT BUILD_DIR)
  set(BUILD_DIR "${WORK_DIR}/build")
  file(REMOVE_RECURSE "${BUILD_DIR}")
  convshape_run("${CMAKE_COMMAND}" -S "${CONVSHAPE_SOURCE_DIR}" -B "${BUILD_DIR}" ${configure_args}
                -DCONVSHAPE_BUILD_TESTS=OFF -DCONVSHAPE_BUILD_EXAMPLES=OFF -DCONVSHAPE_BUILD_CLI=OFF
                -DCONVSHAPE_INSTALL=ON)
  convshape_run("${CMAKE_COMMAND}" --build "${BUILD_DIR}" --config Debug)
endif()
convshape_run("${CMAKE_COMMAND}" --install "${BUILD_DIR}" --config Debug --prefix "${prefix}")

file(GLOB_RECURSE installed LIST_DIRECTORIES false RELATIVE "${prefix}" "${prefix}/*")
list(SORT installed)
string(REPLACE ";" "\n   " listing "${installed}")
message(STATUS "installed into ${prefix}:\n   ${listing}")
set(problems "")

foreach(file IN LISTS installed)
  if(NOT file MATCHES "^include/convshape/.*\\.hpp$" AND NOT file MATCHES "^share/cmake/convshape/[^/]*\\.cmake$")
    string(APPEND problems "installed, but neither a header nor a package file: ${file}\n")
  endif()
endforeach()

foreach(file convshapeConfig.cmake convshapeConfigVersion.cmake convshapeTargets.cmake)
  if(NOT "share/cmake/convshape/${file}" IN_LIST installed)
    string(APPEND problems "missing package file: share/cmake/convshape/${file}\n")
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
