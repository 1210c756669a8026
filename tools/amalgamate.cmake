# Writes the single header: include/convshape/convshape.hpp, the core
# umbrella, with every convshape header it reaches inlined in its place, each
# once, for users who take one file (Compiler Explorer, a vendored copy).
#
#   cmake -P tools/amalgamate.cmake                  writes single-header/convshape.hpp
#   cmake -DOUTPUT=<file> -P tools/amalgamate.cmake  writes <file> instead
#
# Includes are followed, never listed, so the headers may be edited, added or
# moved freely. Quoted includes are resolved from the including file's folder,
# <convshape/...> from include/. Standard headers stay where they are: one
# outside any #if is written the first time only; one under a preprocessor
# conditional is copied as it is, and a convshape header under a conditional
# stops the script, since inlining it once could not keep the condition.
# `#pragma once` of the inlined files gives way to the output's own. Lines
# `// begin <convshape/X.hpp>` and `// end <...>` frame each inlined header
# (tests/single_header reads the first kind). The output depends only on the
# headers and LICENSE, so a fresh run reproduces it byte for byte
# (tests/single_header checks the committed copy).
cmake_minimum_required(VERSION 3.23)

get_filename_component(root "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)
set(include_dir "${root}/include")
set(umbrella "${include_dir}/convshape/convshape.hpp")
if(NOT DEFINED OUTPUT)
  set(OUTPUT "${root}/single-header/convshape.hpp")
endif()

include("${root}/cmake/split_lines.cmake")
set(directive "^[ \t]*#[ \t]*")

# Appends the lines of `file` to `out`, inlining the convshape headers it
# includes that are not in `inlined` yet. `outer_depth` counts the
# conditionals open around the include that brought `file` in.
function(inline_file file outer_depth)
  file(RELATIVE_PATH name "${include_dir}" "${file}")
  list(APPEND inlined "${file}")
  string(APPEND out "// begin <${name}>\n")
  get_filename_component(folder "${file}" DIRECTORY)
  set(depth ${outer_depth})

  file(READ "${file}" text)
  convshape_split_lines("${text}" source)
  foreach(index RANGE ${source_count})
    if(index EQUAL source_count)
      break()
    endif()
    set(line "${source_${index}}")

    if(line MATCHES "${directive}if")
      math(EXPR depth "${depth} + 1")
    elseif(line MATCHES "${directive}endif")
      math(EXPR depth "${depth} - 1")
    elseif(line MATCHES "${directive}pragma[ \t]+once")
      continue()
    elseif(line MATCHES "${directive}include[ \t]*(<convshape/[^>]+>|\"[^\"]+\")")
      set(target "${CMAKE_MATCH_1}")
      if(target MATCHES "^<(.+)>$")
        set(included "${include_dir}/${CMAKE_MATCH_1}")
      else()
        string(REGEX REPLACE "^\"(.+)\"$" "\\1" included "${target}")
        set(included "${folder}/${included}")
      endif()
      get_filename_component(included "${included}" ABSOLUTE)
      string(FIND "${included}" "${include_dir}/convshape/" at)
      if(NOT EXISTS "${included}" OR NOT at EQUAL 0)
        message(FATAL_ERROR "${name}: ${target} is not a header in include/convshape/")
      endif()
      if(NOT depth EQUAL 0)
        message(FATAL_ERROR "${name}: ${target} is included under a preprocessor conditional, "
                            "which an amalgamation that inlines each header once cannot keep")
      endif()
      if(NOT included IN_LIST inlined)
        inline_file("${included}" ${depth})
      endif()
      continue()
    elseif(line MATCHES "${directive}include[ \t]*(<[^>]+>)" AND depth EQUAL 0)
      if(CMAKE_MATCH_1 IN_LIST standard_headers)
        continue()
      endif()
      list(APPEND standard_headers "${CMAKE_MATCH_1}")
    endif()
    string(APPEND out "${line}\n")
  endforeach()

  if(NOT depth EQUAL outer_depth)
    message(FATAL_ERROR "${name}: unbalanced #if/#endif")
  endif()
  string(APPEND out "// end <${name}>\n")
  set(out "${out}" PARENT_SCOPE)
  set(inlined "${inlined}" PARENT_SCOPE)
  set(standard_headers "${standard_headers}" PARENT_SCOPE)
endfunction()

set(out "")
set(inlined)
set(standard_headers)
inline_file("${umbrella}" 0)
# Dropped includes leave runs of blank lines behind.
string(REGEX REPLACE "\n\n\n+" "\n\n" out "${out}")

# The banner's facts, each read from the one place that holds it: the version
# from the inlined version header, wherever it lives, the rest from LICENSE.
string(REGEX MATCH "\n#define CONVSHAPE_VERSION_STRING \"([^\"]+)\"" version_definition "${out}")
set(version "${CMAKE_MATCH_1}")
file(STRINGS "${root}/LICENSE" license LIMIT_COUNT 1)
file(STRINGS "${root}/LICENSE" copyright REGEX "^Copyright")
if(NOT version OR NOT license OR NOT copyright)
  message(FATAL_ERROR "amalgamate: no CONVSHAPE_VERSION_STRING in the headers, or no license or copyright line in LICENSE")
endif()
file(RELATIVE_PATH umbrella_name "${root}" "${umbrella}")

file(WRITE "${OUTPUT}" "// convshape ${version} in one header: the core library, ${umbrella_name}
// with every header it includes. The opt-in headers (formatting with {fmt},
// the reference kernels) are not part of it.
// ${license}. ${copyright}.
// Generated by tools/amalgamate.cmake from include/convshape/; do not edit.
#pragma once

${out}")
