# cmake -DCONVSHAPE_SOURCE_DIR=... -DWORK_DIR=... -DGENERATOR=... -DCXX_COMPILER=...
#       -DVERSION=<X.Y.Z> -DGIT=<git> -P readme_fetch_content.cmake
#
# Runs the FetchContent snippet of README.md's "Using it from CMake" section,
# read from the README itself so that the two cannot drift apart. Its
# GIT_REPOSITORY, the one thing a user changes, becomes a local git repository
# made from the source tree (the working tree without build/ and .git, so
# uncommitted work is in it too), committed and tagged v<VERSION>; the snippet's
# GIT_TAG must name that tag. No network. The snippet goes into a consumer
# project after add_executable(app ...), builds and runs.
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

file(READ "${CONVSHAPE_SOURCE_DIR}/README.md" readme)
string(FIND "${readme}" "\n## Using it from CMake\n" start)
if(start EQUAL -1)
  message(FATAL_ERROR "README.md has no section '## Using it from CMake'")
endif()
string(SUBSTRING "${readme}" ${start} -1 section)
string(SUBSTRING "${section}" 1 -1 section)  # past the newline, so the next section's is the first
string(FIND "${section}" "\n## " end)
string(SUBSTRING "${section}" 0 ${end} section)

# The ```cmake block with FetchContent_Declare in it: exactly one.
string(REGEX MATCHALL "```cmake\n[^`]*```" blocks "${section}")
list(FILTER blocks INCLUDE REGEX "FetchContent_Declare")
list(LENGTH blocks count)
if(NOT count EQUAL 1)
  message(FATAL_ERROR "README.md's 'Using it from CMake' has ${count} ```cmake blocks with FetchContent_Declare, not 1")
endif()
string(REGEX REPLACE "^```cmake\n(.*)```$" "\\1" snippet "${blocks}")
message(STATUS "the README's snippet:\n${snippet}")

if(NOT snippet MATCHES "GIT_TAG[ \t]+v${VERSION}[ \t\n)]")
  message(FATAL_ERROR "the snippet's GIT_TAG is not v${VERSION}, the version's tag")
endif()
if(NOT snippet MATCHES "GIT_REPOSITORY[ \t]+([^ \t\n)]+)")
  message(FATAL_ERROR "the snippet has no GIT_REPOSITORY <address>")
endif()
set(address "${CMAKE_MATCH_1}")

# The repository: a copy of the source tree, committed and tagged.
set(repo "${WORK_DIR}/convshape.git")
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${repo}")
file(GLOB entries LIST_DIRECTORIES true "${CONVSHAPE_SOURCE_DIR}/*" "${CONVSHAPE_SOURCE_DIR}/.*")
foreach(entry IN LISTS entries)
  get_filename_component(name "${entry}" NAME)
  if(NOT name MATCHES "^(build|\\.git|\\.|\\.\\.)$")
    file(COPY "${entry}" DESTINATION "${repo}")
  endif()
endforeach()
# --git-dir and --work-tree on every call: the copy lies inside the source
# tree's own repository, which must never be touched.
set(git "${GIT}" "--git-dir=${repo}/.git" "--work-tree=${repo}" -c user.name=convshape-test -c user.email=test@invalid
    -c commit.gpgsign=false -c tag.gpgsign=false)
convshape_run("${GIT}" init --quiet "${repo}")
convshape_run(${git} add --all)
convshape_run(${git} commit --quiet -m "convshape ${VERSION}")
convshape_run(${git} tag "v${VERSION}")

string(REPLACE "${address}" "${repo}" snippet "${snippet}")
set(consumer "${WORK_DIR}/consumer")
file(WRITE "${consumer}/CMakeLists.txt" "\
cmake_minimum_required(VERSION 3.23)
project(convshape_readme_fetch_content_consumer LANGUAGES CXX)
add_executable(app \"${CMAKE_CURRENT_LIST_DIR}/consumer.cpp\")

${snippet}
enable_testing()
add_test(NAME app COMMAND app)
")
convshape_build_consumer("${consumer}" "${WORK_DIR}/consumer-build")
