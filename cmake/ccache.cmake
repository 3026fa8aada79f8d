# ccache when it is there; the sloppiness lets it cache translation units built with a PCH.
find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM)
  set(CMAKE_CXX_COMPILER_LAUNCHER
      ${CMAKE_COMMAND} -E env "CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime"
      "CCACHE_BASEDIR=${PROJECT_SOURCE_DIR}"
      ${CCACHE_PROGRAM})
  # Debug information names the directory it was compiled in, so ccache (whose hash includes that
  # directory when -g is on) would never serve one clone's objects to another: every fresh clone,
  # CI's included, rebuilt everything. Mapped to ".", the name is the same in every clone, and
  # ccache hashes the mapped name. Debuggers then find the sources from the repository's root.
  add_compile_options(-fdebug-prefix-map=${PROJECT_SOURCE_DIR}=.)
endif()
