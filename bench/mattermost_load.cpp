// End-to-end load on the Mattermost adapter: the in-process fake Mattermost
// (tests/support/fake_mattermost) on loopback, the real csibot binary connected to its WebSocket, and
// K feedback conversations in flight in K direct channels. Each person answers the bot's last
// question as soon as it is posted ("vpn" → rating prompt → "4" → reason question → "slow at peak" →
// impact question → "blocks" → usage question → "field sales" → thanks → "vpn" again …), so every DM
// message in flight waits for exactly one reply. The driver watches the bot's replies as Mattermost's
// own clients do, on a WebSocket of its own (the server broadcasts every post). Per message it
// measures the reply latency (message pushed → the bot's reply post seen); per run messages/s, the
// bot's CPU per message, its RSS idle and peak, and whether `csibot export` holds every finished
// conversation exactly once. See docs/PERFORMANCE.md.
//
//   csibot_mattermost_load --binary build/release/bot/csibot --messages 20000 --in-flight 1,16,256
#include <CLI/CLI.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "bench/mattermost_driver.hpp"
#include "bench/support/bot_process.hpp"
#include "bench/support/export_check.hpp"
#include "bench/support/load_options.hpp"
#include "bench/support/load_report.hpp"
#include "bench/support/resource_use.hpp"
#include "bench/support/run_folder.hpp"
#include "bot/platform/mattermost/event_socket.hpp"
#include "support/fake_mattermost/fake_mattermost.hpp"

