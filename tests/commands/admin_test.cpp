// `/csi admin [status] | audit [n] | backup` (SPEC §1): only the admins of `bot.admins` see the bot's
// health and audit log or start a backup; everyone else is told who may. The running bot's side is a
// test double of commands::operations; the audit log is the real one in a real SQLite file.
#include "commands/operations.hpp"
#include "dispatch_fixture.hpp"

namespace csibot::commands {
namespace {

using namespace std::chrono_literals;

// Stands in for the running bot: returns the figures a test sets, and records backup requests.
class scripted_operations final : public operations {
 public:
  bot_health figures;
  backup_start answer;
  struct request {
    std::string user;
    std::string language;
    core::timestamp at;
  };
  std::vector<request> requests;

  bot_health health() override { return figures; }
  backup_start start_backup(const core::inbound& requester, const std::string& language,
                            core::timestamp now) override {
    requests.push_back({requester.user_ref().str(), language, now});
    return answer;
  }
};

class admin_command : public test::dispatch_test {
 protected:
  scripted_operations ops;

  void SetUp() override {
    dispatch_test::SetUp();
    bot->set_operations(&ops);
  }

  core::outbound one_reply(std::string_view user, std::string_view text, std::string_view locale = {}) {
    auto in = command(user, text);
    in.locale = std::string{locale};
    const auto out = send(in);
    EXPECT_EQ(out.size(), 1u) << all_text(out);
    if (out.empty()) return {};
    EXPECT_EQ(out[0].kind, core::delivery::ephemeral) << "every admin reply is for the admin alone";
    EXPECT_EQ(out[0].user, std::string{user});
    return out[0];
  }
  std::string text_of(std::string_view user, std::string_view text, std::string_view locale = {}) {
    return one_reply(user, text, locale).body.plain_text();
  }
  static std::string field(const core::message& m, std::string_view label) {
    for (const auto& f : m.fields)
      if (f.label == label) return f.value;
    return "⟨no field " + std::string{label} + "⟩";
  }
  void audit(std::string_view action, std::string_view subject, core::timestamp at) {
    storage::audit_repository{*db}.append(
        {0, at, "local:alice", std::string{action}, std::string{subject}, "d"});
  }
  bot_health sample_figures() const {
    bot_health h;
    h.version = "9.8.7";
    h.uptime = 1h + 2min + 5s;
    h.database = {true, "", false, 8, 3u * 1024u * 1024u, 42, 3};
    h.platforms = {{"local", true, {{"sessions", "2"}}},
                   {"slack", false, {{"mode", "socket"}, {"reconnects", "4"}}}};
    h.outbox = {2, now - 5min, 0, std::nullopt};
    h.events = {17, 1, 2};
    h.last_backup = backup_record{csibot::test::utc(2026, 11, 29, 9, 0),
                                  "/srv/csibot/backups/csibot-20261129T090000Z.db", "1048576 bytes, 120 ms"};
    return h;
  }
};

TEST_F(admin_command, someone_who_is_not_an_admin_is_refused_with_the_admins_named) {
  for (const auto* typed : {"admin", "admin status", "admin audit", "admin backup", "admin nonsense"}) {
    EXPECT_EQ(text_of("bob", typed),
              "Only an admin (local:admin) can see the bot's health and audit log or back up its database.")
        << typed;
  }
  EXPECT_TRUE(ops.requests.empty());
}

TEST_F(admin_command, owning_a_service_is_not_enough) {
  ASSERT_EQ(settings.services.front().owners, (std::vector<std::string>{"local:alice"}));
  EXPECT_NE(text_of("alice", "admin backup").find("Only an admin (local:admin) can"), std::string::npos);
  EXPECT_TRUE(ops.requests.empty());
  EXPECT_TRUE(storage::audit_repository{*db}.recent(10).empty()) << "a refused request is not a backup";
}

TEST_F(admin_command, without_any_admin_configured_the_refusal_says_how_to_get_one) {
  settings.bot.admins.clear();
  EXPECT_EQ(
      text_of("admin", "admin"),
      "Only an admin (none configured in `bot.admins`) can see the bot's health and audit log or back up "
      "its database.");
}

TEST_F(admin_command, status_shows_the_running_bot_s_figures) {
  for (const auto* typed : {"admin", "admin status", "ADMIN Status"}) {
    ops.figures = sample_figures();  // the outbox's oldest message waited five minutes, whenever asked
    const auto m = one_reply("admin", typed).body;
    EXPECT_EQ(m.header, "Status of csibot") << typed;
    EXPECT_EQ(field(m, "Version"), "9.8.7");
    EXPECT_EQ(field(m, "Uptime"), "1h2m5s");
    EXPECT_EQ(field(m, "Database"), "ok");
    EXPECT_EQ(field(m, "Schema version"), "8");
    EXPECT_EQ(field(m, "Size on disk (with the -wal file)"), "3.0 MiB");
    EXPECT_EQ(field(m, "Feedback stored"), "42");
    EXPECT_EQ(field(m, "Open conversations"), "3");
    EXPECT_EQ(field(m, "Outbox"), "2 waiting, the oldest for 5m");
    EXPECT_EQ(field(m, "Events since start"), "17 handled, 1 duplicate, 2 failed");
    EXPECT_EQ(
        field(m, "Last backup"),
        "2026-11-29 09:00:00 UTC: `/srv/csibot/backups/csibot-20261129T090000Z.db` (1048576 bytes, 120 ms)");
    ASSERT_TRUE(m.table);
    EXPECT_EQ(m.table->columns, (std::vector<std::string>{"Platform", "Connected", "Details"}));
    EXPECT_EQ(m.table->rows,
              (std::vector<std::vector<std::string>>{{"local", "yes", "sessions 2"},
                                                     {"slack", "no", "mode socket, reconnects 4"}}));
    EXPECT_NE(m.context.find("`/csi admin audit` shows the audit log"), std::string::npos) << m.context;
  }
}

TEST_F(admin_command, status_says_what_is_wrong_with_the_database_and_a_failed_or_running_backup) {
  auto h = sample_figures();
  h.database = {false, "disk I/O error", false, 0, 0, 0, 0};
  h.outbox = {};
  h.last_backup.reset();
  h.last_failure = backup_record{now - 1h, "/srv/b.db", "database or disk is full"};
  h.backup_running_since = now - 2min;
  h.backup_running_path = "/srv/csibot/backups/csibot-20261130T085800Z.db";
  ops.figures = h;
  const auto m = one_reply("admin", "admin status").body;
  EXPECT_EQ(field(m, "Database"), "error: disk I/O error");
  EXPECT_EQ(field(m, "Schema version"), "⟨no field Schema version⟩") << "no figures from a broken database";
  EXPECT_EQ(field(m, "Outbox"), "nothing waiting");
  EXPECT_EQ(field(m, "Last backup"),
            "none yet\nThe attempt at 2026-11-30 08:00:00 UTC failed: database or disk is full");
  EXPECT_EQ(field(m, "Backup running"),
            "since 2026-11-30 08:58:00 UTC, into `/srv/csibot/backups/csibot-20261130T085800Z.db`");
}

// A digest channel that never invited the bot fails in the log only; the status is where an admin
// looks, so it names how many messages never went out and why the newest did not.
TEST_F(admin_command, status_names_messages_that_could_not_be_delivered) {
  auto h = sample_figures();
  h.outbox.failed = 3;
  h.outbox.newest_failed =
      undelivered_message{now - 2h, "slack:C0DIGEST", "chat.postMessage: not_in_channel"};
  ops.figures = h;
  EXPECT_EQ(
      field(one_reply("admin", "admin status").body, "Outbox"),
      "2 waiting, the oldest for 5m\n3 could not be delivered and are kept for you to look at; the "
      "newest, written 2026-11-30 07:00:00 UTC, to slack:C0DIGEST: chat.postMessage: not\\_in\\_channel");
}

TEST_F(admin_command, without_a_running_bot_health_and_backups_say_they_are_not_available_here) {
  bot->set_operations(nullptr);
  EXPECT_EQ(text_of("admin", "admin status"),
            "Only the running bot (`csibot run`) knows its health, so it is not available here.");
  EXPECT_EQ(text_of("admin", "admin backup"),
            "Backups from the chat need the running bot (`csibot run`); here, use `csibot backup FILE`.");
  audit("service.add", "crm", now);
  EXPECT_NE(text_of("admin", "admin audit").find("service.add"), std::string::npos)
      << "the audit log is in the database, which is here";
}

TEST_F(admin_command, audit_lists_the_newest_entries_first_and_honours_n) {
  for (int i = 1; i <= 12; ++i)
    audit("service.set", "svc" + std::to_string(i), now - std::chrono::hours{12 - i});
  auto m = one_reply("admin", "admin audit 3").body;
  EXPECT_EQ(m.header, "Audit log: the newest 3");
  ASSERT_TRUE(m.table);
  EXPECT_EQ(m.table->columns, (std::vector<std::string>{"When (UTC)", "Who", "Action", "Subject", "Detail"}));
  ASSERT_EQ(m.table->rows.size(), 3u);
  EXPECT_EQ(m.table->rows[0],
            (std::vector<std::string>{"2026-11-30 09:00:00", "local:alice", "service.set", "svc12", "d"}));
  EXPECT_EQ(m.table->rows[1][3], "svc11");
  EXPECT_EQ(m.table->rows[2][3], "svc10");

  m = one_reply("admin", "admin audit").body;
  ASSERT_TRUE(m.table);
  EXPECT_EQ(m.table->rows.size(), 10u) << "ten without a number";
  m = one_reply("admin", "admin audit 50").body;
  ASSERT_TRUE(m.table);
  EXPECT_EQ(m.table->rows.size(), 12u) << "all there are";
}

TEST_F(admin_command, audit_refuses_a_count_it_cannot_use) {
  audit("service.add", "crm", now);
  for (const auto* typed : {"0", "abc", "51", "-1", "3x", "99999999999999999999"}) {
    EXPECT_EQ(text_of("admin", std::string{"admin audit "} + typed),
              "*" + std::string{typed} +
                  "* is not a number of entries: give a whole number from 1 to 50 (without one: 10).")
        << typed;
  }
}

TEST_F(admin_command, audit_of_an_empty_log_says_so) {
  EXPECT_EQ(text_of("admin", "admin audit"), "The audit log is empty.");
}

TEST_F(admin_command, a_backup_starts_for_the_admin_and_the_request_is_audited) {
  ops.answer = {backup_start::status::started, "/srv/csibot/backups/csibot-20261130T090000Z.db", now, ""};
  EXPECT_EQ(
      text_of("admin", "admin backup"),
      "Backup started: `/srv/csibot/backups/csibot-20261130T090000Z.db`. I'll send you a direct message "
      "when it is done.");
  ASSERT_EQ(ops.requests.size(), 1u);
  EXPECT_EQ(ops.requests[0].user, "local:admin");
  EXPECT_EQ(ops.requests[0].language, "en");
  const auto log = storage::audit_repository{*db}.recent(10);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].action, "admin.backup");
  EXPECT_EQ(log[0].actor, "local:admin");
  EXPECT_EQ(log[0].subject, "/srv/csibot/backups/csibot-20261130T090000Z.db");
}

