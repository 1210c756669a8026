# Proves that sources compiled through the shims read the single header and no
# real convshape header: the preprocessor's -H lists every file it opens.
#   cmake -DCOMPILER=<c++> -DFLAGS=<list> -DSOURCES=<list> -DSINGLE_HEADER=<file>
#         -DSHIM_DIR=<dir> -DREAL_INCLUDE_DIR=<dir> -P check_reach.cmake
# A file fails the check if it is under REAL_INCLUDE_DIR, or if it is named
# like a header of the single header (convshape/X.hpp) outside SHIM_DIR, as an
# installed copy of convshape would be.
cmake_minimum_required(VERSION 3.23)

file(STRINGS ${SINGLE_HEADER} markers REGEX "^// begin <convshape/.+>$")
list(TRANSFORM markers REPLACE "^// begin <(.+)>$" "\\1")

set(problems)
foreach(source IN LISTS SOURCES)
  execute_process(COMMAND ${COMPILER} ${FLAGS} -E -H ${source}
                  RESULT_VARIABLE status OUTPUT_QUIET ERROR_VARIABLE listing)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "Preprocessing ${source} failed:\n${listing}")
  endif()
  string(REPLACE "\n" ";" lines "${listing}")
  set(read_single_header FALSE)
  foreach(line IN LISTS lines)
    if(NOT line MATCHES "^\\.+ (.+)$")
      continue()
    endif()
    get_filename_component(file "${CMAKE_MATCH_1}" ABSOLUTE)
    string(FIND "${file}" "${REAL_INCLUDE_DIR}/" in_real)
    string(FIND "${file}" "${SHIM_DIR}/" in_shims)
    if(file STREQUAL SINGLE_HEADER)
      set(read_single_header TRUE)
    elseif(in_real EQUAL 0)
      list(APPEND problems "${source} reads the real header ${file}")
    elseif(NOT in_shims EQUAL 0)
      foreach(header IN LISTS markers)
        if(file MATCHES "/${header}$")
          list(APPEND problems "${source} reads ${file}, another copy of <${header}>")
        endif()
      endforeach()
    endif()
  endforeach()
  if(NOT read_single_header)
    list(APPEND problems "${source} does not read ${SINGLE_HEADER}")
  endif()
endforeach()

if(problems)
  list(JOIN problems "\n  " listing)
  message(FATAL_ERROR "Not the single header alone:\n  ${listing}")
endif()
list(LENGTH SOURCES count)
message("${count} sources read ${SINGLE_HEADER} and no other convshape header.")