namespace {

using json = nlohmann::json;
using steady = std::chrono::steady_clock;
namespace fs = std::filesystem;
namespace mm = csibot::platform::mattermost;
namespace bench = csibot::bench;

using driver = bench::mattermost_driver;

/// One run; its `seconds` go from the first message pushed to the last reply seen.
struct run_result : bench::run_summary {
  std::size_t pushed = 0;         ///< DM messages sent by the people
  std::size_t replied = 0;        ///< of those, answered by a bot post
  std::size_t conversations = 0;  ///< feedback conversations finished ("Thank you")
  std::size_t unexpected = 0;     ///< bot posts that answered nothing, or an answer off the script
  std::vector<double> reply_ms;
};

fs::path write_config(const fs::path& dir, const csibot::testing::fake_mattermost& fake) {
  // No quiet hours: nothing proactive runs anyway.
  return bench::write_config(dir, "mattermost-load.toml",
                             "[mattermost]\nurl = \"" + fake.url() + "\"\ntoken = \"" + fake.options().token +
                                 "\"\ncommand_token = \"load-command-token\"\n\n");
}

/// Checks that every finished conversation is stored exactly once, as a complete row with its answers.
std::string check_stored(const bench::load_options& o, const fs::path& config, const driver& d) {
  std::map<std::string, std::size_t> expected;
  for (const auto& c : d.conversations())
    expected["mattermost:" + c.user] += c.finished;
  const auto owner = [](const json& row) -> std::optional<std::string> {
    const bool complete = row.value("status", "") == "complete" && row.value("rating", json{}) == 4 &&
                          row.value("reason", json{}) == driver::reason_text &&
                          row.value("impact", json{}) == driver::impact_text;
    const auto user = row.value("user", json{});
    if (!complete || !user.is_string()) return std::nullopt;
    return user.get<std::string>();
  };
  return bench::check_exactly_once(o.binary, config, expected, owner, "incomplete or unexpected");
}

run_result run(const bench::load_options& o, std::size_t in_flight) {
  run_result r;
  r.in_flight = in_flight;
  const auto dir = bench::fresh_run_folder("mattermost-load", in_flight);

  csibot::testing::fake_mattermost_options fake_options;
  fake_options.threads = o.fake_threads;
  csibot::testing::fake_mattermost fake{fake_options};
  driver d{fake, fake.options().bot.id};
  for (std::size_t i = 0; i < in_flight; ++i) {
    auto user = fake.new_id();
    fake.add_user({user, "person" + std::to_string(i), "person" + std::to_string(i) + "@example.com", "en",
                   "UTC", false});
    auto channel = fake.direct_channel(user);
    d.add(std::move(user), std::move(channel));
  }
  const auto config = write_config(dir, fake);
  std::optional<bench::bot_process> bot{std::in_place, o.binary, config, dir};
  r.use.note_startup(*bot);
  if (!fake.wait_for_open_sockets(1, std::chrono::seconds{30})) {
    r.stored =
        "csibot never opened its WebSocket (users/me calls: " + std::to_string(fake.call_count("users.me")) +
        "); see " + (dir / "csibot.log").string();
    return r;
  }

  // The driver's own WebSocket: it sees the bot's posts the moment the server broadcasts them.
  boost::asio::io_context io;
  mm::event_socket_options so;
  so.server_url = fake.url();
  so.token = fake.options().token;
  so.ping_interval = std::chrono::minutes{10};
  mm::event_socket_handlers handlers;
  handlers.on_event = [&d](std::string_view frame) { d.on_frame(frame); };
  mm::event_socket watcher{io, so, handlers};
  watcher.start();
  std::thread io_thread{[&io] {
    auto guard = boost::asio::make_work_guard(io);
    io.run();
  }};
  const auto stop_io = [&] {
    watcher.stop();
    io.stop();
    io_thread.join();
  };
  if (!fake.wait_for_open_sockets(2, std::chrono::seconds{30})) {
    stop_io();
    r.stored = "the driver's WebSocket did not open";
    return r;
  }
  std::this_thread::sleep_for(std::chrono::milliseconds{200});  // let both read hello
  r.use.note_idle(*bot);

  const bench::measured_part part{*bot};
  boost::asio::post(io, [&d, &o] { d.start(o.per_run); });
  bool stalled = false;
  std::size_t last = 0;
  auto last_progress = steady::now();
  while (!d.all_done.load()) {
    std::this_thread::sleep_for(std::chrono::milliseconds{10});
    if (const auto n = d.replies.load(); n != last) {
      last = n;
      last_progress = steady::now();
    } else if (steady::now() - last_progress > std::chrono::seconds{o.stall_seconds}) {
      stalled = true;
      break;
    }
  }
  part.end(r.use);
  stop_io();

  r.pushed = d.pushed();
  r.reply_ms = d.reply_ms();
  r.replied = r.reply_ms.size();
  r.unexpected = d.unexpected();
  r.seconds = d.seconds();
  for (const auto& c : d.conversations())
    r.conversations += c.finished;

  bot.reset();  // SIGTERM and wait: the export then reads a closed database
  r.stored = check_stored(o, config, d);
  if (stalled) r.stored = "STALLED (no reply for " + std::to_string(o.stall_seconds) + " s); " + r.stored;
  r.ok = !stalled && r.replied == r.pushed && r.unexpected == 0 && r.stored.starts_with("exactly once");
  if (!o.keep) fs::remove_all(dir);
  return r;
}

void print(const run_result& r) {
  std::printf("in flight          %zu conversations\n", r.in_flight);
  std::printf("DM messages        %zu pushed, %zu answered, %zu unexpected bot posts\n", r.pushed, r.replied,
              r.unexpected);
  std::printf("conversations      %zu finished\n", r.conversations);
  bench::print_run(r, r.replied, "message", {{"reply latency", r.reply_ms}});
}

}  // namespace

int main(int argc, char** argv) {
  bench::quiet_own_allocator();
  CLI::App app{"csibot Mattermost load: feedback conversations in DMs over the fake's WebSocket"};
  bench::load_options o;
  bench::add_load_options(app, o,
                          {"--messages", "DM messages per run (conversations in progress then finish)",
                           "conversations", "Mattermost"});
  CLI11_PARSE(app, argc, argv);

  const auto results = bench::run_each(
      o.in_flight, [&](std::size_t k) { return run(o, k); }, print);
  // The same figures as one Markdown table, ready for docs/PERFORMANCE.md.
  return bench::print_table(
      results,
      "| conversations in flight | DM messages/s | reply p50 / p99 | csibot CPU per message | RSS idle / "
      "peak | stored |\n| --- | --- | --- | --- | --- | --- |\n",
      [](const run_result& r) { bench::print_row(r, r.replied, {r.reply_ms}); },
      "NOT EVERY MESSAGE WAS ANSWERED ONCE AND STORED EXACTLY ONCE");
}
