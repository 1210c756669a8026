# For consumers that build convshape as a subproject: its options default to
# PROJECT_IS_TOP_LEVEL, so only the library may appear, with no tests,
# examples or install rules.
function(convshape_expect_library_only source_dir)
  foreach(option CONVSHAPE_BUILD_TESTS CONVSHAPE_BUILD_EXAMPLES CONVSHAPE_BUILD_CLI CONVSHAPE_INSTALL)
    if(${option})
      message(FATAL_ERROR "${option} is ON in a subproject build")
    endif()
  endforeach()
  get_directory_property(subdirs DIRECTORY "${source_dir}" SUBDIRECTORIES)
  if(subdirs)
    message(FATAL_ERROR "convshape added subdirectories in a subproject build: ${subdirs}")
  endif()
  get_directory_property(targets DIRECTORY "${source_dir}" BUILDSYSTEM_TARGETS)
  if(NOT targets STREQUAL "convshape")
    message(FATAL_ERROR "convshape defined targets other than the library: ${targets}")
  endif()
endfunction()
