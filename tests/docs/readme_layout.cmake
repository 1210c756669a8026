# The README's table of the repository's layout names every folder of
# include/convshape/, and no folder that is not there: `ls` and the README
# agree on the library's tiers.
#
#   cmake -DREADME=<file> -DINCLUDE_DIR=<dir> -P readme_layout.cmake
file(READ "${README}" readme)
string(REGEX MATCHALL "\n[|] `include/convshape/[a-z_]+/` [|]" rows "${readme}")
set(named "")
foreach(row IN LISTS rows)
  string(REGEX REPLACE "^\n[|] `include/convshape/([a-z_]+)/` [|]$" "\\1" folder "${row}")
  list(APPEND named "${folder}")
endforeach()
file(GLOB entries LIST_DIRECTORIES true RELATIVE "${INCLUDE_DIR}/convshape" "${INCLUDE_DIR}/convshape/*")
set(folders "")
foreach(entry IN LISTS entries)
  if(IS_DIRECTORY "${INCLUDE_DIR}/convshape/${entry}")
    list(APPEND folders "${entry}")
  endif()
endforeach()
list(SORT named)
list(SORT folders)
if(NOT named STREQUAL folders)
  message(FATAL_ERROR "README.md's layout table names the folders [${named}] of include/convshape/, "
                      "which holds [${folders}]")
endif()
message(STATUS "README.md's layout table names the folders of include/convshape/: ${folders}")
