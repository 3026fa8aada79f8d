// End-to-end load on the Slack adapter: the in-process fake Slack (tests/support/fake_slack) on
// loopback, the real csibot binary connected to it over Socket Mode, and N one-shot slash commands
// (`/csi feedback vpn 4 slow at peak`) pushed through the fake's socket with K in flight. Per command
// it measures the ack (envelope sent → ack received by the fake) and the confirmation (envelope sent →
// first POST to that command's response_url); per run commands/s, the bot's CPU per command, its RSS
// idle and peak, and whether `csibot export` holds every command exactly once. See
// docs/PERFORMANCE.md.
//
//   csibot_slack_load --binary build/release/bot/csibot --commands 20000 --in-flight 1,16,256
#include <sys/resource.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "bench/support/bot_process.hpp"
#include "support/fake_slack/fake_slack.hpp"

namespace {

using json = nlohmann::json;
using steady = std::chrono::steady_clock;
namespace fs = std::filesystem;

constexpr const char* reason_text = "slow at peak";
constexpr const char* warm_up_user = "UWARMUP";

struct options {
  std::string binary = "build/release/bot/csibot";
  std::size_t commands = 20'000;
  std::vector<std::size_t> in_flight{1, 16, 256};
  std::size_t users = 1'000;
  std::size_t fake_threads = 1;
  int stall_seconds = 15;
  bool keep = false;
};

struct run_result {
  std::size_t in_flight = 0;
  std::size_t sent = 0;
  std::size_t acked = 0;
  std::size_t confirmed = 0;
  std::size_t posts = 0;           ///< response_url POSTs, all of them
  double posts_per_command = 0;    ///< seen for the warm-up command
  double seconds = 0;              ///< first envelope sent → last command confirmed
  std::vector<double> ack_ms;      ///< per command
  std::vector<double> confirm_ms;  ///< per command
  double bot_cpu_seconds = 0;      ///< csibot user + sys during the measured part
  double driver_cpu_seconds = 0;   ///< this process (the fake and the driver) during the same part
  double idle_rss_mib = 0;
  double peak_rss_mib = 0;
  double startup_ms = 0;
  std::string stored;  ///< "exactly once", or what is wrong
  bool ok = false;
};

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

double ms_between(steady::time_point from, steady::time_point to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

/// This process's user + system CPU seconds, all threads (the driver and the fake's server threads).
double own_cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  const auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(u.ru_utime) + seconds(u.ru_stime);
}

std::string user_for(std::size_t command, std::size_t users) {
  // Zero-padded so that the ids sort and look like Slack's fixed-width ones.
  auto digits = std::to_string(command % std::max<std::size_t>(users, 1));
  return "U" + std::string(digits.size() < 7 ? 7 - digits.size() : 0, '0') + digits;
}

fs::path write_config(const fs::path& dir, const csibot::testing::fake_slack& fake) {
  const auto file = dir / "slack-load.toml";
  std::ofstream out{file};
  // No [local]: Slack is the only platform, as on a real deployment. Identified anonymity keeps the
  // user id in the export, which is what the exactly-once check counts by.
  out << "[bot]\ndatabase = \"load.db\"\nlisten = \"127.0.0.1:0\"\nlog_level = \"warn\"\n\n"
      << "[slack]\nmode = \"socket\"\napp_token = \"" << fake.options().app_token << "\"\nbot_token = \""
      << fake.options().bot_token << "\"\napi_url = \"" << fake.api_url() << "\"\n\n"
      << "[[service]]\nid = \"vpn\"\nname = \"Remote access VPN\"\ncriticality = \"high\"\n"
         "scale = \"csat5\"\nanonymity = \"identified\"\n";
  return file;
}

/// One slash command as Slack sends it, with a response_url of the fake. Built here rather than with
/// fake_slack::push_slash_command so that the tool knows the URL and the user of each command.
json slash_payload(const csibot::testing::fake_slack& fake, const std::string& user,
                   std::string response_url) {
  const auto& o = fake.options();
  return {{"token", "verification-token"},
          {"team_id", o.team_id},
          {"team_domain", "fake"},
          {"channel_id", "C0001"},
          {"channel_name", "general"},
          {"user_id", user},
          {"user_name", "user-" + user},
          {"command", "/csi"},
          {"text", std::string{"feedback vpn 4 "} + reason_text},
          {"api_app_id", o.app_id},
          {"is_enterprise_install", "false"},
          {"response_url", std::move(response_url)},
          {"trigger_id", "1.2.trigger"}};
}

/// The number after the last '/' of a response_url: the fake records POSTs under that id.
std::string response_id(const std::string& url) {
  return url.substr(url.rfind('/') + 1);
}

/// Runs `csibot export --format json` on the stopped bot's database and checks that every command
/// (and the warm-up one) is stored exactly once, counting by user.
std::string check_stored(const options& o, const fs::path& config, std::size_t sent) {
  std::map<std::string, std::size_t> expected;
  for (std::size_t i = 0; i < sent; ++i)
    ++expected[user_for(i, o.users)];
  expected[warm_up_user] = 1;
  const std::string command = "'" + o.binary + "' export --format json --config '" + config.string() + "'";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return "cannot run " + command;
  std::map<std::string, std::size_t> seen;
  std::size_t rows = 0, other = 0;
  std::string line;
  char chunk[4096];
  while (std::fgets(chunk, sizeof chunk, pipe) != nullptr) {
    line += chunk;
    if (line.empty() || line.back() != '\n') continue;
    const auto row = json::parse(line, nullptr, false);
    line.clear();
    if (!row.is_object()) continue;
    ++rows;
    const auto user = row.value("user", json{}).is_string() ? row["user"].get<std::string>() : std::string{};
    if (row.value("service", "") != "vpn" || row.value("reason", json{}) != reason_text ||
        !user.starts_with("slack:")) {
      ++other;
      continue;
    }
    ++seen[user.substr(6)];
  }
  const int rc = pclose(pipe);
  if (rc != 0) return "csibot export failed (status " + std::to_string(rc) + ")";
  std::size_t missing = 0, extra = 0, stored = 0;
  for (const auto& [user, want] : expected) {
    const auto got = seen.count(user) ? seen[user] : 0;
    stored += got;
    if (got < want) missing += want - got;
    if (got > want) extra += got - want;
  }
  for (const auto& [user, got] : seen)
    if (!expected.count(user)) extra += got;
  if (missing == 0 && extra == 0 && other == 0) return "exactly once (" + std::to_string(rows) + " rows)";
  return "MISMATCH: " + std::to_string(rows) + " rows, " + std::to_string(missing) + " missing, " +
         std::to_string(extra) + " extra, " + std::to_string(other) + " unexpected";
}

run_result run(const options& o, std::size_t in_flight) {
  run_result r;
  r.in_flight = in_flight;
  const auto dir = fs::temp_directory_path() /
                   ("csibot-slack-load-" + std::to_string(getpid()) + "-" + std::to_string(in_flight));
  fs::remove_all(dir);
  fs::create_directories(dir);

  csibot::testing::fake_slack_options fake_options;
  fake_options.threads = o.fake_threads;
  csibot::testing::fake_slack fake{fake_options};
  const auto config = write_config(dir, fake);
  std::optional<csibot::bench::bot_process> bot{std::in_place, o.binary, config, dir};
  r.startup_ms = bot->startup().count() * 1000;

  // The port file only says the HTTP port is up; the Slack socket comes after it.
  if (!fake.wait_for_open_connections(1, std::chrono::seconds{30})) {
    r.stored = "csibot never opened a Socket Mode connection (apps.connections.open calls: " +
               std::to_string(fake.call_count("apps.connections.open")) + "); see " +
               (dir / "csibot.log").string();
    return r;
  }
  std::this_thread::sleep_for(std::chrono::milliseconds{200});  // let it read hello before measuring
  r.idle_rss_mib = static_cast<double>(bot->rss_kib()) / 1024;

  // Warm-up: one command proves the path works end to end and shows how many POSTs one command's
  // replies take, which is how the window below counts completed commands without copying the
  // fake's records on every wake-up.
  {
    auto url = fake.new_response_url();
    fake.push_envelope("slash_commands", slash_payload(fake, warm_up_user, std::move(url)));
    if (!fake.wait_for_responses(1, std::chrono::seconds{30})) {
      const auto acks = fake.acks();
      std::string methods;
      for (const auto& c : fake.calls())
        methods += (methods.empty() ? "" : ", ") + c.method;
      r.stored =
          "the warm-up command got " + std::to_string(acks.size()) +
          " ack(s) and no response_url POST within 30 s" +
          (acks.empty() || acks.back().payload.is_null() ? std::string{}
                                                         : "; ack payload " + acks.back().payload.dump()) +
          "; Web API calls: " + (methods.empty() ? "none" : methods) + "; see " +
          (dir / "csibot.log").string();
      return r;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds{300});
    r.posts_per_command = static_cast<double>(fake.response_count());
  }
  const auto posts_per_command = static_cast<std::size_t>(r.posts_per_command);
  const std::size_t posts_before = fake.response_count();
  const std::size_t acks_before = fake.acks().size();

  std::vector<steady::time_point> sent(o.commands);
  std::unordered_map<std::string, std::size_t> by_envelope, by_response;
  by_envelope.reserve(o.commands);
  by_response.reserve(o.commands);
  std::vector<steady::time_point> post_seen;  // when the driver saw each POST after posts_before
  post_seen.reserve(o.commands * posts_per_command);

  const double bot_cpu_before = bot->cpu_seconds();
  const double own_cpu_before = own_cpu_seconds();
  const auto started = steady::now();
  std::size_t next = 0;
  const std::size_t wanted_posts = o.commands * posts_per_command;
  bool stalled = false;
  while (post_seen.size() < wanted_posts) {
    // A command leaves the window once its POSTs are seen; counting whole commands by POSTs keeps
    // the window honest when one command's replies take more than one POST.
    const std::size_t done = post_seen.size() / posts_per_command;
    for (; next < o.commands && next - done < in_flight; ++next) {
      auto url = fake.new_response_url();
      by_response.emplace(response_id(url), next);
      auto payload = slash_payload(fake, user_for(next, o.users), std::move(url));
      sent[next] = steady::now();
      by_envelope.emplace(fake.push_envelope("slash_commands", std::move(payload)), next);
    }
    // Blocks on the fake's condition variable: woken by each recorded POST, so the time taken
    // right after is the arrival time to within a thread wake-up.
    const std::size_t have = posts_before + post_seen.size();
    if (!fake.wait_for_responses(have + 1, std::chrono::seconds{o.stall_seconds})) {
      stalled = true;
      break;
    }
    const auto now = steady::now();
    const auto total = fake.response_count();
    while (posts_before + post_seen.size() < total)
      post_seen.push_back(now);
  }
  const auto finished = steady::now();
  r.bot_cpu_seconds = bot->cpu_seconds() - bot_cpu_before;
  r.driver_cpu_seconds = own_cpu_seconds() - own_cpu_before;
  r.peak_rss_mib = static_cast<double>(bot->peak_rss_kib()) / 1024;
  r.seconds = std::chrono::duration<double>(finished - started).count();
  r.sent = next;

  // Acks may trail the confirmations (they share nothing in csibot): give the last ones a moment
  // rather than count them as missing. Their recorded time is kept by the fake, so this costs no
  // accuracy.
  const auto ack_deadline = steady::now() + std::chrono::seconds{5};
  auto acks = fake.acks();
  while (acks.size() < acks_before + r.sent && steady::now() < ack_deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds{20});
    acks = fake.acks();
  }

