// runtime::backup_job (`/csi admin backup`) on real SQLite files and a real io_context: the copy is
// whole, private and named by the time; one backup at a time; a target that cannot be written is a
// failure outcome, never a crash; an in-memory database has nothing to copy.
#include "bot/runtime/backup_job.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <fstream>
#include <optional>

#include "dialog/test_support.hpp"
#include "storage/database.hpp"
#include "storage/repositories.hpp"

namespace csibot::runtime {
namespace {

namespace fs = std::filesystem;
using commands::backup_start;

class backup_job_test : public ::testing::Test {
 protected:
  csibot::test::temp_dir dir;
  fs::path database_file = dir / "csibot.db";
  core::timestamp now = csibot::test::utc(2026, 11, 30, 9, 0);
  boost::asio::io_context io;
  std::unique_ptr<storage::database> db;
  std::optional<commands::backup_outcome> outcome;
  int outcomes = 0;

  void SetUp() override {
    db = std::make_unique<storage::database>(database_file);
    add_rows(25);
  }

  void add_rows(int n) {
    storage::audit_repository audit{*db};
    for (int i = 0; i < n; ++i)
      audit.append({0, now, "local:admin", "service.set", "vpn", "row " + std::to_string(i)});
  }
  static std::size_t rows_in(const fs::path& file) {
    storage::database copy{file};
    return storage::audit_repository{copy}.recent(100000).size();
  }
  backup_job::done_fn record() {
    return [this](const commands::backup_outcome& o) {
      outcome = o;
      ++outcomes;
    };
  }
  static bool others_may_read(const fs::path& p) {
    const auto perms = fs::status(p).permissions();
    return (perms & (fs::perms::group_all | fs::perms::others_all)) != fs::perms::none;
  }
};

TEST_F(backup_job_test, the_target_is_named_by_the_utc_time_next_to_the_database) {
  EXPECT_EQ(backup_job::target_for("/srv/csibot/csibot.db", now),
            "/srv/csibot/backups/csibot-20261130T090000Z.db");
  EXPECT_EQ(backup_job::target_for("csibot.db", now), "backups/csibot-20261130T090000Z.db");
}

TEST_F(backup_job_test, a_backup_is_a_private_whole_copy_with_the_same_rows) {
  backup_job job{io, database_file};
  const auto started = job.start(now, record());
  ASSERT_EQ(started.result, backup_start::status::started) << started.error;
  EXPECT_EQ(started.path, (dir / "backups" / "csibot-20261130T090000Z.db").string());
  EXPECT_TRUE(job.running());
  EXPECT_EQ(job.running_since(), now);
  io.run();  // until the outcome is back on this thread

  ASSERT_EQ(outcomes, 1);
  ASSERT_TRUE(outcome->ok) << outcome->error;
  EXPECT_FALSE(job.running());
  EXPECT_EQ(outcome->path, started.path);
  ASSERT_TRUE(fs::exists(started.path));
  EXPECT_EQ(outcome->bytes, fs::file_size(started.path));
  EXPECT_GT(outcome->bytes, 0u);
  EXPECT_FALSE(fs::exists(started.path + ".part")) << "renamed once whole";
  EXPECT_FALSE(others_may_read(started.path)) << "the copy holds every answer and the pseudonym key";
  EXPECT_FALSE(others_may_read(dir / "backups"));
  EXPECT_EQ(rows_in(started.path), 25u);
}

TEST_F(backup_job_test, the_bot_keeps_writing_while_the_backup_copies_a_consistent_snapshot) {
  backup_job job{io, database_file};
  ASSERT_EQ(job.start(now, record()).result, backup_start::status::started);
  add_rows(200);  // the io thread's own connection, meanwhile
  io.run();
  ASSERT_TRUE(outcome && outcome->ok) << (outcome ? outcome->error : "no outcome");
  const auto copied = rows_in(outcome->path);
  EXPECT_GE(copied, 25u);
  EXPECT_LE(copied, 225u);
  EXPECT_EQ(storage::audit_repository{*db}.recent(1000).size(), 225u) << "nothing the bot wrote was lost";
}

TEST_F(backup_job_test, a_second_start_while_one_runs_is_refused_with_the_first_one_s_start) {
  backup_job job{io, database_file};
  const auto first = job.start(now, record());
  ASSERT_EQ(first.result, backup_start::status::started);
  const auto second = job.start(now + std::chrono::seconds{30}, record());
  EXPECT_EQ(second.result, backup_start::status::already_running);
  EXPECT_EQ(second.path, first.path);
  EXPECT_EQ(second.started_at, now);
  io.run();
  EXPECT_EQ(outcomes, 1) << "only the first one ran";

  // Once it is over, the next one may start; in the same second it gets a name of its own.
  io.restart();
  const auto third = job.start(now, record());
  ASSERT_EQ(third.result, backup_start::status::started);
  EXPECT_EQ(third.path, (dir / "backups" / "csibot-20261130T090000Z-2.db").string());
  io.run();
  ASSERT_TRUE(outcome && outcome->ok) << outcome->error;
  EXPECT_EQ(rows_in(first.path), 25u) << "the earlier copy is untouched";
}

TEST_F(backup_job_test, a_target_that_cannot_be_written_is_a_failure_outcome) {
  std::ofstream{dir / "backups"} << "a file where the folder should be";
  backup_job job{io, database_file};
  ASSERT_EQ(job.start(now, record()).result, backup_start::status::started);
  io.run();
  ASSERT_EQ(outcomes, 1);
  EXPECT_FALSE(outcome->ok);
  EXPECT_NE(outcome->error.find("backups"), std::string::npos) << outcome->error;
  EXPECT_EQ(outcome->bytes, 0u);
  EXPECT_FALSE(job.running());
  EXPECT_EQ(rows_in(database_file), 25u) << "the database is untouched";
}

TEST_F(backup_job_test, a_database_file_that_is_gone_is_a_failure_not_an_empty_copy) {
  backup_job job{io, dir / "gone.db"};
  ASSERT_EQ(job.start(now, record()).result, backup_start::status::started);
  io.run();
  ASSERT_EQ(outcomes, 1);
  EXPECT_FALSE(outcome->ok);
  EXPECT_NE(outcome->error.find("cannot find the database"), std::string::npos) << outcome->error;
  EXPECT_FALSE(fs::exists(dir / "gone.db")) << "opening it would have made a new, empty one";
  EXPECT_FALSE(fs::exists(dir / "backups")) << "nothing is left behind";
}

TEST_F(backup_job_test, an_in_memory_database_has_no_file_to_back_up) {
  backup_job job{io, ":memory:"};
  EXPECT_EQ(job.start(now, record()).result, backup_start::status::in_memory);
  EXPECT_FALSE(job.running());
  io.run();
  EXPECT_EQ(outcomes, 0);
}

TEST_F(backup_job_test, destroying_the_job_while_a_backup_runs_waits_for_it_and_reports_nothing) {
  std::string path;
  {
    backup_job job{io, database_file};
    path = job.start(now, record()).path;
  }          // as at a stop that never ran the io_context again
  io.run();  // the outcome posted for the gone job does nothing
  EXPECT_EQ(outcomes, 0);
  EXPECT_EQ(rows_in(path), 25u) << "a copy that was finished is kept";
}

}  // namespace
}  // namespace csibot::runtime
