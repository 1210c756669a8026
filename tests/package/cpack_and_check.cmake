# cmake -DCONVSHAPE_SOURCE_DIR=... -DWORK_DIR=... -DGENERATOR=... -DCXX_COMPILER=...
#       -DVERSION=<X.Y.Z> -DSUMMARY=<project description> -DSYSTEM=<system>-<processor>
#       -DWITH_CLI=ON|OFF -DDPKG_DEB=<dpkg-deb> -DDPKG=<dpkg>
#       -P cpack_and_check.cmake
#
# Configures convshape from its sources in WORK_DIR/build (tests and examples
# off, the command with WITH_CLI), builds it and runs `cpack`, which must make
# exactly the .debs and the .tar.gz that cmake/package.cmake describes. Then:
#   - each .deb's control fields (dpkg-deb -I) and files (dpkg-deb -c);
#   - the .debs extracted into one scratch root (dpkg-deb -x, no root needed)
#     and the .tar.gz into another, which must hold the same files; from each, the find_package consumer is
#     built against the packaged library and run, and the packaged command
#     (with WITH_CLI) must print its version.
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

set(build "${WORK_DIR}/build")
set(packages "${WORK_DIR}/packages")
file(REMOVE_RECURSE "${WORK_DIR}")
convshape_run("${CMAKE_COMMAND}" -S "${CONVSHAPE_SOURCE_DIR}" -B "${build}" ${configure_args}
              -DCMAKE_BUILD_TYPE=Release -DCONVSHAPE_BUILD_TESTS=OFF -DCONVSHAPE_BUILD_EXAMPLES=OFF
              -DCONVSHAPE_BUILD_CLI=${WITH_CLI})
convshape_run("${CMAKE_COMMAND}" --build "${build}" --config Release)
# No -G: the generators must be the project's own choice.
convshape_run("${CMAKE_CPACK_COMMAND}" --config "${build}/CPackConfig.cmake" -C Release -B "${packages}")

execute_process(COMMAND "${DPKG}" --print-architecture OUTPUT_VARIABLE arch OUTPUT_STRIP_TRAILING_WHITESPACE
                COMMAND_ERROR_IS_FATAL ANY)
set(library_deb "libconvshape-dev_${VERSION}_all.deb")
set(cli_deb "convshape_${VERSION}_${arch}.deb")
if(WITH_CLI)
  set(tarball_dir "convshape-${VERSION}-${SYSTEM}")
  set(expected ${library_deb} ${cli_deb} "${tarball_dir}.tar.gz")
else()
  set(tarball_dir "convshape-${VERSION}-noarch")
  set(expected ${library_deb} "${tarball_dir}.tar.gz")
endif()
file(GLOB made LIST_DIRECTORIES false RELATIVE "${packages}" "${packages}/*")
list(SORT made)
list(SORT expected)
if(NOT made STREQUAL expected)
  message(FATAL_ERROR "cpack made: ${made}\nexpected: ${expected}")
endif()

set(problems "")

# check_deb(<file> <field regex>... FILES <path regex>...): every control
# field regex matches a line of dpkg-deb -I, every file of dpkg-deb -c one of
# the path regexes (directories aside).
function(check_deb deb)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "FILES")
  execute_process(COMMAND "${DPKG_DEB}" -I "${packages}/${deb}" OUTPUT_VARIABLE info COMMAND_ERROR_IS_FATAL ANY)
  execute_process(COMMAND "${DPKG_DEB}" -c "${packages}/${deb}" OUTPUT_VARIABLE contents COMMAND_ERROR_IS_FATAL ANY)
  message(STATUS "dpkg-deb -I ${deb}:\n${info}")
  message(STATUS "dpkg-deb -c ${deb}:\n${contents}")
  foreach(field IN LISTS arg_UNPARSED_ARGUMENTS)
    if(NOT info MATCHES "\n ${field}\n")
      string(APPEND problems "${deb}: no control line / ${field}/\n")
    endif()
  endforeach()
  string(REGEX MATCHALL "\\./[^\n]*[^/\n]\n" files "${contents}")
  foreach(file IN LISTS files)
    string(STRIP "${file}" file)
    set(allowed FALSE)
    foreach(path IN LISTS arg_FILES)
      if(file MATCHES "^\\./${path}$")
        set(allowed TRUE)
      endif()
    endforeach()
    if(NOT allowed)
      string(APPEND problems "${deb}: unexpected file ${file}\n")
    endif()
  endforeach()
  set(problems "${problems}" PARENT_SCOPE)
