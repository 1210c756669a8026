// convshape: library version.
#pragma once

#define CONVSHAPE_VERSION_MAJOR 0
#define CONVSHAPE_VERSION_MINOR 1
#define CONVSHAPE_VERSION_PATCH 0
