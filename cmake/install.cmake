# Install rules and the CMake package for convshape::convshape; included from
# the top-level CMakeLists.txt when CONVSHAPE_INSTALL is ON.
#
# Only the library is installed: its FILE_SET HEADERS and the package files.
# Tests and examples have no install rules. The package has no dependencies:
# <convshape/fmt.hpp> is opt-in and whoever includes it links fmt::fmt.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

# Header-only and architecture-independent, so the package lives under
# share/ rather than lib/ (one install serves every ABI).
set(convshape_install_cmakedir "${CMAKE_INSTALL_DATADIR}/cmake/convshape")

install(TARGETS convshape
        EXPORT convshapeTargets
        FILE_SET HEADERS DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")

install(EXPORT convshapeTargets
        NAMESPACE convshape::
        DESTINATION "${convshape_install_cmakedir}")

# The config and version files go next to the build-tree export as well, so a
# consumer can also point convshape_DIR at this build directory.
set(convshape_package_dir "${PROJECT_BINARY_DIR}/convshape-package")

configure_package_config_file(
  "${CMAKE_CURRENT_LIST_DIR}/convshapeConfig.cmake.in"
  "${convshape_package_dir}/convshapeConfig.cmake"
  INSTALL_DESTINATION "${convshape_install_cmakedir}"
  NO_SET_AND_CHECK_MACRO)

# SameMajorVersion: 0.1.x satisfies a request for 0.1, a request for 1.0 fails.
write_basic_package_version_file(
  "${convshape_package_dir}/convshapeConfigVersion.cmake"
  VERSION "${PROJECT_VERSION}"
  COMPATIBILITY SameMajorVersion
  ARCH_INDEPENDENT)

install(FILES "${convshape_package_dir}/convshapeConfig.cmake"
              "${convshape_package_dir}/convshapeConfigVersion.cmake"
        DESTINATION "${convshape_install_cmakedir}")

export(EXPORT convshapeTargets
       NAMESPACE convshape::
       FILE "${convshape_package_dir}/convshapeTargets.cmake")
