// runtime::operations (`/csi admin` in `csibot run`) on a real SQLite file and a real io_context: the
// status reads the real figures, and a backup's outcome is audited and DMed to the admin through the
// outbox path every proactive message takes (staged in the transaction, published after it).
#include "bot/runtime/operations.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "config/loader.hpp"
#include "dialog/test_support.hpp"
#include "storage/database.hpp"
#include "storage/outbox_repository.hpp"
#include "storage/repositories.hpp"
#include "storage/sqlite.hpp"

namespace csibot::runtime {
namespace {

namespace fs = std::filesystem;
using commands::backup_start;

class operations_test : public ::testing::Test {
 protected:
  csibot::test::temp_dir dir;
  config::settings settings = config::demo_settings();
  core::timestamp now = csibot::test::utc(2026, 11, 30, 9, 0);
  boost::asio::io_context io;
  std::unique_ptr<storage::database> db;
  std::vector<core::outbound> staged;
  std::vector<core::outbound> published;
  bool staged_in_transaction = false;
  std::unique_ptr<operations> ops;

  void SetUp() override {
    settings.bot.database = dir / "csibot.db";
    db = std::make_unique<storage::database>(settings.bot.database);
    operations_hooks hooks;
    hooks.platforms = [] {
      return std::vector<commands::platform_health>{
          platform_health_of("slack", false, {{"connected", false}, {"mode", "socket"}, {"reconnects", 4}})};
    };
    hooks.events = [] { return event_totals{20, 17, 1, 2}; };
    hooks.stage = [this](const std::vector<core::outbound>& out) {
      staged_in_transaction = db->conn().in_transaction();
      staged.insert(staged.end(), out.begin(), out.end());
    };
    hooks.publish = [this](const std::vector<core::outbound>& out) {
      published.insert(published.end(), out.begin(), out.end());
    };
    ops = std::make_unique<operations>(io, *db, settings, std::move(hooks), [this] { return now; });
  }

