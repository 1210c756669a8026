# CPack: `cpack` in a top-level build tree makes one .deb per install
# component (cmake/install.cmake) and one .tar.gz of everything installed:
#   libconvshape-dev_<version>_all.deb   the headers and CMake package, for every
#                                        architecture (the library is header-only)
#   convshape_<version>_<arch>.deb       the command, when it is built: a program
#                                        for one architecture, so a package of its own
#   convshape-<version>-<system>.tar.gz  both; <system> names the architecture when
#                                        the command is in it, else "noarch"
# Included from the top-level CMakeLists.txt after every install rule.
set(CPACK_GENERATOR DEB TGZ)
set(CPACK_PACKAGE_NAME convshape)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_VENDOR "The convshape authors")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
# The Debian Maintainer field. The project publishes no address yet; whoever
# builds packages for others passes their own: -DCPACK_PACKAGE_CONTACT="Name <email>".
set(CPACK_PACKAGE_CONTACT "The convshape authors" CACHE STRING "Maintainer of the packages (\"Name <email>\")")
set(CPACK_STRIP_FILES ON)

if(TARGET convshape_cli)
  set(CPACK_SYSTEM_NAME "${CMAKE_SYSTEM_NAME}-${CMAKE_SYSTEM_PROCESSOR}")
else()
  set(CPACK_SYSTEM_NAME noarch)
endif()

set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)

set(CPACK_DEBIAN_LIBRARY_PACKAGE_NAME "${convshape_library_package}")
set(CPACK_DEBIAN_LIBRARY_PACKAGE_ARCHITECTURE all)
set(CPACK_DEBIAN_LIBRARY_PACKAGE_SECTION libdevel)
# Each package's synopsis is the project's description (CPack's
# CPACK_PACKAGE_DESCRIPTION_SUMMARY); these are the long descriptions below it.
set(CPACK_DEBIAN_LIBRARY_DESCRIPTION
    "The C++20 header-only library and its CMake package.
A wrong layer configuration becomes a compile error: every shape function is
constexpr. Convolution, transposed convolution and pooling in 1-D to 3-D, the
conventions of PyTorch, Keras and ONNX Runtime, networks, inverse solvers and
naive reference kernels. find_package(convshape CONFIG) gives the target
convshape::convshape.")

set(CPACK_DEBIAN_CLI_PACKAGE_NAME "${convshape_cli_package}")
set(CPACK_DEBIAN_CLI_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_CLI_DESCRIPTION
    "The convshape command, which answers shape questions from the convshape
library's constexpr core: one layer from its options, or JSON requests line
by line (convshape query).")
# The command's Depends (libc6, libstdc++6...) as dpkg-shlibdeps reads them
# from the program.
find_program(CONVSHAPE_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(CONVSHAPE_DPKG_SHLIBDEPS)
  set(CPACK_DEBIAN_CLI_PACKAGE_SHLIBDEPS ON)
elseif(TARGET convshape_cli)
  message(STATUS "convshape: dpkg-shlibdeps not found (Debian package dpkg-dev): the command's .deb will not list "
                 "the libraries it needs")
endif()

include(CPack)
