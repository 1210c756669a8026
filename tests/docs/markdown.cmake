# Reading markdown and program output line by line, for the documentation
# tests (CMakeLists.txt at configure time, check_block.cmake when they run).
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

# convshape_markdown_blocks(<file> <prefix>)
#
# Reads the fenced code blocks of a markdown file. Sets in the caller's scope
#   <prefix>_count            the number of blocks
# and for each block i, from 1:
#   <prefix>_<i>_line         the line of its opening fence (1-based)
#   <prefix>_<i>_language     the word after the opening fence ("" if none)
#   <prefix>_<i>_marker       the HTML comment on the line just before the
#                             fence, without "<!--" and "-->" ("" if none)
#   <prefix>_<i>_text         its lines, each ending in "\n", the fence's
#                             indentation removed (blocks inside list items)
function(convshape_markdown_blocks file prefix)
  file(READ "${file}" content)
  convshape_split_lines("${content}" lines)
  set(count 0)
  set(previous "")
  set(in_block FALSE)
  set(line_number 0)
  while(line_number LESS lines_count)
    set(line "${lines_${line_number}}")
    math(EXPR line_number "${line_number} + 1")

    if(NOT in_block)
      if(line MATCHES "^( *)```([^`]*)$")
        math(EXPR count "${count} + 1")
        set(indent "${CMAKE_MATCH_1}")
        string(STRIP "${CMAKE_MATCH_2}" language)
        set(marker "")
        if(previous MATCHES "^ *<!--(.*)-->[ \t]*$")
          string(STRIP "${CMAKE_MATCH_1}" marker)
        endif()
        set(${prefix}_${count}_line ${line_number} PARENT_SCOPE)
        set(${prefix}_${count}_language "${language}" PARENT_SCOPE)
        set(${prefix}_${count}_marker "${marker}" PARENT_SCOPE)
        set(text "")
        set(in_block TRUE)
      endif()
    elseif(line STREQUAL "${indent}```")
      set(${prefix}_${count}_text "${text}" PARENT_SCOPE)
      set(in_block FALSE)
    else()
      string(LENGTH "${indent}" indent_length)
      string(SUBSTRING "${line}" 0 ${indent_length} head)
      if(head STREQUAL indent)
        string(SUBSTRING "${line}" ${indent_length} -1 line)
      endif()
      string(APPEND text "${line}\n")
    endif()
    set(previous "${line}")
  endwhile()
  if(in_block)
    message(FATAL_ERROR "${file}:${${prefix}_${count}_line}: the code block is never closed")
  endif()
  set(${prefix}_count ${count} PARENT_SCOPE)
endfunction()