  core::inbound request(std::string event_id) const {
    core::inbound in;
    in.platform = "local";
    in.user = "admin";
    in.channel = "general";
    in.command = "/csi";
    in.text = "admin backup";
    in.event_id = std::move(event_id);
    return in;
  }
  std::vector<storage::audit_entry> audit() const { return storage::audit_repository{*db}.recent(10); }
};

TEST_F(operations_test, health_reads_the_running_bot_s_real_figures) {
  storage::outbox_repository box{*db};
  core::outbound dm{core::delivery::direct, "slack", "", "U1", {}, {}};
  box.enqueue(dm, "", now - std::chrono::minutes{7});
  box.enqueue(dm, "", now - std::chrono::minutes{2});
  const core::outbound digest{core::delivery::channel, "slack", "C0DIGEST", "", {}, {}};
  box.mark_failed(box.enqueue(digest, "", now - std::chrono::hours{1}), "chat.postMessage: not_in_channel");

  const auto h = ops->health();
  EXPECT_FALSE(h.version.empty());
  EXPECT_TRUE(h.database.ok) << h.database.error;
  EXPECT_EQ(h.database.schema_version, db->schema_version());
  EXPECT_GT(h.database.schema_version, 0);
  EXPECT_FALSE(h.database.in_memory);
  EXPECT_GE(h.database.file_bytes, fs::file_size(settings.bot.database)) << "the file and its -wal";
  EXPECT_EQ(h.database.feedback, 0);
  EXPECT_EQ(h.database.open_conversations, 0);
  EXPECT_EQ(h.outbox.pending, 2);
  EXPECT_EQ(h.outbox.oldest_pending, now - std::chrono::minutes{7});
  EXPECT_EQ(h.outbox.failed, 1);
  ASSERT_TRUE(h.outbox.newest_failed);
  EXPECT_EQ(h.outbox.newest_failed->to, "slack:C0DIGEST");
  EXPECT_EQ(h.outbox.newest_failed->written, now - std::chrono::hours{1});
  EXPECT_EQ(h.outbox.newest_failed->error, "chat.postMessage: not_in_channel");
  EXPECT_EQ(h.events.handled, 17u);
  EXPECT_EQ(h.events.duplicate, 1u);
  EXPECT_EQ(h.events.failed, 2u);
  ASSERT_EQ(h.platforms.size(), 1u);
  EXPECT_EQ(h.platforms[0].name, "slack");
  EXPECT_FALSE(h.platforms[0].connected);
  EXPECT_EQ(h.platforms[0].detail,
            (std::vector<std::pair<std::string, std::string>>{{"mode", "socket"}, {"reconnects", "4"}}));
  EXPECT_FALSE(h.last_backup);
  EXPECT_FALSE(h.backup_running_since);
}

TEST_F(operations_test, a_finished_backup_is_audited_and_dmed_to_the_admin_and_shows_as_the_last_one) {
  const auto started = ops->start_backup(request("ev-1"), "en", now);
  ASSERT_EQ(started.result, backup_start::status::started) << started.error;
  EXPECT_EQ(ops->health().backup_running_since, now);
  io.run();

  ASSERT_EQ(published.size(), 1u);
  const auto& dm = published[0];
  EXPECT_EQ(dm.kind, core::delivery::direct);
  EXPECT_EQ(dm.platform, "local");
  EXPECT_EQ(dm.user, "admin");
  EXPECT_EQ(dm.body.header, "Backup done");
  EXPECT_NE(dm.body.text.find("`" + started.path + "`"), std::string::npos) << dm.body.text;
  EXPECT_EQ(staged.size(), 1u) << "staged for the outbox too (it keeps only chat-server messages)";
  EXPECT_TRUE(staged_in_transaction) << "written with the audit entry, in one transaction";

  const auto log = audit();
  ASSERT_FALSE(log.empty());
  EXPECT_EQ(log[0].action, "admin.backup.done");
  EXPECT_EQ(log[0].actor, "local:admin");
  EXPECT_EQ(log[0].subject, started.path);
  EXPECT_TRUE(log[0].detail.starts_with(std::to_string(fs::file_size(started.path)) + " bytes, "))
      << log[0].detail;

  const auto h = ops->health();
  ASSERT_TRUE(h.last_backup);
  EXPECT_EQ(h.last_backup->path, started.path);
  EXPECT_EQ(h.last_backup->at, now);
  EXPECT_FALSE(h.backup_running_since);
}

TEST_F(operations_test, the_same_request_again_gets_the_same_answer_another_one_is_refused) {
  const auto first = ops->start_backup(request("ev-1"), "en", now);
  ASSERT_EQ(first.result, backup_start::status::started);
  const auto again = ops->start_backup(request("ev-1"), "en", now);  // its batch ran a second time
  EXPECT_EQ(again.result, backup_start::status::started);
  EXPECT_EQ(again.path, first.path);
  const auto other = ops->start_backup(request("ev-2"), "en", now + std::chrono::seconds{5});
  EXPECT_EQ(other.result, backup_start::status::already_running);
  EXPECT_EQ(other.started_at, now);
  io.run();
  EXPECT_EQ(published.size(), 1u) << "one backup, one DM";
}

TEST_F(operations_test, a_failed_backup_is_audited_and_the_admin_told_why_in_their_language) {
  std::ofstream{dir / "backups"} << "in the way";
  ASSERT_EQ(ops->start_backup(request("ev-1"), "de", now).result, backup_start::status::started);
  io.run();
  ASSERT_EQ(published.size(), 1u);
  EXPECT_EQ(published[0].body.header, "Backup fehlgeschlagen");
  EXPECT_NE(published[0].body.text.find("backups"), std::string::npos) << published[0].body.text;
  const auto log = audit();
  ASSERT_FALSE(log.empty());
  EXPECT_EQ(log[0].action, "admin.backup.failed");
  EXPECT_NE(log[0].detail.find("backups"), std::string::npos) << log[0].detail;
  const auto h = ops->health();
  EXPECT_FALSE(h.last_backup);
  ASSERT_TRUE(h.last_failure);
  EXPECT_EQ(h.last_failure->detail, log[0].detail);
}

TEST_F(operations_test, an_in_memory_database_is_refused_and_reported_as_such) {
  settings.bot.database = ":memory:";
  storage::database memory{":memory:"};
  operations in_memory{io, memory, settings, {}, [this] { return now; }};
  EXPECT_EQ(in_memory.start_backup(request("ev-1"), "en", now).result, backup_start::status::in_memory);
  const auto h = in_memory.health();
  EXPECT_TRUE(h.database.ok);
  EXPECT_TRUE(h.database.in_memory);
  EXPECT_EQ(h.database.file_bytes, 0u);
}

}  // namespace
}  // namespace csibot::runtime
