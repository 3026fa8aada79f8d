// `/csi admin` on the real binary (SPEC §1, docs/admin.md): an admin in the local web chat reads the
// bot's health, starts an online backup that lands as a private file next to the database and ends in
// a DM, and finds both in the audit log; anyone else is told who may.
#include <gtest/gtest.h>

#include <filesystem>

#include "e2e/bot.hpp"
#include "e2e/client.hpp"
#include "storage/database.hpp"
#include "storage/repositories.hpp"

namespace csibot::e2e {
namespace {

namespace fs = std::filesystem;

// The text between the first pair of backticks: the path in "Backup started: `…`".
std::string quoted(const std::string& text) {
  const auto open = text.find('`');
  const auto close = open == std::string::npos ? open : text.find('`', open + 1);
  return close == std::string::npos ? std::string{} : text.substr(open + 1, close - open - 1);
}

bool table_has(const json& frame, const std::string& cell) {
  const auto& body = frame.value("body", json::object());
  for (const auto& row : body.value("table", json::object()).value("rows", json::array()))
    for (const auto& c : row)
      if (c.is_string() && c.get<std::string>() == cell) return true;
  return false;
}

TEST(e2e_admin, an_admin_reads_the_status_and_a_backup_becomes_a_private_file_and_a_dm) {
  bot_home home;
  running_bot bot(home);
  client net;
  auto admin = net.join(bot.port(), "Admin");
  auto bo = net.join(bot.port(), "Bo");

  say(*bo, "general", "/csi admin status");
  bot_says(*bo, "general", "Only an admin (local:admin) can see the bot's health");

  say(*admin, "general", "/csi admin status");
  const auto status = bot_says(*admin, "general", "Status of csibot");
  EXPECT_NE(shown(status).find("Database: ok"), std::string::npos) << shown(status);
  EXPECT_NE(shown(status).find("Last backup: none yet"), std::string::npos) << shown(status);
  EXPECT_TRUE(table_has(status, "local")) << status.dump();
  EXPECT_TRUE(status.value("ephemeral", false)) << "for the admin alone";

  say(*admin, "general", "/csi admin backup");
  const auto started = bot_says(*admin, "general", "Backup started: `");
  const fs::path path = quoted(body_text(started));
  EXPECT_EQ(path.parent_path(), fs::absolute(home / "backups")) << body_text(started);
  EXPECT_TRUE(path.filename().string().starts_with("csibot-")) << path;

  const auto dm = bot_says(*admin, "dm:admin", "Backup done");
  EXPECT_NE(body_text(dm).find("`" + path.string() + "`"), std::string::npos) << body_text(dm);
  ASSERT_TRUE(fs::exists(path));
  const auto perms = fs::status(path).permissions();
  EXPECT_EQ(perms & (fs::perms::group_all | fs::perms::others_all), fs::perms::none);
  {
    storage::database copy{path};  // a whole SQLite database with the catalog in it
    EXPECT_FALSE(storage::service_repository{copy}.list().empty());
  }

  say(*admin, "general", "/csi admin audit 5");
  const auto audit = bot_says(*admin, "general", "Audit log: the newest");
  EXPECT_TRUE(table_has(audit, "admin.backup.done")) << audit.dump();
  EXPECT_TRUE(table_has(audit, "admin.backup")) << audit.dump();
  EXPECT_TRUE(table_has(audit, path.string())) << audit.dump();

  say(*admin, "general", "/csi admin");
  const auto after = bot_says(*admin, "general", "Status of csibot");
  EXPECT_NE(shown(after).find("Last backup: "), std::string::npos);
  EXPECT_NE(shown(after).find(path.string()), std::string::npos) << shown(after);

  const auto stopped = bot.stop();
  ASSERT_TRUE(stopped);
  EXPECT_TRUE(stopped->ok()) << stopped->describe() << "\n" << bot.log();
}

// SIGTERM right after a backup started: the bot waits for it, records it, and exits cleanly.
TEST(e2e_admin, a_stop_during_a_backup_lets_it_finish_and_exits_cleanly) {
  bot_home home;
  {
    // Some 16 MB, so that the copy is likely still running when the signal comes.
    storage::database db{home / "csibot.db"};
    storage::transaction tx{db};
    storage::audit_repository audit{db};
    for (int i = 0; i < 8000; ++i)
      audit.append({0, core::timestamp{}, "cli", "filler", std::to_string(i), std::string(2000, 'x')});
    tx.commit();
  }
  running_bot bot(home);
  client net;
  auto admin = net.join(bot.port(), "Admin");
  say(*admin, "general", "/csi admin backup");
  const fs::path path = quoted(body_text(bot_says(*admin, "general", "Backup started: `")));
  const auto stopped = bot.stop();
  ASSERT_TRUE(stopped);
  EXPECT_TRUE(stopped->ok()) << stopped->describe() << "\n" << bot.log();
  EXPECT_FALSE(fs::exists(path.string() + ".part")) << "no half-written copy is left";
  ASSERT_TRUE(fs::exists(path)) << bot.log();
  storage::database db{home / "csibot.db"};
  const auto log = storage::audit_repository{db}.recent(5);
  ASSERT_FALSE(log.empty());
  EXPECT_EQ(log[0].action, "admin.backup.done") << "recorded before the bot stopped";
}

}  // namespace
}  // namespace csibot::e2e
