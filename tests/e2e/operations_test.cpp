// Operating csibot (SPEC §10-§12): /healthz, /metrics, and the exit codes and messages of a bad
// start, all on the real binary.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "e2e/bot.hpp"
#include "e2e/client.hpp"
#include "e2e/prompt_support.hpp"
#include "storage/database.hpp"
#include "storage/sqlite.hpp"

namespace csibot::e2e {
namespace {

// The value of the sample `name` (with its labels, exactly as rendered) in Prometheus text; nullopt
// when the sample is missing.
std::optional<double> metric(const std::string& page, const std::string& name) {
  std::istringstream lines(page);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with(name + " ")) return std::stod(line.substr(name.size() + 1));
  }
  return std::nullopt;
}

// The Prometheus text format as a scraper reads it: every sample belongs to a family whose HELP and
// TYPE came before it (histogram samples by their _bucket, _sum and _count suffixes). Returns each
// family's type.
std::map<std::string, std::string> expect_valid_exposition(const std::string& page) {
  std::map<std::string, std::string> types;
  std::set<std::string> helped;
  std::istringstream lines(page);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) continue;
    std::istringstream words(line);
    std::string first, second, name, type;
    if (line.starts_with("# HELP ")) {
      words >> first >> second >> name;
      EXPECT_TRUE(helped.insert(name).second) << "HELP twice for " << name;
      continue;
    }
    if (line.starts_with("# TYPE ")) {
      words >> first >> second >> name >> type;
      EXPECT_TRUE(helped.contains(name)) << "TYPE before HELP: " << line;
      EXPECT_TRUE(types.emplace(name, type).second) << "TYPE twice for " << name;
      continue;
    }
    auto sample = line.substr(0, line.find_first_of("{ "));
    if (!types.contains(sample)) {
      for (const std::string suffix : {"_bucket", "_sum", "_count"}) {
        if (sample.ends_with(suffix) && types.contains(sample.substr(0, sample.size() - suffix.size()))) {
          sample.resize(sample.size() - suffix.size());
          EXPECT_EQ(types[sample], "histogram") << line;
          break;
        }
      }
    }
    EXPECT_TRUE(types.contains(sample)) << "a sample without HELP and TYPE before it: " << line;
  }
  return types;
}

std::vector<std::string> non_empty_lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

// `t` as the export writes times: "2026-11-30T09:00:00Z".
std::string iso_utc(std::chrono::system_clock::time_point t) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

// Exported rows created before `before` (an iso_utc text) that still carry a comment.
std::size_t comments_before(const std::vector<json>& rows, const std::string& before) {
  std::size_t n = 0;
  for (const auto& r : rows) {
    if (r["created_at"].get<std::string>() < before && (!r["reason"].is_null() || !r["usage"].is_null())) ++n;
  }
  return n;
}

TEST(e2e_operations, healthz_reports_ok_with_version_and_database) {
  bot_home home;
  running_bot bot(home);
  client net;
  const auto r = net.get(bot.base_url() + "/healthz");
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.status, 200U);
  EXPECT_TRUE(r.headers.find("Content-Type").value_or("").starts_with("application/json"));
  const auto j = json::parse(r.body, nullptr, false);
  ASSERT_TRUE(j.is_object()) << r.body;
  EXPECT_EQ(j.value("status", ""), "ok");
  EXPECT_EQ(j.value("database", ""), "ok");
  // The same version as the command line reports.
  const auto version = run_to_completion({csibot_binary().string(), "--version"}, home.dir());
  ASSERT_FALSE(j.value("version", "").empty()) << r.body;
  EXPECT_NE(version.out.find(j.value("version", "")), std::string::npos) << version.out << " vs " << r.body;
}

