// What the command line writes for an operator: a backup only its owner can read, an export whose
// --since means the same day as everywhere else in csibot (the bot's time zone), and the one thing
// the reading commands do write: a verdict on an improvement that `csibot digest` finds due.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "e2e/bot.hpp"
#include "storage/database.hpp"
#include "storage/repositories.hpp"
#include "storage/sqlite.hpp"

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

std::string with_time_zone(const std::string& zone) {
  auto toml = minimal_config_toml();
  const std::string berlin = "timezone = \"Europe/Berlin\"";
  toml.replace(toml.find(berlin), berlin.size(), "timezone = \"" + zone + "\"");
  return toml;
}

void store_feedback_at(const bot_home& home, const std::vector<std::string>& times) {
  storage::database db{home / "csibot.db"};
  storage::feedback_repository feedback{db};
  for (const auto& t : times) {
    core::feedback f;
    f.service = "vpn";
    f.platform = "local";
    f.user = "local:alice";
    f.rating = 4;
    f.reason = "at " + t;
    f.status = core::feedback_status::complete;
    f.created_at = f.updated_at = *core::parse_iso8601(t);
    feedback.insert(f, core::anonymity::identified);
  }
}

std::vector<std::string> exported_reasons(const bot_home& home, const std::string& since) {
  const auto run = home.csibot({"export", "--format", "json", "--since", since});
  EXPECT_TRUE(run.status.ok()) << run.status.describe() << "\n" << run.err;
  std::vector<std::string> reasons;
  std::size_t start = 0;
  while (start < run.out.size()) {
    const auto end = run.out.find('\n', start);
    reasons.push_back(json::parse(run.out.substr(start, end - start))["reason"].get<std::string>());
    start = end == std::string::npos ? run.out.size() : end + 1;
  }
  return reasons;
}

// `--since 2026-10-01` starts at midnight in bot.timezone, as `/csi stats since:2026-10-01` and
// `csibot stats` do; a time with Z or an offset is the instant it names.
TEST(e2e_cli_files, export_since_a_date_starts_at_midnight_in_the_bots_time_zone) {
  struct zone_case {
    std::string zone;
    std::string before;  // one second before 1 October begins there
    std::string after;   // one second after
  };
  for (const zone_case& c :
       {zone_case{"Pacific/Kiritimati", "2026-09-30T09:59:59Z", "2026-09-30T10:00:01Z"},
        zone_case{"Pacific/Pago_Pago", "2026-10-01T10:59:59Z", "2026-10-01T11:00:01Z"}}) {
    bot_home home(with_time_zone(c.zone));
    ASSERT_TRUE(home.csibot({"migrate"}).status.ok()) << c.zone;
    store_feedback_at(home, {c.before, c.after});
    EXPECT_EQ(exported_reasons(home, "2026-10-01"), std::vector<std::string>{"at " + c.after}) << c.zone;
    EXPECT_EQ(exported_reasons(home, "2026-10-01T00:00:00Z").size(), c.zone == "Pacific/Kiritimati" ? 0U : 2U)
        << c.zone << ": an instant in UTC stays one";
  }
}

// Everything a verification pass can write: the register's states and figures, its history, the
// audit log and the outbox (the owners' "Did it work?" DMs).
std::string register_and_outbox(const bot_home& home) {
  storage::database db{home / "csibot.db"};
  auto q = db.conn().prepare(
      "SELECT (SELECT group_concat(id || ' ' || state || ' ' || verification || ' ' || ifnull(checked_at, "
      "'-'), "
      "'; ') FROM improvements), (SELECT count(*) FROM improvement_changes), (SELECT count(*) FROM audit_log "
      "WHERE action = 'improvement.verify'), (SELECT count(*) FROM outbox)");
  EXPECT_TRUE(q.step());
  return q.column_text(0) + " | history " + q.column_text(1) + " | verdicts audited " + q.column_text(2) +
         " | outbox " + q.column_text(3);
}

// README: `csibot stats` changes nothing; `csibot digest` first runs the verification pass the digest
// reports on, so a due verdict is recorded (and its owners' DMs queued for the bot to send) once,
// whichever process reaches it first.
TEST(e2e_cli_files, stats_writes_nothing_and_digest_records_a_due_verdict_once) {
  bot_home home(demo_config_toml());
  const auto seeded = home.csibot({"demo", "--seed-only", "--days", "90"});
  ASSERT_TRUE(seeded.status.ok()) << seeded.status.describe() << "\n" << seeded.err;
  const auto before = register_and_outbox(home);
  ASSERT_NE(before.find(" done pending -"), std::string::npos)
      << "the demo has a done improvement: " << before;

  for (std::vector<std::string> args : {std::vector<std::string>{"stats"},
                                        {"stats", "--service", "laptop-provisioning"},
                                        {"stats", "--period", "all"}}) {
    EXPECT_TRUE(home.csibot(args).status.ok()) << args.back();
    EXPECT_EQ(register_and_outbox(home), before) << args.back();
  }

  const auto digest = home.csibot({"digest"});
  ASSERT_TRUE(digest.status.ok()) << digest.status.describe() << "\n" << digest.err;
  const auto after = register_and_outbox(home);
  EXPECT_NE(after, before);
  EXPECT_NE(after.find(" verified verified "), std::string::npos) << after;
  EXPECT_EQ(after.find(" verdicts audited 0 "), std::string::npos) << after;
  EXPECT_EQ(after.find(" outbox 0"), std::string::npos) << "the owner's DM is queued: " << after;
  EXPECT_TRUE(home.csibot({"digest"}).status.ok());
  EXPECT_EQ(register_and_outbox(home), after) << "a verdict is recorded and told once";
}

}  // namespace
}  // namespace csibot::e2e
