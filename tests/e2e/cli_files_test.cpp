// What the command line writes for an operator: a backup only its owner can read.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <string>

#include "e2e/bot.hpp"

namespace csibot::e2e {
namespace {

// The usual umask, set for the test and put back after: with 077 any file comes out private, and
// the test could not tell a backup made private on purpose from one that happened to be.
class usual_umask {
 public:
  usual_umask() : saved_(::umask(022)) {}
  ~usual_umask() { ::umask(saved_); }
  usual_umask(const usual_umask&) = delete;
  usual_umask& operator=(const usual_umask&) = delete;

 private:
  mode_t saved_;
};

unsigned permissions_of(const std::filesystem::path& file) {
  struct stat info {};
  EXPECT_EQ(::stat(file.c_str(), &info), 0) << file;
  return info.st_mode & 0777U;
}

// A backup holds every answer ever given: readable by the owner only, as /csi admin backup's are.
TEST(e2e_cli_files, backup_is_readable_by_its_owner_only) {
  const usual_umask umask;
  bot_home home;
  ASSERT_TRUE(home.csibot({"migrate"}).status.ok());
  const auto target = home / "copy.db";
  const auto done = home.csibot({"backup", target.string()});
  ASSERT_TRUE(done.status.ok()) << done.status.describe() << "\n" << done.err;
  EXPECT_EQ(permissions_of(target), 0600U);
  std::error_code ec;
  EXPECT_FALSE(std::filesystem::exists(target.string() + "-journal", ec)) << "nothing left beside it";
}

}  // namespace
}  // namespace csibot::e2e
