// Every suite registered with csibot_test (cmake/warnings.cmake) is promised CSIBOT_SOURCE_DIR and
// CSIBOT_BINARY_DIR in its environment; suites that find files or the csibot binary rely on it.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

namespace {

TEST(csibot_test_helper, passes_source_and_binary_dir_to_the_tests_environment) {
  const char* source = std::getenv("CSIBOT_SOURCE_DIR");
  const char* binary = std::getenv("CSIBOT_BINARY_DIR");
  ASSERT_NE(source, nullptr) << "CSIBOT_SOURCE_DIR is not set";
  EXPECT_TRUE(std::filesystem::exists(std::filesystem::path{source} / "CMakeLists.txt")) << source;
  ASSERT_NE(binary, nullptr) << "CSIBOT_BINARY_DIR is not set: csibot_test's ENVIRONMENT list lost its "
                                "second entry in gtest_discover_tests";
  EXPECT_TRUE(std::filesystem::exists(std::filesystem::path{binary} / "CMakeCache.txt")) << binary;
}

}  // namespace
