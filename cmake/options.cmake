# convshape's options; included from the top-level CMakeLists.txt after
# project(). The library itself needs nothing: only the options that build
# more need other packages.
#
# Such an option is ON by default only when convshape is the top-level project
# and every package it needs is found; otherwise it is OFF, with a status line
# naming what is missing and the Debian package that provides it. That OFF is
# not cached, so installing the package and configuring again turns it on.
# Asking for the option (-D<option>=ON, or a parent project setting it) while a
# package is missing is a configure error naming the package.

# convshape_dependency(<Debian package> <find_package() arguments>...): a
# package that an option needs, found as its subdirectory finds it.
macro(convshape_dependency debian package)
  list(APPEND convshape_optional_packages ${package})
  set(convshape_find_${package} ${package} ${ARGN})
  set(convshape_debian_${package} ${debian})
endmacro()

convshape_dependency(catch2 Catch2 2)
convshape_dependency(libfmt-dev fmt 9 CONFIG)
convshape_dependency(libcli11-dev CLI11 CONFIG)
convshape_dependency(nlohmann-json3-dev nlohmann_json 3)
convshape_dependency(libbenchmark-dev benchmark)
# The ONNX reader of the command (cli/onnx/) parses models with ONNX's own
# protobuf classes. ONNX's CMake package links protobuf::libprotobuf without
# finding it, and libonnx-dev does not depend on libprotobuf-dev (Debian 12):
# both are named.
convshape_dependency(libonnx-dev ONNX CONFIG)
convshape_dependency(libprotobuf-dev Protobuf)

# convshape_option(<option> <help> <default> [NEEDS <package>...])
# A macro: each package is found in the top-level directory's scope, as its
# subdirectory would find it (Catch2's package adds to CMAKE_MODULE_PATH).
macro(convshape_option option help default)
  cmake_parse_arguments(_convshape "" "" "NEEDS" ${ARGN})
  set(_convshape_asked FALSE)
  set(_convshape_wanted ${default})
  if(DEFINED ${option})
    set(_convshape_asked TRUE)
    set(_convshape_wanted ${${option}})
  endif()

  set(_convshape_missing "")
  if(_convshape_wanted)
    foreach(_convshape_package IN LISTS _convshape_NEEDS)
      find_package(${convshape_find_${_convshape_package}} QUIET)
      if(NOT ${_convshape_package}_FOUND)
        list(APPEND _convshape_missing
             "${_convshape_package} (Debian package ${convshape_debian_${_convshape_package}})")
      endif()
    endforeach()
  endif()
  list(JOIN _convshape_missing " and " _convshape_missing)

  if(_convshape_asked AND _convshape_wanted AND _convshape_missing)
    message(FATAL_ERROR "${option} is ON, but it needs ${_convshape_missing}, not found: install what is missing, "
                        "or configure with -D${option}=OFF")
  elseif(_convshape_missing)
    message(STATUS "convshape: ${option} is OFF: it needs ${_convshape_missing}, not found")
    set(${option} OFF)
  else()
    option(${option} "${help}" ${_convshape_wanted})
  endif()
endmacro()

convshape_option(CONVSHAPE_BUILD_TESTS "Build convshape's tests" ${PROJECT_IS_TOP_LEVEL} NEEDS Catch2 fmt)
convshape_option(CONVSHAPE_BUILD_EXAMPLES "Build convshape's examples" ${PROJECT_IS_TOP_LEVEL} NEEDS fmt)
convshape_option(CONVSHAPE_BUILD_CLI "Build the convshape command" ${PROJECT_IS_TOP_LEVEL}
                 NEEDS CLI11 nlohmann_json fmt ONNX Protobuf)
# Measurement tools, which tools/runtime_cost.sh and tools/fuzz.sh turn on.
convshape_option(CONVSHAPE_BUILD_BENCHMARKS "Build the run-time benchmarks" OFF NEEDS benchmark)
convshape_option(CONVSHAPE_BUILD_FUZZERS "Build the libFuzzer targets (clang++ only)" OFF
                 NEEDS nlohmann_json fmt ONNX Protobuf)
option(CONVSHAPE_INSTALL "Generate convshape's install rules and packages" ${PROJECT_IS_TOP_LEVEL})
option(CONVSHAPE_SANITIZE "Build tests, examples and the command with ASan and UBSan (g++ or clang++)" OFF)
