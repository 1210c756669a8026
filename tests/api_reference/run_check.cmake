# The two steps of the API reference check, run by CTest:
#
#   cmake -DSTEP=read -DCLANGXX=... -DCHECKER=... -DINCLUDE_DIR=... -DWORK_DIR=... [-DEXTRA_FLAGS=-I...]
#         -P run_check.cmake
#     clang++ reads every public header (all of INCLUDE_DIR/convshape but detail/, however deep);
#     api_reference_check lists the public API from what it read, into WORK_DIR/api.txt, and
#     the headers into WORK_DIR/headers.txt.
#   cmake -DSTEP=check -DCHECKER=... -DDOC=... -DWORK_DIR=... [-DREMOVE=word -DEXPECT=text] -P ...
#     checks DOC against that list. With REMOVE, a negative control: every mention of the word
#     REMOVE is taken out of a copy of DOC, and the check must fail naming EXPECT.
foreach(var IN ITEMS STEP CHECKER WORK_DIR)
  if(NOT ${var})
    message(FATAL_ERROR "run_check.cmake: ${var} is not set")
  endif()
endforeach()

if(STEP STREQUAL "read")
  if(NOT CLANGXX OR NOT INCLUDE_DIR)
    message(FATAL_ERROR "run_check.cmake: the read step needs CLANGXX and INCLUDE_DIR")
  endif()
  file(MAKE_DIRECTORY ${WORK_DIR})
  file(GLOB_RECURSE headers RELATIVE ${INCLUDE_DIR} ${INCLUDE_DIR}/convshape/*.hpp)
  list(FILTER headers EXCLUDE REGEX "(^|/)detail/")
  list(SORT headers)
  set(unit "// Generated: every public header of convshape.\n")
  foreach(header IN LISTS headers)
    string(APPEND unit "#include <${header}>\n")
  endforeach()
  file(WRITE ${WORK_DIR}/all_headers.cpp "${unit}")
  string(REPLACE ";" "\n" header_lines "${headers}")
  file(WRITE ${WORK_DIR}/headers.txt "${header_lines}\n")

  foreach(step IN ITEMS "ast.json;-fsyntax-only;-Xclang;-ast-dump=json;-Xclang;-ast-dump-filter=convshape"
                        "formatters.json;-fsyntax-only;-Xclang;-ast-dump=json;-Xclang;-ast-dump-filter=formatter"
                        "macros.txt;-E;-dD")
    list(POP_FRONT step output)
    execute_process(COMMAND ${CLANGXX} -std=c++20 -I${INCLUDE_DIR} ${EXTRA_FLAGS} ${step} ${WORK_DIR}/all_headers.cpp
                    OUTPUT_FILE ${WORK_DIR}/${output} ERROR_VARIABLE errors RESULT_VARIABLE status)
    if(NOT status EQUAL 0)
      message(FATAL_ERROR "${CLANGXX} could not read the headers:\n${errors}")
    endif()
  endforeach()
  execute_process(COMMAND ${CHECKER} list ${INCLUDE_DIR} ${WORK_DIR}/ast.json ${WORK_DIR}/formatters.json
                          ${WORK_DIR}/macros.txt
                  OUTPUT_FILE ${WORK_DIR}/api.txt ERROR_VARIABLE errors RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "api_reference_check could not list the API:\n${errors}")
  endif()
  list(LENGTH headers count)
  message("${CLANGXX} read ${count} public headers; the names are in ${WORK_DIR}/api.txt")
  return()
endif()

if(NOT DOC)
  message(FATAL_ERROR "run_check.cmake: the check step needs DOC")
endif()
file(STRINGS ${WORK_DIR}/headers.txt headers)
set(doc ${DOC})
if(DEFINED REMOVE)
  file(READ ${DOC} text)
  string(REGEX REPLACE "([^A-Za-z0-9_])${REMOVE}([^A-Za-z0-9_])" "\\1removed\\2" text "${text}")
  string(MAKE_C_IDENTIFIER "${REMOVE}" suffix)
  set(doc ${WORK_DIR}/reference_without_${suffix}.md)
  file(WRITE ${doc} "${text}")
endif()

execute_process(COMMAND ${CHECKER} check ${doc} ${WORK_DIR}/api.txt ${headers}
                OUTPUT_VARIABLE out ERROR_VARIABLE errors RESULT_VARIABLE status)
message("${out}${errors}")
if(NOT DEFINED REMOVE)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${DOC} does not document the whole public API (above)")
  endif()
elseif(NOT status EQUAL 1)
  message(FATAL_ERROR "negative control: without '${REMOVE}' the check should fail (status 1), got ${status}")
else()
  string(FIND "${out}" "${EXPECT}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "negative control: without '${REMOVE}' the check failed, but did not name ${EXPECT}")
  endif()
  message("negative control: without '${REMOVE}' the check fails and names ${EXPECT}")
endif()
