# Warnings as errors for convshape's own tests and examples; never imposed on
# consumers of the library target.
add_library(convshape_warnings INTERFACE)
target_compile_options(convshape_warnings INTERFACE -Wall -Wextra -Wpedantic -Werror)