endfunction()

string(REPLACE "." "\\." version_regex "${VERSION}")
set(common_fields "Version: ${version_regex}" "Maintainer: [^\n]+" "Installed-Size: [0-9]+"
                  "Description: ${SUMMARY}")
check_deb(${library_deb} "Package: libconvshape-dev" "Architecture: all" "Section: libdevel" ${common_fields}
          " The C\\+\\+20 header-only library and its CMake package\\."
          FILES "usr/include/convshape/.*\\.hpp" "usr/share/cmake/convshape/[^/]*\\.cmake"
                "usr/share/doc/libconvshape-dev/copyright")
if(WITH_CLI)
  find_program(dpkg_shlibdeps dpkg-shlibdeps)
  if(NOT dpkg_shlibdeps)
    string(APPEND problems "dpkg-shlibdeps (Debian package dpkg-dev) not found: the command's .deb has no Depends\n")
  endif()
  check_deb(${cli_deb} "Package: convshape" "Architecture: ${arch}" "Section: devel" ${common_fields}
            "Depends: [^\n]*libc6[^\n]*" "Depends: [^\n]*libstdc\\+\\+6[^\n]*"
            " The convshape command, which [^\n]*"
            FILES "usr/bin/convshape" "usr/share/doc/convshape/copyright")
endif()

# The scratch roots: the .debs' prefix is /usr, the archive's its top directory.
set(deb_root "${WORK_DIR}/deb-root")
set(tgz_root "${WORK_DIR}/tgz-root")
file(MAKE_DIRECTORY "${deb_root}" "${tgz_root}")
foreach(deb IN LISTS expected)
  if(deb MATCHES "\\.deb$")
    convshape_run("${DPKG_DEB}" -x "${packages}/${deb}" "${deb_root}")
  endif()
endforeach()
convshape_run("${CMAKE_COMMAND}" -E chdir "${tgz_root}"
              "${CMAKE_COMMAND}" -E tar xf "${packages}/${tarball_dir}.tar.gz")

# Both hold the same files: the .debs split what the archive holds together.
file(GLOB deb_top RELATIVE "${deb_root}" "${deb_root}/*")
file(GLOB_RECURSE deb_files RELATIVE "${deb_root}/usr" "${deb_root}/usr/*")
file(GLOB_RECURSE tgz_files RELATIVE "${tgz_root}/${tarball_dir}" "${tgz_root}/${tarball_dir}/*")
list(SORT deb_files)
list(SORT tgz_files)
if(NOT deb_top STREQUAL "usr" OR NOT deb_files STREQUAL tgz_files)
  string(APPEND problems "the .debs (under ${deb_top}) and the .tar.gz hold different files:\n"
                         "  .debs: ${deb_files}\n  .tar.gz: ${tgz_files}\n")
endif()

foreach(prefix "${deb_root}/usr" "${tgz_root}/${tarball_dir}")
  string(REPLACE "${WORK_DIR}/" "" name "${prefix}")
  string(REPLACE "/" "_" name "${name}")
  convshape_build_consumer("${CMAKE_CURRENT_LIST_DIR}/find_package" "${WORK_DIR}/consumer_${name}"
                           "-DCMAKE_PREFIX_PATH=${prefix}" "-DCONVSHAPE_EXPECTED_VERSION=${VERSION}"
                           "-DCONVSHAPE_EXPECTED_DIR=${prefix}/share/cmake/convshape")
  if(WITH_CLI)
    execute_process(COMMAND "${prefix}/bin/convshape" --version OUTPUT_VARIABLE output RESULT_VARIABLE status)
    message(STATUS "${prefix}/bin/convshape --version: status ${status}: ${output}")
    if(NOT status EQUAL 0 OR NOT output STREQUAL "convshape ${VERSION}\n")
      string(APPEND problems "${prefix}/bin/convshape --version: expected 'convshape ${VERSION}'\n")
    endif()
    # The command compiles in CLI11 and nlohmann/json: their licenses travel with it.
    file(READ "${prefix}/share/doc/convshape/copyright" copyright)
    foreach(notice "MIT License" "CLI11" "University of Cincinnati" "Niels Lohmann")
      string(FIND "${copyright}" "${notice}" at)
      if(at EQUAL -1)
        string(APPEND problems "${prefix}/share/doc/convshape/copyright lacks '${notice}'\n")
      endif()
    endforeach()
  endif()
endforeach()

if(problems)
  message(FATAL_ERROR "${problems}")
endif()