TEST_F(admin_command, a_second_backup_while_one_runs_is_refused_with_when_it_started) {
  ops.answer = {backup_start::status::already_running, "/srv/b/csibot-20261130T085500Z.db", now - 5min, ""};
  EXPECT_EQ(
      text_of("admin", "admin backup"),
      "A backup is already running (started 2026-11-30 08:55:00 UTC): `/srv/b/csibot-20261130T085500Z.db`.");
  EXPECT_TRUE(storage::audit_repository{*db}.recent(10).empty());
}

TEST_F(admin_command, an_in_memory_database_or_a_backup_that_cannot_start_is_explained) {
  ops.answer = {backup_start::status::in_memory, "", {}, ""};
  EXPECT_EQ(text_of("admin", "admin backup"),
            "The database is in memory (`:memory:`), so there is no file to back up.");
  ops.answer = {backup_start::status::failed, "", {}, "Resource temporarily unavailable"};
  EXPECT_EQ(text_of("admin", "admin backup"), "The backup could not start: Resource temporarily unavailable");
}

TEST_F(admin_command, an_unknown_subcommand_gets_the_closest_one_or_the_usage) {
  EXPECT_EQ(text_of("admin", "admin stauts"),
            "I don't know `admin stauts`. Did you mean `/csi admin status`?");
  EXPECT_EQ(text_of("admin", "admin backpu"),
            "I don't know `admin backpu`. Did you mean `/csi admin backup`?");
  EXPECT_NE(text_of("admin", "admin frobnicate").find("Usage: `/csi admin [status]`"), std::string::npos);
  EXPECT_TRUE(ops.requests.empty());
}