  // Match records to commands once, after the run.
  std::vector<std::optional<steady::time_point>> acked(o.commands), confirmed(o.commands);
  for (std::size_t i = acks_before; i < acks.size(); ++i) {
    const auto it = by_envelope.find(acks[i].envelope_id);
    if (it == by_envelope.end() || acked[it->second]) continue;
    acked[it->second] = acks[i].at;
  }
  const auto posts = fake.responses();
  r.posts = posts.size() - posts_before;
  for (std::size_t i = posts_before; i < posts.size() && i - posts_before < post_seen.size(); ++i) {
    const auto it = by_response.find(posts[i].id);
    if (it == by_response.end() || confirmed[it->second]) continue;
    confirmed[it->second] = post_seen[i - posts_before];
  }
  for (std::size_t i = 0; i < r.sent; ++i) {
    if (acked[i]) {
      r.ack_ms.push_back(ms_between(sent[i], *acked[i]));
      ++r.acked;
    }
    if (confirmed[i]) {
      r.confirm_ms.push_back(ms_between(sent[i], *confirmed[i]));
      ++r.confirmed;
    }
  }

  bot.reset();  // SIGTERM and wait: the export then reads a closed database
  r.stored = check_stored(o, config, r.sent);
  if (stalled) r.stored = "STALLED (no POST for " + std::to_string(o.stall_seconds) + " s); " + r.stored;
  r.ok = !stalled && r.sent == o.commands && r.acked == o.commands && r.confirmed == o.commands &&
         r.stored.starts_with("exactly once");
  if (!o.keep) fs::remove_all(dir);
  return r;
}