TEST(e2e_operations, metrics_count_the_events_and_feedback_of_a_conversation) {
  bot_home home;
  running_bot bot(home);
  client net;
  const auto before = net.get(bot.base_url() + "/metrics");
  ASSERT_TRUE(before.ok()) << before.message;
  EXPECT_EQ(metric(before.body, "csibot_feedback_total"), 0.0) << before.body;

  auto cy = net.join(bot.port(), "Cy");
  say(*cy, "general", "/csi feedback email 5 never had a problem");
  const auto impact = question_with_buttons(*cy, "dm:cy", "csi.impact");
  click(*cy, impact, "csi.impact", "email:none");
  bot_says(*cy, "dm:cy", "what do you use");
  say(*cy, "dm:cy", "calendar");
  bot_says(*cy, "dm:cy", "Thank you!");

  const auto after = net.get(bot.base_url() + "/metrics");
  ASSERT_TRUE(after.ok()) << after.message;
  EXPECT_EQ(after.status, 200U);
  EXPECT_TRUE(after.headers.find("Content-Type").value_or("").starts_with("text/plain"));
  // The command, the click and the typed answer: three handled events at least.
  const auto handled = metric(after.body, R"(csibot_events_total{platform="local",outcome="handled"})");
  ASSERT_TRUE(handled.has_value()) << after.body;
  EXPECT_GE(*handled, 3.0) << after.body;
  const auto rows = home.export_rows();
  EXPECT_EQ(rows.size(), 1U);
  EXPECT_EQ(metric(after.body, "csibot_feedback_total"), static_cast<double>(rows.size())) << after.body;
  EXPECT_EQ(metric(after.body, "csibot_conversations_open"), 0.0) << after.body;
  EXPECT_EQ(metric(after.body, R"(csibot_platform_connected{platform="local"})"), 1.0) << after.body;
  // Prometheus reserves _total for counters; a gauge named so is misread by tools that go by the name.
  for (const auto& [family, type] : expect_valid_exposition(after.body)) {
    if (family.ends_with("_total")) {
      EXPECT_EQ(type, "counter") << family;
    }
  }
}

// An operator alerts on a ticket sender whose signatures started failing: every hook and outcome is
// a counter from the start (at 0, so that increase() sees the first failure), and each call counts
// once under its outcome.
TEST(e2e_operations, metrics_count_ticket_webhook_calls_by_hook_and_outcome) {
  bot_home home{minimal_config_toml("\n[hooks]\nsecret = \"s3cret\"\n")};
  running_bot bot(home);
  client net;
  const auto sample = [](std::string_view hook, std::string_view outcome) {
    return "csibot_webhook_requests_total{hook=\"" + std::string{hook} + "\",outcome=\"" +
           std::string{outcome} + "\"}";
  };
  const auto before = net.get(bot.base_url() + "/metrics");
  ASSERT_TRUE(before.ok()) << before.message;
  for (const auto hook : {"ticket-resolved", "ticket-reopened"}) {
    for (const auto outcome : {"accepted", "unauthorized", "bad_request", "unknown_service", "not_configured",
                               "too_large", "error"}) {
      EXPECT_EQ(metric(before.body, sample(hook, outcome)), 0.0) << sample(hook, outcome) << "\n"
                                                                 << before.body;
    }
  }
  EXPECT_EQ(expect_valid_exposition(before.body)["csibot_webhook_requests_total"], "counter");

  const std::string body = R"({"service":"vpn","user":"local:bo","ticket":"INC-1"})";
  EXPECT_EQ(post_ticket_hook(bot, body, "s3cret").status, 202u);
  EXPECT_EQ(post_ticket_hook(bot, body, "an old secret").status, 401u);
  EXPECT_EQ(post_ticket_hook(bot, body, "an old secret").status, 401u);
  EXPECT_EQ(
      post_ticket_hook(bot, R"({"service":"mail","user":"local:bo","ticket":"INC-2"})", "s3cret").status,
      404u);
  const auto after = net.get(bot.base_url() + "/metrics");
  ASSERT_TRUE(after.ok()) << after.message;
  EXPECT_EQ(metric(after.body, sample("ticket-resolved", "accepted")), 1.0) << after.body;
  EXPECT_EQ(metric(after.body, sample("ticket-resolved", "unauthorized")), 2.0) << after.body;
  EXPECT_EQ(metric(after.body, sample("ticket-resolved", "unknown_service")), 1.0) << after.body;
  EXPECT_EQ(metric(after.body, sample("ticket-resolved", "bad_request")), 0.0) << after.body;
  EXPECT_EQ(metric(after.body, sample("ticket-reopened", "accepted")), 0.0) << after.body;
  expect_valid_exposition(after.body);
}

