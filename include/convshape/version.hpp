// convshape: the library's version. This file is the one place it is written:
// CMake's project(VERSION), the package version file and `convshape --version`
// all read it (tests/package checks that they agree, and the CHANGELOG).
#pragma once

#define CONVSHAPE_VERSION_MAJOR 0
#define CONVSHAPE_VERSION_MINOR 2
#define CONVSHAPE_VERSION_PATCH 0
#define CONVSHAPE_VERSION_STRING "0.2.0"
