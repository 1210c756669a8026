# The single header includes standard headers only: no convshape header by
# <convshape/...>, and nothing by a quoted name, which would be looked up next
# to the single header.
#   cmake -DSINGLE_HEADER=<file> -P check_no_convshape_include.cmake
cmake_minimum_required(VERSION 3.23)

file(STRINGS ${SINGLE_HEADER} includes REGEX "^[ \t]*#[ \t]*include")
set(project_includes ${includes})
list(FILTER project_includes INCLUDE REGEX "include[ \t]*(<convshape/|\")")
if(project_includes)
  list(JOIN project_includes "\n  " listing)
  message(FATAL_ERROR "${SINGLE_HEADER} still includes other files:\n  ${listing}")
endif()
list(LENGTH includes count)
message("${SINGLE_HEADER} includes only standard headers (${count} #include lines).")
