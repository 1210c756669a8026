# Regenerates the single header into OUTPUT and compares it, byte for byte,
# with the committed copy:
#   cmake -DGENERATOR=<amalgamate.cmake> -DCOMMITTED=<file> -DOUTPUT=<file> -P check_fresh.cmake
cmake_minimum_required(VERSION 3.23)

execute_process(COMMAND ${CMAKE_COMMAND} -DOUTPUT=${OUTPUT} -P ${GENERATOR} RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "The generator failed: cmake -DOUTPUT=${OUTPUT} -P ${GENERATOR}")
endif()

execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${COMMITTED} ${OUTPUT} RESULT_VARIABLE differs)
if(differs)
  message(FATAL_ERROR "${COMMITTED} is not what the headers in include/ generate now (a fresh copy is "
                      "${OUTPUT}). Regenerate it from the source tree's root with:\n"
                      "  cmake -P tools/amalgamate.cmake")
endif()
message("${COMMITTED} equals a fresh generation.")
