# Install rules and the CMake package for convshape::convshape; included from
# the top-level CMakeLists.txt when CONVSHAPE_INSTALL is ON.
#
# Two install components, each one Debian package (cmake/package.cmake):
#   library  the headers (FILE_SET HEADERS) and the CMake package files
#   cli      the convshape command, when it is built (cli/CMakeLists.txt)
# Tests and examples have no install rules. The CMake package has no
# dependencies: <convshape/fmt.hpp> is opt-in and whoever includes it links
# fmt::fmt.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(convshape_library_package libconvshape-dev)
set(convshape_cli_package convshape)

# Each component carries the license, named and placed as Debian wants it in
# every package (two packages may not own the same file):
#   convshape_install_license(component [file...])
# installs LICENSE, followed by the further license files given (the licenses
# of code compiled into that component), as its copyright file.
function(convshape_install_license component)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/LICENSE" ${ARGN})
  file(READ "${PROJECT_SOURCE_DIR}/LICENSE" text)
  foreach(extra IN LISTS ARGN)
    file(READ "${extra}" extra_text)
    string(APPEND text "\n${extra_text}")
  endforeach()
  set(copyright "${PROJECT_BINARY_DIR}/convshape-package/${component}/copyright")
  file(CONFIGURE OUTPUT "${copyright}" CONTENT "${text}" @ONLY)
  install(FILES "${copyright}"
          DESTINATION "${CMAKE_INSTALL_DATADIR}/doc/${convshape_${component}_package}"
          COMPONENT ${component})
endfunction()

convshape_install_license(library)

# Header-only and architecture-independent, so the package lives under
# share/ rather than lib/ (one install serves every ABI).
set(convshape_install_cmakedir "${CMAKE_INSTALL_DATADIR}/cmake/convshape")

install(TARGETS convshape
        EXPORT convshapeTargets
        FILE_SET HEADERS DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}" COMPONENT library)

install(EXPORT convshapeTargets
        NAMESPACE convshape::
        DESTINATION "${convshape_install_cmakedir}"
        COMPONENT library)

# The config and version files go next to the build-tree export as well, so a
# consumer can also point convshape_DIR at this build directory.
set(convshape_package_dir "${PROJECT_BINARY_DIR}/convshape-package")

configure_package_config_file(
  "${CMAKE_CURRENT_LIST_DIR}/convshapeConfig.cmake.in"
  "${convshape_package_dir}/convshapeConfig.cmake"
  INSTALL_DESTINATION "${convshape_install_cmakedir}"
  NO_SET_AND_CHECK_MACRO)

# Semantic versioning: from 1.0 on, a release satisfies a request for any
# earlier version of the same major version; before 1.0, where a minor release
# may break, only one of the same minor version (0.2.x for a request for 0.2).
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(convshape_compatibility SameMinorVersion)
else()
  set(convshape_compatibility SameMajorVersion)
endif()
write_basic_package_version_file(
  "${convshape_package_dir}/convshapeConfigVersion.cmake"
  VERSION "${PROJECT_VERSION}"
  COMPATIBILITY ${convshape_compatibility}
  ARCH_INDEPENDENT)

install(FILES "${convshape_package_dir}/convshapeConfig.cmake"
              "${convshape_package_dir}/convshapeConfigVersion.cmake"
        DESTINATION "${convshape_install_cmakedir}"
        COMPONENT library)

export(EXPORT convshapeTargets
       NAMESPACE convshape::
       FILE "${convshape_package_dir}/convshapeTargets.cmake")
