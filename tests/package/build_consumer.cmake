# cmake -DCONSUMER_SOURCE_DIR=... -DWORK_DIR=... -DCONVSHAPE_SOURCE_DIR=...
#       -DGENERATOR=... -DCXX_COMPILER=... [-DPREFIX_PATH=...] [-DPACKAGE_DIR=...]
#       [-DCONFIGURE_ONLY=ON]
#       -P build_consumer.cmake
#
# Configures a consumer project from scratch in WORK_DIR, builds it and runs
# its tests (the consumer program). CONVSHAPE_SOURCE_DIR reaches the consumer
# as a cache variable, PREFIX_PATH as CMAKE_PREFIX_PATH, PACKAGE_DIR as
# convshape_DIR.
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

file(REMOVE_RECURSE "${WORK_DIR}")
set(consumer_args "-DCONVSHAPE_SOURCE_DIR=${CONVSHAPE_SOURCE_DIR}")
if(PREFIX_PATH)
  list(APPEND consumer_args "-DCMAKE_PREFIX_PATH=${PREFIX_PATH}")
endif()
if(PACKAGE_DIR)
  list(APPEND consumer_args "-Dconvshape_DIR=${PACKAGE_DIR}")
endif()

convshape_run("${CMAKE_COMMAND}" -S "${CONSUMER_SOURCE_DIR}" -B "${WORK_DIR}" ${configure_args} ${consumer_args})
if(CONFIGURE_ONLY)
  return()
endif()
convshape_run("${CMAKE_COMMAND}" --build "${WORK_DIR}" --config Debug)
convshape_run("${CMAKE_CTEST_COMMAND}" --test-dir "${WORK_DIR}" -C Debug --output-on-failure --no-tests=error)