// SPEC §10 "Logs: … request ids": with JSON logs at debug level, every event's outcome is one line
// carrying its request id in a field of its own, and nothing of what the person wrote.
TEST(e2e_operations, debug_logs_name_each_event_with_its_request_id_and_without_its_text) {
  auto toml = minimal_config_toml();
  const std::string language = "language = \"en\"\n";
  toml.replace(toml.find(language), language.size(),
               language + "log_level = \"debug\"\nlog_format = \"json\"\n");
  bot_home home{toml};
  running_bot bot(home);
  client net;
  auto cy = net.join(bot.port(), "Cy");
  say(*cy, "general", "/csi feedback email 5 secret-words-of-cy");
  question_with_buttons(*cy, "dm:cy", "csi.impact");
  say(*cy, "general", "/csi frobnicate now");
  bot_says(*cy, "general", "frobnicate");
  ASSERT_TRUE(bot.stop()) << bot.log();

  std::vector<json> handled;
  std::istringstream lines(bot.log());
  for (std::string line; std::getline(lines, line);) {
    const auto j = json::parse(line, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << "every line is one JSON object: " << line;
    if (j.value("msg", "").starts_with("dispatch: local ")) handled.push_back(j);
  }
  ASSERT_EQ(handled.size(), 2U) << bot.log();
  EXPECT_EQ(handled[0].value("msg", ""), "dispatch: local command feedback handled") << handled[0].dump();
  EXPECT_EQ(handled[1].value("msg", ""), "dispatch: local unknown command handled") << handled[1].dump();
  EXPECT_FALSE(handled[0].value("request", "").empty()) << handled[0].dump();
  EXPECT_NE(handled[0].value("request", ""), handled[1].value("request", ""));
  EXPECT_EQ(bot.log().find("secret-words-of-cy"), std::string::npos) << "no comment in the log";
  EXPECT_EQ(bot.log().find("frobnicate"), std::string::npos) << "nor what an unknown command said";
}

TEST(e2e_operations, a_bad_config_exits_1_naming_the_key_and_line) {
  auto toml = minimal_config_toml();
  const auto at = toml.find(R"(criticality = "medium")");
  ASSERT_NE(at, std::string::npos);
  toml.replace(at, std::string_view{R"(criticality = "medium")"}.size(), R"(criticality = "urgent")");
  const auto line = 1 + std::count(toml.begin(), toml.begin() + static_cast<std::ptrdiff_t>(at), '\n');
  bot_home home(toml);

  const auto r = home.csibot({"run", "--listen", "127.0.0.1:0"});
  EXPECT_TRUE(r.status.exited && r.status.code == 1) << r.status.describe() << "\n" << r.err;
  EXPECT_NE(r.err.find("service[2].criticality"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(":" + std::to_string(line) + ":"), std::string::npos)
      << "line " << line << ": " << r.err;
  EXPECT_NE(r.err.find("urgent"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(home / "csibot.db")) << "a bad config must not create the database";
}

// SPEC §10-§12: check-config takes --config like every subcommand; problems go to stderr with key and
// line, the summary to stdout, and any error is exit 1.
TEST(e2e_operations, check_config_reads_the_config_flag_and_reports_problems_on_stderr) {
  bot_home good;
  const auto ok = good.csibot({"check-config"});
  EXPECT_TRUE(ok.status.ok()) << ok.status.describe() << "\n" << ok.err;
  EXPECT_NE(ok.out.find("0 error(s)"), std::string::npos) << ok.out;

  auto toml = minimal_config_toml();
  const auto at = toml.find(R"(criticality = "medium")");
  ASSERT_NE(at, std::string::npos);
  toml.replace(at, std::string_view{R"(criticality = "medium")"}.size(), R"(criticality = "urgent")");
  bot_home bad(toml);
  const auto r = bad.csibot({"check-config"});
  EXPECT_TRUE(r.status.exited && r.status.code == 1) << r.status.describe() << "\n" << r.err;
  EXPECT_NE(r.err.find("criticality"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("1 error(s)"), std::string::npos) << r.out;
}

// SPEC §10: `csibot backup FILE` writes a copy it has read back whole; a damaged database is exit 2
// with what to do on stderr, and leaves no file that looks like a backup.
TEST(e2e_operations, backup_checks_its_copy_and_refuses_to_pass_off_a_damaged_one) {
  bot_home home;
  ASSERT_TRUE(home.csibot({"migrate"}).status.ok());
  const auto good = home.csibot({"backup", (home / "good.db").string()});
  EXPECT_TRUE(good.status.ok()) << good.status.describe() << "\n" << good.err;
  EXPECT_NE(good.out.find("passed SQLite's quick_check"), std::string::npos) << good.out;
  EXPECT_TRUE(std::filesystem::exists(home / "good.db"));

  const auto file = home / "csibot.db";
  {
    storage::database db{file};
    db.conn().exec("CREATE TABLE bulk (n INTEGER PRIMARY KEY, text TEXT NOT NULL)");
    db.conn().exec(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400) "
        "INSERT INTO bulk SELECT i, printf('%.600c', 'x') FROM n");
  }  // the last connection checkpoints the log into the file, whose last pages are bulk's
  const auto size = std::filesystem::file_size(file);
  {
    std::fstream raw(file, std::ios::in | std::ios::out | std::ios::binary);
    raw.seekp(static_cast<std::streamoff>(size - 4U * 4096U));
    const std::string garbage(4096, '\xA5');
    raw.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
  const auto bad = home.csibot({"backup", (home / "bad.db").string()});
  EXPECT_TRUE(bad.status.exited && bad.status.code == 2) << bad.status.describe() << "\n" << bad.err;
  EXPECT_NE(bad.err.find("quick_check"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("integrity_check"), std::string::npos) << bad.err;
  EXPECT_FALSE(std::filesystem::exists(home / "bad.db")) << "a damaged copy must not be left as a backup";
}

// SPEC §11: bad input is exit 1 with the message on stderr, for `csibot stats` as for the rest.
TEST(e2e_operations, stats_exits_1_on_an_unknown_service_or_period) {
  bot_home home;
  ASSERT_TRUE(home.csibot({"migrate"}).status.ok());
  const auto typo = home.csibot({"stats", "--service", "vpnn"});
  EXPECT_TRUE(typo.status.exited && typo.status.code == 1) << typo.status.describe() << "\n" << typo.out;
  EXPECT_NE(typo.err.find("did you mean 'vpn'"), std::string::npos) << typo.err;
  const auto period = home.csibot({"stats", "--period", "fortnight"});
  EXPECT_TRUE(period.status.exited && period.status.code == 1) << period.status.describe();
  EXPECT_NE(period.err.find("'fortnight' is not a period"), std::string::npos) << period.err;
  const auto fine = home.csibot({"stats", "--service", "vpn", "--period", "7d"});
  EXPECT_TRUE(fine.status.ok()) << fine.status.describe() << "\n" << fine.err;
  EXPECT_NE(fine.out.find("7d"), std::string::npos) << fine.out;
}

// A mistyped bot.database must fail a backup or export job, not "succeed" on an empty database it
// just created (they change nothing, README): exit 1, the path named, no file left behind.
TEST(e2e_operations, commands_that_read_refuse_a_database_that_does_not_exist) {
  bot_home home;
  const auto db = home / "csibot.db";
  for (const std::vector<std::string>& args : {std::vector<std::string>{"export"},
                                               {"backup", (home / "copy.db").string()},
                                               {"stats"},
                                               {"digest"},
                                               {"catalog", "export"}}) {
    const auto r = home.csibot(args);
    EXPECT_TRUE(r.status.exited && r.status.code == 1) << args[0] << ": " << r.status.describe() << "\n"
                                                       << r.out;
    EXPECT_NE(r.err.find("there is no database at"), std::string::npos) << args[0] << ": " << r.err;
    EXPECT_FALSE(std::filesystem::exists(db)) << args[0] << " created it";
  }
  EXPECT_FALSE(std::filesystem::exists(home / "copy.db"));
  ASSERT_TRUE(home.csibot({"migrate"}).status.ok());
  EXPECT_TRUE(home.csibot({"export"}).status.ok()) << "once it exists, export reads it";
}

// A mistyped command says which word is wrong and what was meant (CLI11 alone said only "A
// subcommand is required"); help, options and a command's own arguments keep CLI11's handling.
// Only a start (or migrate, demo) stores the config file's catalog: a command that reads, pointed at
// a live database with a trial config, shows the file's catalog and says how it differs, but the
// database keeps its own.
TEST(e2e_operations, read_only_commands_show_the_files_catalog_without_storing_it) {
  bot_home home;
  const auto stored = home.csibot({"migrate"});
  ASSERT_TRUE(stored.status.ok()) << stored.status.describe() << "\n" << stored.err;

  std::string trial_toml = minimal_config_toml();
  trial_toml.erase(trial_toml.find("\n[[service]]\nid = \"hr-portal\""));
  const auto renamed = trial_toml.find("Email and calendar");
  ASSERT_NE(renamed, std::string::npos);
  trial_toml.replace(renamed, 18, "Mail");
  const auto trial = home / "trial.toml";
  { std::ofstream{trial} << trial_toml; }
  const auto with_trial = [&](std::vector<std::string> args) {
    args.insert(args.begin(), csibot_binary().string());
    args.insert(args.end(), {"--config", trial.string()});
    return run_to_completion(std::move(args), home.dir(), child_deadline);
  };
  const auto shown = with_trial({"catalog", "export"});
  ASSERT_TRUE(shown.status.ok()) << shown.status.describe() << "\n" << shown.err;
  EXPECT_EQ(shown.out.find("hr-portal"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("name = 'Mail'"), std::string::npos) << shown.out;
  EXPECT_NE(shown.err.find("note: the config file changes email; removes hr-portal"), std::string::npos)
      << shown.err;
  for (std::vector<std::string> args :
       {std::vector<std::string>{"stats"}, {"digest"}, {"export", "--format", "json"}}) {
    const auto read = with_trial(args);
    EXPECT_TRUE(read.status.ok()) << args[0] << ": " << read.status.describe() << "\n" << read.err;
  }

  // The flag before the subcommand's own word reads the same file.
  const auto flag_first =
      run_to_completion({csibot_binary().string(), "catalog", "--config", trial.string(), "export"},
                        home.dir(), child_deadline);
  EXPECT_TRUE(flag_first.status.ok()) << flag_first.status.describe() << "\n" << flag_first.err;
  EXPECT_EQ(flag_first.out, shown.out);
  const auto again = home.csibot({"catalog", "export"});
  ASSERT_TRUE(again.status.ok()) << again.status.describe() << "\n" << again.err;
  EXPECT_NE(again.out.find("hr-portal"), std::string::npos) << "the database kept it: " << again.out;
  EXPECT_NE(again.out.find("Email and calendar"), std::string::npos) << again.out;
  EXPECT_EQ(again.err.find("note:"), std::string::npos) << again.err;
}

TEST(e2e_operations, a_period_that_has_not_begun_says_so) {
  bot_home home;
  for (const char* future : {"2999", "2999-Q1", "2999-01", "since:2999-01-01"}) {
    const auto result = home.csibot({"stats", "--period", future});
    EXPECT_TRUE(result.status.exited && result.status.code == 1)
        << future << ": " << result.status.describe();
    EXPECT_NE(result.err.find(std::string{"'"} + future + "' has not begun yet"), std::string::npos)
        << result.err;
  }
}

// `run --listen` replaces bot.listen everywhere: the local chat accepts the Host names of the address
// it was started on, not those of the file's (here one it never binds).
TEST(e2e_operations, the_listen_flag_stands_for_bot_listen_in_the_local_chats_host_check) {
  std::string toml = minimal_config_toml();
  const auto listen = toml.find("listen = \"127.0.0.1:0\"");
  ASSERT_NE(listen, std::string::npos);
  toml.replace(listen, 22, "listen = \"10.9.8.7:8080\"");
  bot_home home{toml};
  running_bot bot{home};
  client net;
  const auto page = net.get(bot.base_url() + "/");
  ASSERT_TRUE(page.ok()) << page.message;
  EXPECT_EQ(page.status, 200U) << "the chat page, asked for as 127.0.0.1:<port>: " << page.body;
}

TEST(e2e_operations, a_mistyped_listen_flag_is_bad_input_and_nothing_starts) {
  bot_home home;
  for (const char* bad : {"nohost", "127.0.0.1:99999", "256.1.1.1:80"}) {
    const auto result = home.csibot({"run", "--listen", bad});
    EXPECT_TRUE(result.status.exited && result.status.code == 1) << bad << ": " << result.status.describe();
    EXPECT_NE(result.err.find(std::string{"--listen "} + bad + ": "), std::string::npos) << result.err;
    EXPECT_EQ(non_empty_lines(result.err).size(), 1U) << result.err;
  }
}

TEST(e2e_operations, an_unknown_or_missing_command_says_which_word_and_what_was_meant) {
  bot_home home;
  // As typed: bot_home::csibot would append --config, an option the top level does not have.
  const auto csibot = [&home](std::vector<std::string> args) {
    args.insert(args.begin(), csibot_binary().string());
    auto result = run_to_completion(std::move(args), home.dir(), child_deadline);
    EXPECT_EQ(sanitizer_finding(result.err), "") << result.err;
    return result;
  };
  const auto typo = csibot({"rn"});
  EXPECT_TRUE(typo.status.exited && typo.status.code == 1) << typo.status.describe();
  EXPECT_EQ(non_empty_lines(typo.err).size(), 1U) << typo.err;
  EXPECT_NE(typo.err.find("unknown command 'rn' (did you mean 'run'?)"), std::string::npos) << typo.err;
  EXPECT_NE(typo.err.find("backup"), std::string::npos) << "lists the commands: " << typo.err;

  const auto nested = csibot({"catalog", "exprt"});
  EXPECT_TRUE(nested.status.exited && nested.status.code == 1) << nested.status.describe();
  EXPECT_NE(nested.err.find("csibot catalog: unknown command 'exprt' (did you mean 'export'?)"),
            std::string::npos)
      << nested.err;

  const auto nothing = csibot({});
  EXPECT_TRUE(nothing.status.exited && nothing.status.code == 1) << nothing.status.describe();
  EXPECT_NE(nothing.err.find("csibot: say which command to run: run, demo"), std::string::npos)
      << nothing.err;

  const auto hostile = csibot({"\x1b]0;pwned\x07"});
  EXPECT_TRUE(hostile.status.exited && hostile.status.code == 1) << hostile.status.describe();
  EXPECT_EQ(hostile.err.find('\x1b'), std::string::npos) << "no terminal escape is echoed";

  const auto stray = home.csibot({"backup"});  // a known command missing its argument: CLI11's words
  EXPECT_TRUE(stray.status.exited && stray.status.code == 1) << stray.status.describe();
  EXPECT_NE(stray.err.find("file is required"), std::string::npos) << stray.err;

  const auto help = csibot({"--help"});
  EXPECT_TRUE(help.status.ok()) << help.status.describe();
  EXPECT_NE(help.out.find("check-config"), std::string::npos) << help.out;
}

// SPEC §10-§12: a runtime failure at start is exit 2 with one clear line, naming what failed.
TEST(e2e_operations, a_port_in_use_exits_2_with_one_clear_line) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(::listen(fd, 1), 0);  // listening: SO_REUSEADDR on the other side cannot share it
  socklen_t len = sizeof addr;
  ASSERT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);
  const auto taken = "127.0.0.1:" + std::to_string(ntohs(addr.sin_port));

  bot_home home;
  const auto r = home.csibot({"run", "--listen", taken});
  ::close(fd);
  EXPECT_TRUE(r.status.exited && r.status.code == 2) << r.status.describe() << "\n" << r.err;
  const auto lines = non_empty_lines(r.err);
  ASSERT_EQ(lines.size(), 1U) << r.err;
  EXPECT_NE(lines[0].find(taken), std::string::npos) << "the line should name the address: " << lines[0];
  EXPECT_NE(lines[0].find("in use"), std::string::npos) << lines[0];
  // Library internals (boost source locations, function signatures) are noise to an operator.
  EXPECT_EQ(lines[0].find("/usr/include"), std::string::npos) << lines[0];
  EXPECT_EQ(lines[0].find("boost::"), std::string::npos) << lines[0];
}

TEST(e2e_operations, retention_erases_older_comments_at_start_and_keeps_their_ratings_and_newer_comments) {
  auto toml = demo_config_toml();
  const auto bot_section = toml.find("[bot]\n");
  ASSERT_NE(bot_section, std::string::npos);
  toml.insert(bot_section + 6, "retention_days = 30\n");
  bot_home home(toml);
  const auto seeded = home.csibot({"demo", "--seed-only", "--days", "90"});
  ASSERT_TRUE(seeded.status.exited && seeded.status.code == 0) << seeded.status.describe() << "\n"
                                                               << seeded.err;
  // A day of margin on each side of the cut-off, for the seconds between here and the bot's pass.
  const auto now = std::chrono::system_clock::now();
  const auto older = iso_utc(now - std::chrono::days{31});
  const auto newer = iso_utc(now - std::chrono::days{29});
  ASSERT_GT(comments_before(home.export_rows(), older), 0u) << "the demo history has old comments to erase";

  running_bot bot(home);
  bool erased = false;
  for (int i = 0; i < 100 && !erased; ++i) {
    erased = comments_before(home.export_rows(), older) == 0;
    if (!erased) std::this_thread::sleep_for(std::chrono::milliseconds{100});
  }
  EXPECT_TRUE(erased) << bot.log();

  std::size_t old_ratings = 0;
  std::size_t recent_comments = 0;
  for (const auto& r : home.export_rows()) {
    const auto created = r["created_at"].get<std::string>();
    if (created < older && !r["rating"].is_null()) ++old_ratings;
    if (created > newer && !r["reason"].is_null()) ++recent_comments;
  }
  EXPECT_GT(old_ratings, 0u) << "the ratings of erased feedback stay for the figures";
  EXPECT_GT(recent_comments, 0u) << "comments inside the period stay";
  ASSERT_TRUE(bot.stop());
  EXPECT_NE(bot.log().find("retention (30 days): erased the comments of"), std::string::npos) << bot.log();
}

}  // namespace
}  // namespace csibot::e2e

namespace csibot::e2e {
namespace {

// `csibot export > dump.jsonl` on a full disk must not report success for a cut-off file (SPEC §11).
TEST(e2e_operations, an_export_or_digest_that_cannot_be_written_exits_2_and_says_so) {
  bot_home home;
  ASSERT_TRUE(home.csibot({"demo", "--days", "2", "--seed-only"}).status.ok());
  for (const std::string command : {"export", "export --format csv", "digest", "catalog export"}) {
    const auto err = home / "err.txt";
    const auto line = csibot_binary().string() + " " + command + " --config '" + home.config().string() +
                      "' > /dev/full 2> '" + err.string() + "'";
    const int status = std::system(line.c_str());
    ASSERT_TRUE(WIFEXITED(status)) << line;
    EXPECT_EQ(WEXITSTATUS(status), 2) << command;
    std::ifstream in{err};
    const std::string said{std::istreambuf_iterator<char>{in}, {}};
    EXPECT_NE(said.find("could not be written completely"), std::string::npos) << command << ": " << said;
  }
}

}  // namespace
}  // namespace csibot::e2e

namespace csibot::e2e {
namespace {

// A trial config pointed at the live database of an older csibot: the reading commands refuse it,
// leaving its schema as it was, while a backup (before upgrading) still works.
TEST(e2e_operations, reading_commands_never_upgrade_an_older_database) {
  bot_home home;
  ASSERT_TRUE(home.csibot({"migrate"}).status.ok());
  const auto version = [&] {
    storage::connection conn{(home / "csibot.db").string()};
    auto st = conn.prepare("PRAGMA user_version");
    st.step();
    return st.column_int(0);
  };
  const int current = version();
  {
    storage::connection conn{(home / "csibot.db").string()};
    conn.exec("ALTER TABLE outbox DROP COLUMN source; PRAGMA user_version = " + std::to_string(current - 1));
  }
  for (const std::string command : {"stats", "digest", "export"}) {
    const std::vector<std::string> args{command};
    const auto r = home.csibot(args);
    EXPECT_EQ(r.status.code, 2) << args[0] << ": " << r.err;
    EXPECT_NE(r.err.find("has schema " + std::to_string(current - 1)), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("older csibot"), std::string::npos) << r.err;
    EXPECT_EQ(version(), current - 1) << args[0] << " changed the schema";
  }
  EXPECT_TRUE(home.csibot({"backup", (home / "before-upgrade.db").string()}).status.ok());
  EXPECT_EQ(version(), current - 1);
  ASSERT_TRUE(home.csibot({"migrate"}).status.ok());
  EXPECT_TRUE(home.csibot({"stats"}).status.ok());
}

}  // namespace
}  // namespace csibot::e2e
