# Project warnings, applied per target with csibot_warnings(<target>).
set(CSIBOT_WARNING_FLAGS
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
    -Wold-style-cast -Woverloaded-virtual -Wimplicit-fallthrough -Wformat=2)
# GCC 12 reports false -Wrestrict, -Wstringop-overflow and -Warray-bounds inside std::string at -O2
# and above (GCC bugs 105329, 105651), e.g. for `":" + std::to_string(n)`; they say nothing about
# our code there. They stay on with other compilers and in the Debug and sanitizer builds.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13
   AND CMAKE_BUILD_TYPE MATCHES "Release|RelWithDebInfo|MinSizeRel")
  list(APPEND CSIBOT_WARNING_FLAGS -Wno-restrict -Wno-stringop-overflow -Wno-array-bounds)
endif()
if(CSIBOT_WERROR)
  list(APPEND CSIBOT_WARNING_FLAGS -Werror)
endif()

function(csibot_warnings target)
  target_compile_options(${target} PRIVATE ${CSIBOT_WARNING_FLAGS})
endfunction()

# csibot_library(<name> SOURCES ... DEPS ...): one static library per folder, includes from the repo root.
function(csibot_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR}/generated)
  target_link_libraries(${name} PUBLIC ${ARG_DEPS})
  csibot_warnings(${name})
endfunction()

# csibot_test(<name> SOURCES ... DEPS ...): one GoogleTest executable, registered with CTest.
function(csibot_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gmock GTest::gtest_main)
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests)
  csibot_warnings(${name})
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60)
  # Labels and environment are set from a file CTest reads after the discovered list: passed through
  # gtest_discover_tests(PROPERTIES …), a list value is flattened into separate arguments and lost.
  set(properties "${CMAKE_CURRENT_BINARY_DIR}/${name}_properties.cmake")
  file(WRITE "${properties}"
       "set_tests_properties(\${${name}_TESTS} PROPERTIES LABELS \"${ARG_LABELS}\" ENVIRONMENT "
       "\"CSIBOT_SOURCE_DIR=${PROJECT_SOURCE_DIR};CSIBOT_BINARY_DIR=${PROJECT_BINARY_DIR}\")\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${properties}")
endfunction()
