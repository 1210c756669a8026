# convshape_split_lines, for the CMake scripts that read source and markdown
# line by line (tools/amalgamate.cmake, tests/docs).
#
# Text is split on "\n" by hand rather than taken as a CMake list, because
# code and output hold ';', unbalanced '[' and final '\', which a list would
# take apart.
include_guard(GLOBAL)

# convshape_split_lines(<text> <prefix>)
# Sets <prefix>_count and <prefix>_0 ... <prefix>_<count - 1>, the lines of
# <text> without their "\n".
function(convshape_split_lines text prefix)
  set(count 0)
  while(NOT text STREQUAL "")
    string(FIND "${text}" "\n" end)
    if(end EQUAL -1)
      set(line "${text}")
      set(text "")
    else()
      string(SUBSTRING "${text}" 0 ${end} line)
      math(EXPR next "${end} + 1")
      string(SUBSTRING "${text}" ${next} -1 text)
    endif()
    set(${prefix}_${count} "${line}" PARENT_SCOPE)
    math(EXPR count "${count} + 1")
  endwhile()
  set(${prefix}_count ${count} PARENT_SCOPE)
endfunction()
