// End-to-end load on the Slack adapter: the in-process fake Slack (tests/support/fake_slack) on
// loopback, the real csibot binary connected to it, and N one-shot slash commands
// (`/csi feedback vpn 4 slow at peak`) with K in flight, sent either through the fake's Socket Mode
// socket (--mode socket, the default) or as signed POSTs to csibot's /slack/commands (--mode http,
// over --connections keep-alive connections). Per command it measures the ack (Socket Mode: the
// fake writes the envelope to the socket → the fake reads the ack, as Slack would time it; HTTP
// mode: the request's bytes go out → its 200 is read), "ack from queueing" (from the moment the
// driver hands the command over, so it also counts the wait in the fake's write queue or for a free
// connection) and the confirmation (command handed over → first POST to its response_url); per run
// commands/s, the bot's CPU per command, its RSS idle and peak, and whether `csibot export` holds
// every command exactly once. See docs/PERFORMANCE.md.
//
//   csibot_slack_load --binary build/release/bot/csibot --commands 20000 --in-flight 1,16,256
//   csibot_slack_load --mode http --commands 20000 --in-flight 256
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "bench/slack_http_sender.hpp"
#include "bench/support/bot_process.hpp"
#include "bench/support/export_check.hpp"
#include "bench/support/load_options.hpp"
#include "bench/support/load_report.hpp"
#include "bench/support/resource_use.hpp"
#include "bench/support/run_folder.hpp"
#include "core/json_text.hpp"
#include "support/fake_slack/fake_slack.hpp"
#include "support/url_encode.hpp"