TEST_F(admin_command, a_german_admin_reads_german) {
  ops.figures = sample_figures();
  const auto m = one_reply("admin", "admin", "de-DE").body;
  EXPECT_EQ(m.header, "Status von csibot");
  EXPECT_EQ(field(m, "Laufzeit"), "1h2m5s");
  EXPECT_EQ(field(m, "Größe auf der Platte (mit der -wal-Datei)"), "3,0 MiB");
  EXPECT_EQ(field(m, "Ereignisse seit dem Start"), "17 verarbeitet, 1 doppelt, 2 fehlgeschlagen");
  EXPECT_EQ(field(m, "Postausgang"), "2 warten, die älteste seit 5m");
  ASSERT_TRUE(m.table);
  EXPECT_EQ(m.table->rows[1][1], "nein");
  EXPECT_EQ(text_of("bob", "admin", "de"),
            "Nur ein Admin (local:admin) darf den Zustand und das Audit-Log des Bots sehen oder seine "
            "Datenbank sichern.");
  EXPECT_EQ(text_of("admin", "admin audit 0", "de"),
            "*0* ist keine Anzahl von Einträgen: Gib eine ganze Zahl von 1 bis 50 an (ohne Angabe: 10).");
  ops.answer = {backup_start::status::started, "/b/x.db", now, ""};
  EXPECT_EQ(text_of("admin", "admin backup", "de"),
            "Backup gestartet: `/b/x.db`. Ich schicke dir eine Direktnachricht, sobald es fertig ist.");
  EXPECT_EQ(ops.requests.back().language, "de") << "the DM about the outcome speaks German too";
}

