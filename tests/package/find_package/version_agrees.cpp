// The installed <convshape/version.hpp> against the version find_package()
// read from the package version file (PACKAGE_VERSION_*, from CMake).
#include <convshape/version.hpp>

#include <string_view>

static_assert(CONVSHAPE_VERSION_MAJOR == PACKAGE_VERSION_MAJOR);
static_assert(CONVSHAPE_VERSION_MINOR == PACKAGE_VERSION_MINOR);
static_assert(CONVSHAPE_VERSION_PATCH == PACKAGE_VERSION_PATCH);
static_assert(std::string_view(CONVSHAPE_VERSION_STRING) == PACKAGE_VERSION_STRING);