namespace {

using json = nlohmann::json;
using steady = std::chrono::steady_clock;
namespace fs = std::filesystem;
namespace bench = csibot::bench;

constexpr const char* reason_text = "slow at peak";
constexpr const char* warm_up_user = "UWARMUP";
constexpr const char* signing_secret = "8f742231b10e8888abcd99yyyzzz85a5";  // PLATFORMS.md §1.5's

/// `per_run` counts the commands of each run.
struct options : bench::load_options {
  std::size_t users = 1'000;
  std::string mode = "socket";
  std::size_t connections = 32;  ///< HTTP mode: at most this many, never more than in flight
};

/// One run; its `seconds` go from the first envelope sent to the last command confirmed.
struct run_result : bench::run_summary {
  std::size_t sent = 0;
  std::size_t acked = 0;
  std::size_t confirmed = 0;
  std::size_t posts = 0;              ///< response_url POSTs, all of them
  double posts_per_command = 0;       ///< seen for the warm-up command
  std::vector<double> ack_ms;         ///< per command: fake writes the envelope → fake reads the ack
  std::vector<double> queued_ack_ms;  ///< per command: driver hands the envelope to the fake → ack read
  std::vector<double> confirm_ms;     ///< per command
};

double ms_between(steady::time_point from, steady::time_point to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

/// Polls `done` every 10 ms until it holds or `timeout` passes; whether it held.
template <typename Predicate>
bool wait_until(Predicate done, std::chrono::milliseconds timeout = std::chrono::seconds{30}) {
  const auto deadline = steady::now() + timeout;
  while (!done()) {
    if (steady::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds{10});
  }
  return true;
}

std::string user_for(std::size_t command, std::size_t users) {
  // Zero-padded so that the ids sort and look like Slack's fixed-width ones.
  auto digits = std::to_string(command % std::max<std::size_t>(users, 1));
  return "U" + std::string(digits.size() < 7 ? 7 - digits.size() : 0, '0') + digits;
}

fs::path write_config(const fs::path& dir, const csibot::testing::fake_slack& fake, const std::string& mode) {
  const std::string credential = mode == "http" ? "signing_secret = \"" + std::string{signing_secret}
                                                : "app_token = \"" + fake.options().app_token;
  return bench::write_config(dir, "slack-load.toml",
                             "[slack]\nmode = \"" + mode + "\"\n" + credential + "\"\nbot_token = \"" +
                                 fake.options().bot_token + "\"\napi_url = \"" + fake.api_url() + "\"\n\n");
}

/// One slash command's payload as Slack sends it, with a response_url of the fake, as JSON text.
/// Built here rather than with fake_slack::push_slash_command so that the tool knows the URL and the
/// user of each command; written as text because a tree built and dumped per command was a third
/// of the tool's CPU, taken from the two cores csibot runs on.
std::string slash_payload(const csibot::testing::fake_slack& fake, const std::string& user,
                          const std::string& response_url) {
  const auto& o = fake.options();
  std::string out;
  out.reserve(512);
  csibot::core::json_writer{out}.object([&](csibot::core::json_writer& w) {
    w.member("token", "verification-token");
    w.member("team_id", o.team_id);
    w.member("team_domain", "fake");
    w.member("channel_id", "C0001");
    w.member("channel_name", "general");
    w.member("user_id", user);
    w.member("user_name", "user-" + user);
    w.member("command", "/csi");
    w.member("text", std::string{"feedback vpn 4 "} + reason_text);
    w.member("api_app_id", o.app_id);
    w.member("is_enterprise_install", "false");
    w.member("response_url", response_url);
    w.member("trigger_id", "1.2.trigger");
  });
  return out;
}

/// The number after the last '/' of a response_url: the fake records POSTs under that id.
std::string response_id(const std::string& url) {
  return url.substr(url.rfind('/') + 1);
}

/// The same command as HTTP mode POSTs it: application/x-www-form-urlencoded (PLATFORMS.md §1.4).
/// Its trigger_id is unique, as Slack's are: over HTTP it is what tells one invocation from another.
std::string slash_form(const csibot::testing::fake_slack& fake, const std::string& user,
                       const std::string& response_url) {
  using csibot::test::url_encode;
  const auto& o = fake.options();
  std::string out;
  out.reserve(512);
  out += "token=verification-token&team_id=" + url_encode(o.team_id) +
         "&team_domain=fake&channel_id=C0001&channel_name=general&user_id=" + url_encode(user) +
         "&user_name=" + url_encode("user-" + user) +
         "&command=%2Fcsi&text=" + url_encode(std::string{"feedback vpn 4 "} + reason_text) +
         "&api_app_id=" + url_encode(o.app_id) +
         "&is_enterprise_install=false&response_url=" + url_encode(response_url) +
         "&trigger_id=" + response_id(response_url) + ".738474920.8088930838d88f008e0";
  return out;
}

/// Checks that every command (and the warm-up one) is stored exactly once, counting by user.
std::string check_stored(const options& o, const fs::path& config, std::size_t sent) {
  std::map<std::string, std::size_t> expected;
  for (std::size_t i = 0; i < sent; ++i)
    ++expected[user_for(i, o.users)];
  expected[warm_up_user] = 1;
  const auto owner = [](const json& row) -> std::optional<std::string> {
    const auto user = row.value("user", json{}).is_string() ? row["user"].get<std::string>() : std::string{};
    if (row.value("service", "") != "vpn" || row.value("reason", json{}) != reason_text ||
        !user.starts_with("slack:"))
      return std::nullopt;
    return user.substr(6);
  };
  return bench::check_exactly_once(o.binary, config, expected, owner, "unexpected");
}

run_result run(const options& o, std::size_t in_flight) {
  run_result r;
  r.in_flight = in_flight;
  const auto dir = bench::fresh_run_folder("slack-load", in_flight);

  csibot::testing::fake_slack_options fake_options;
  fake_options.threads = o.fake_threads;
  fake_options.record_bodies = false;  // the tool counts records and times them; bodies only cost CPU
  csibot::testing::fake_slack fake{fake_options};
  const bool http = o.mode == "http";
  const auto config = write_config(dir, fake, o.mode);
  std::optional<bench::bot_process> bot{std::in_place, o.binary, config, dir};
  r.use.note_startup(*bot);

  // The port file only says the HTTP port is up. Socket Mode connects after it; HTTP mode's routes
  // are up with the port, and the adapter's auth.test (its own user id) comes with the start.
  const bool connected = http ? wait_until([&] { return fake.call_count("auth.test") > 0; })
                              : fake.wait_for_open_connections(1, std::chrono::seconds{30});
  if (!connected) {
    r.stored = http ? "csibot never called auth.test"
                    : "csibot never opened a Socket Mode connection (apps.connections.open calls: " +
                          std::to_string(fake.call_count("apps.connections.open")) + ")";
    r.stored += "; see " + (dir / "csibot.log").string();
    return r;
  }
  std::this_thread::sleep_for(std::chrono::milliseconds{200});  // let it read hello before measuring
  r.use.note_idle(*bot);

  // HTTP mode's requests go out from a thread of the sender's; command o.per_run is the warm-up.
  std::optional<bench::slack_http_sender> sender;
  if (http) sender.emplace(bot->port(), signing_secret, std::min(o.connections, in_flight), o.per_run + 1);
  // Hands one command over; returns its envelope id in Socket Mode (HTTP mode has none).
  const auto submit = [&](std::size_t index, const std::string& user, const std::string& url) {
    if (!http) return fake.push_envelope_text("slash_commands", slash_payload(fake, user, url));
    sender->send(index, slash_form(fake, user, url));
    return std::string{};
  };

  // Warm-up: one command proves the path works end to end and shows how many POSTs one command's
  // replies take, which is how the window below counts completed commands without copying the
  // fake's records on every wake-up.
  {
    auto url = fake.new_response_url();
    submit(o.per_run, warm_up_user, url);
    if (!fake.wait_for_responses(1, std::chrono::seconds{30})) {
      std::string methods;
      for (const auto& c : fake.calls())
        methods += (methods.empty() ? "" : ", ") + c.method;
      if (http) {
        r.stored =
            "the warm-up command got " + std::to_string(sender->answered()) + " 200 answer(s)" +
            (sender->first_failure().empty() ? std::string{} : ", first failure: " + sender->first_failure());
      } else {
        const auto acks = fake.acks();
        r.stored =
            "the warm-up command got " + std::to_string(acks.size()) + " ack(s)" +
            (acks.empty() || acks.back().payload.is_null() ? std::string{}
                                                           : "; ack payload " + acks.back().payload.dump());
      }
      r.stored +=
          " and no response_url POST within 30 s; Web API calls: " + (methods.empty() ? "none" : methods) +
          "; see " + (dir / "csibot.log").string();
      return r;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds{300});
    r.posts_per_command = static_cast<double>(fake.response_count());
  }
  const auto posts_per_command = static_cast<std::size_t>(r.posts_per_command);
  const std::size_t posts_before = fake.response_count();
  const std::size_t acks_before = fake.acks().size();

  std::vector<steady::time_point> sent(o.per_run);
  std::unordered_map<std::string, std::size_t> by_envelope, by_response;
  by_envelope.reserve(o.per_run);
  by_response.reserve(o.per_run);

  // The fake times each POST itself, so the driver needs to wake only to keep the window full: after
  // every sixteenth of it rather than after every POST, which cost both sides a futex call and a
  // context switch per command. The window then holds between 15/16 of in_flight and in_flight.
  const std::size_t refill_step = std::max<std::size_t>(in_flight / 16, 1);
  const bench::measured_part part{*bot};
  const auto started = steady::now();
  std::size_t next = 0;
  const std::size_t wanted_posts = o.per_run * posts_per_command;
  std::size_t posts_seen = 0;  // after posts_before
  bool stalled = false;
  while (posts_seen < wanted_posts) {
    // A command leaves the window once its POSTs are seen; counting whole commands by POSTs keeps
    // the window honest when one command's replies take more than one POST.
    const std::size_t done = posts_seen / posts_per_command;
    for (; next < o.per_run && next - done < in_flight; ++next) {
      auto url = fake.new_response_url();
      by_response.emplace(response_id(url), next);
      sent[next] = steady::now();
      auto envelope = submit(next, user_for(next, o.users), url);
      if (!http) by_envelope.emplace(std::move(envelope), next);
    }
    const std::size_t wait_for = std::min(posts_seen + refill_step * posts_per_command, wanted_posts);
    if (!fake.wait_for_responses(posts_before + wait_for, std::chrono::seconds{o.stall_seconds})) {
      stalled = true;
      break;
    }
    posts_seen = fake.response_count() - posts_before;
  }
  const auto finished = steady::now();
  part.end(r.use);
  r.seconds = std::chrono::duration<double>(finished - started).count();
  r.sent = next;

  // Acks may trail the confirmations (they share nothing in csibot): give the last ones a moment
  // rather than count them as missing. Their recorded time is kept by the fake or the sender, so
  // this costs no accuracy.
  std::vector<std::optional<steady::time_point>> acked(o.per_run), confirmed(o.per_run);
  std::vector<steady::time_point> written(o.per_run);
  if (http) {
    wait_until([&] { return sender->answered() >= r.sent + 1; }, std::chrono::seconds{5});
    sender->stop();
    for (std::size_t i = 0; i < r.sent; ++i) {
      if (const auto& a = sender->outcomes()[i]) {
        acked[i] = a->answered;
        written[i] = a->written;
      }
    }
    if (sender->failures() > 0)
      r.stored = std::to_string(sender->failures()) + " request(s) failed, first: " + sender->first_failure();
  } else {
    const auto ack_deadline = steady::now() + std::chrono::seconds{5};
    auto acks = fake.acks();
    while (acks.size() < acks_before + r.sent && steady::now() < ack_deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds{20});
      acks = fake.acks();
    }
    // Match records to commands once, after the run.
    for (std::size_t i = acks_before; i < acks.size(); ++i) {
      const auto it = by_envelope.find(acks[i].envelope_id);
      if (it == by_envelope.end() || acked[it->second]) continue;
      acked[it->second] = acks[i].at;
      written[it->second] = acks[i].envelope_written;
    }
  }
  const auto posts = fake.responses();
  r.posts = posts.size() - posts_before;
  for (std::size_t i = posts_before; i < posts.size() && i - posts_before < posts_seen; ++i) {
    const auto it = by_response.find(posts[i].id);
    if (it == by_response.end() || confirmed[it->second]) continue;
    confirmed[it->second] = posts[i].at;
  }
  for (std::size_t i = 0; i < r.sent; ++i) {
    if (acked[i]) {
      r.ack_ms.push_back(ms_between(written[i], *acked[i]));
      r.queued_ack_ms.push_back(ms_between(sent[i], *acked[i]));
      ++r.acked;
    }
    if (confirmed[i]) {
      r.confirm_ms.push_back(ms_between(sent[i], *confirmed[i]));
      ++r.confirmed;
    }
  }

  bot.reset();  // SIGTERM and wait: the export then reads a closed database
  const auto failed_requests = r.stored;
  r.stored = check_stored(o, config, r.sent);
  if (!failed_requests.empty()) r.stored = failed_requests + "; " + r.stored;
  if (stalled) r.stored = "STALLED (no POST for " + std::to_string(o.stall_seconds) + " s); " + r.stored;
  r.ok = !stalled && r.sent == o.per_run && r.acked == o.per_run && r.confirmed == o.per_run &&
         r.stored.starts_with("exactly once");
  if (!o.keep) fs::remove_all(dir);
  return r;
}

void print(const run_result& r, std::size_t commands) {
  std::printf("in flight          %zu\n", r.in_flight);
  std::printf(
      "commands           %zu sent of %zu, %zu acked, %zu confirmed (%zu response_url POSTs, %.0f per "
      "command)\n",
      r.sent, commands, r.acked, r.confirmed, r.posts, r.posts_per_command);
  bench::print_run(
      r, r.confirmed, "command",
      {{"ack latency", r.ack_ms}, {"ack from queueing", r.queued_ack_ms}, {"confirmation", r.confirm_ms}});
}

}  // namespace