TEST_F(admin_command, the_backup_report_gives_path_size_and_time_or_the_reason) {
  backup_outcome done{true, "/srv/b/csibot-20261130T090000Z.db", 5u * 1024u * 1024u + 300u * 1024u, 2345ms,
                      ""};
  auto m = backup_report(done, "en");
  EXPECT_EQ(m.header, "Backup done");
  EXPECT_EQ(m.text,
            "The database is backed up to `/srv/b/csibot-20261130T090000Z.db`: 5.3 MiB in 2.3 s. "
            "The copy passed SQLite's check.");
  done.bytes = 512;
  done.took = 87ms;
  EXPECT_EQ(backup_report(done, "de").text,
            "Die Datenbank ist nach `/srv/b/csibot-20261130T090000Z.db` gesichert: 512 Bytes in 87 ms. "
            "Die Kopie hat die Prüfung von SQLite bestanden.");

  const backup_outcome failed{false, "/srv/b/x.db", 0, 10ms, std::string(1000, 'e')};
  m = backup_report(failed, "en");
  EXPECT_EQ(m.header, "Backup failed");
  EXPECT_EQ(m.text,
            "The backup to `/srv/b/x.db` failed: " + std::string(300, 'e') + ". The log has the details.")
      << "the DM shows the start of the reason; the log has all of it";
}

TEST_F(admin_command, help_lists_the_admin_command) {
  EXPECT_NE(text_of("bob", "help").find("`/csi admin [status] | audit [n] | backup`"), std::string::npos);
}

}  // namespace
}  // namespace csibot::commands
