# cmake -DCONSUMER_SOURCE_DIR=... -DWORK_DIR=... -DCONVSHAPE_SOURCE_DIR=...
#       -DGENERATOR=... -DCXX_COMPILER=... [-DPREFIX_PATH=...] [-DPACKAGE_DIR=...]
#       [-DEXPECTED_VERSION=...] [-DREQUESTED_VERSION=...] [-DCONFIGURE_ONLY=ON]
#       -P build_consumer.cmake
#
# Configures a consumer project from scratch in WORK_DIR, builds it and runs
# its tests (the consumer program). CONVSHAPE_SOURCE_DIR reaches the consumer
# as a cache variable, PREFIX_PATH as CMAKE_PREFIX_PATH, PACKAGE_DIR as
# convshape_DIR, EXPECTED_VERSION as CONVSHAPE_EXPECTED_VERSION and
# REQUESTED_VERSION as CONVSHAPE_REQUESTED_VERSION.
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

set(consumer_args "-DCONVSHAPE_SOURCE_DIR=${CONVSHAPE_SOURCE_DIR}")
if(PREFIX_PATH)
  list(APPEND consumer_args "-DCMAKE_PREFIX_PATH=${PREFIX_PATH}")
endif()
if(PACKAGE_DIR)
  list(APPEND consumer_args "-Dconvshape_DIR=${PACKAGE_DIR}")
endif()
if(EXPECTED_VERSION)
  list(APPEND consumer_args "-DCONVSHAPE_EXPECTED_VERSION=${EXPECTED_VERSION}")
endif()
if(REQUESTED_VERSION)
  list(APPEND consumer_args "-DCONVSHAPE_REQUESTED_VERSION=${REQUESTED_VERSION}")
endif()
if(CONFIGURE_ONLY)
  list(APPEND consumer_args CONFIGURE_ONLY)
endif()
convshape_build_consumer("${CONSUMER_SOURCE_DIR}" "${WORK_DIR}" ${consumer_args})
