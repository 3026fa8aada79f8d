# Link-time optimisation for the one binary people run (CSIBOT_LTO, on in the release preset).
# GCC then sees across the libraries: it inlines between them and leaves out what nothing calls,
# so the binary's code shrinks by ~30 % and fewer of its pages are resident (docs/PERFORMANCE.md).
# Every object carries both GCC's intermediate code and machine code ("fat"): the tests and
# benchmarks, which link the same libraries, link that machine code as usual (-fno-lto), and only
# `csibot` pays for the whole-program link (~50 s on 2 cores).
option(CSIBOT_LTO "Link the csibot binary with link-time optimisation" OFF)

if(CSIBOT_LTO)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    message(FATAL_ERROR "CSIBOT_LTO needs GCC (fat LTO objects); configure with -DCSIBOT_LTO=OFF")
  endif()
  add_compile_options(-flto=auto -ffat-lto-objects)
endif()

# Links `target` with link-time optimisation when CSIBOT_LTO is on.
function(csibot_link_time_optimised target)
  if(CSIBOT_LTO)
    target_link_options(${target} PRIVATE -flto=auto)
  endif()
endfunction()

# Every executable defined after this call links without link-time optimisation. Call it after the
# folder that defines `csibot`, never before: a -fno-lto anywhere on a link line makes GCC leave out
# its linker plugin, and with it the optimisation, whatever -flto comes later.
function(csibot_link_the_rest_without_lto)
  if(CSIBOT_LTO)
    add_link_options(-fno-lto)
  endif()
endfunction()