void print(const run_result& r, std::size_t commands) {
  const auto per_command = [&](double seconds) {
    return seconds * 1000 / static_cast<double>(std::max<std::size_t>(1, r.confirmed));
  };
  std::printf("in flight          %zu\n", r.in_flight);
  std::printf(
      "commands           %zu sent of %zu, %zu acked, %zu confirmed (%zu response_url POSTs, %.0f per "
      "command)\n",
      r.sent, commands, r.acked, r.confirmed, r.posts, r.posts_per_command);
  std::printf("total time         %.2f s (%.0f commands/s)\n", r.seconds,
              static_cast<double>(r.confirmed) / std::max(r.seconds, 1e-9));
  std::printf("ack latency        p50 %.2f ms, p99 %.2f ms, max %.2f ms\n", percentile(r.ack_ms, 0.5),
              percentile(r.ack_ms, 0.99), percentile(r.ack_ms, 1.0));
  std::printf("confirmation       p50 %.2f ms, p99 %.2f ms, max %.2f ms\n", percentile(r.confirm_ms, 0.5),
              percentile(r.confirm_ms, 0.99), percentile(r.confirm_ms, 1.0));
  std::printf("csibot CPU         %.2f s (%.3f ms per command)\n", r.bot_cpu_seconds,
              per_command(r.bot_cpu_seconds));
  std::printf("fake + driver CPU  %.2f s (%.3f ms per command)\n", r.driver_cpu_seconds,
              per_command(r.driver_cpu_seconds));
  std::printf("csibot RSS         idle %.1f MiB, peak %.1f MiB\n", r.idle_rss_mib, r.peak_rss_mib);
  std::printf("start-up           %.0f ms to listening\n", r.startup_ms);
  std::printf("stored             %s\n\n", r.stored.c_str());
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"csibot Slack load: one-shot /csi feedback commands over the fake's Socket Mode"};
  options o;
  app.add_option("--binary", o.binary, "the csibot binary")->capture_default_str();
  app.add_option("--commands", o.commands, "commands per run")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_option("--in-flight", o.in_flight, "commands in flight, one run each (comma-separated)")
      ->delimiter(',')
      ->capture_default_str();
  app.add_option("--users", o.users, "distinct Slack users the commands come from")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_option("--fake-threads", o.fake_threads, "server threads of the fake Slack")->capture_default_str();
  app.add_option("--stall", o.stall_seconds, "give a run up after this many seconds without a reply")
      ->capture_default_str();
  app.add_flag("--keep", o.keep, "keep each run's folder (config, database, csibot.log)");
  CLI11_PARSE(app, argc, argv);

  std::vector<run_result> results;
  for (const auto k : o.in_flight) {
    try {
      results.push_back(run(o, std::max<std::size_t>(k, 1)));
    } catch (const std::exception& e) {
      run_result failed;
      failed.in_flight = k;
      failed.stored = std::string{"FAILED: "} + e.what();
      results.push_back(std::move(failed));
    }
    print(results.back(), o.commands);
  }

  // The same figures as one Markdown table, ready for docs/PERFORMANCE.md.
  std::printf(
      "| in flight | commands/s | ack p50 / p99 | confirmation p50 / p99 | csibot CPU per command | "
      "RSS idle / peak | stored |\n| --- | --- | --- | --- | --- | --- | --- |\n");
  bool all_ok = true;
  for (const auto& r : results) {
    all_ok = all_ok && r.ok;
    std::printf("| %zu | %.0f | %.2f / %.2f ms | %.2f / %.2f ms | %.3f ms | %.1f / %.1f MiB | %s |\n",
                r.in_flight, static_cast<double>(r.confirmed) / std::max(r.seconds, 1e-9),
                percentile(r.ack_ms, 0.5), percentile(r.ack_ms, 0.99), percentile(r.confirm_ms, 0.5),
                percentile(r.confirm_ms, 0.99),
                r.bot_cpu_seconds * 1000 / static_cast<double>(std::max<std::size_t>(1, r.confirmed)),
                r.idle_rss_mib, r.peak_rss_mib, r.stored.c_str());
  }
  if (!all_ok)
    std::fprintf(stderr, "\n*** NOT EVERY COMMAND WAS ACKED, CONFIRMED AND STORED EXACTLY ONCE ***\n");
  return all_ok ? 0 : 1;
}