int main(int argc, char** argv) {
  bench::quiet_own_allocator();
  CLI::App app{"csibot Slack load: one-shot /csi feedback commands over Socket Mode or HTTP mode"};
  options o;
  bench::add_load_options(app, o, {"--commands", "commands per run", "commands", "Slack"});
  app.add_option("--users", o.users, "distinct Slack users the commands come from")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_option("--mode", o.mode,
                 "socket: envelopes over the fake's Socket Mode; http: signed POSTs to csibot")
      ->capture_default_str()
      ->check(CLI::IsMember({"socket", "http"}));
  app.add_option("--connections", o.connections,
                 "HTTP mode: keep-alive connections (at most the in-flight count)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  CLI11_PARSE(app, argc, argv);

  const auto results = bench::run_each(
      o.in_flight, [&](std::size_t k) { return run(o, k); },
      [&](const run_result& r) { print(r, o.per_run); });
  // The same figures as one Markdown table, ready for docs/PERFORMANCE.md.
  return bench::print_table(
      results,
      "| in flight | commands/s | ack p50 / p99 | confirmation p50 / p99 | csibot CPU per command | "
      "RSS idle / peak | stored |\n| --- | --- | --- | --- | --- | --- | --- |\n",
      [](const run_result& r) {
        bench::print_row(r, r.confirmed, {r.ack_ms, r.confirm_ms});
      },
      "NOT EVERY COMMAND WAS ACKED, CONFIRMED AND STORED EXACTLY ONCE");
}
