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
#include <sys/resource.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "bench/support/bot_process.hpp"
#include "bot/platform/mattermost/event_socket.hpp"
#include "support/fake_mattermost/fake_mattermost.hpp"

namespace {

using json = nlohmann::json;
using steady = std::chrono::steady_clock;
namespace fs = std::filesystem;
namespace mm = csibot::platform::mattermost;

constexpr const char* reason_text = "slow at peak";

struct options {
  std::string binary = "build/release/bot/csibot";
  std::size_t messages = 20'000;
  std::vector<std::size_t> in_flight{1, 16, 256};
  std::size_t fake_threads = 1;
  int stall_seconds = 15;
  bool keep = false;
};

struct run_result {
  std::size_t in_flight = 0;
  std::size_t pushed = 0;         ///< DM messages sent by the people
  std::size_t replied = 0;        ///< of those, answered by a bot post
  std::size_t conversations = 0;  ///< feedback conversations finished ("Thank you")
  std::size_t unexpected = 0;     ///< bot posts that answered nothing, or an answer off the script
  double seconds = 0;             ///< first message pushed → last reply seen
  std::vector<double> reply_ms;
  double bot_cpu_seconds = 0;
  double driver_cpu_seconds = 0;  ///< this process: the fake, its server thread and the driver
  double idle_rss_mib = 0;
  double peak_rss_mib = 0;
  double startup_ms = 0;
  std::string stored;
  bool ok = false;
};

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

double own_cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  const auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(u.ru_utime) + seconds(u.ru_stime);
}

fs::path write_config(const fs::path& dir, const csibot::testing::fake_mattermost& fake) {
  const auto file = dir / "mattermost-load.toml";
  std::ofstream out{file};
  // No [local]: Mattermost is the only platform. Identified anonymity keeps the user id in the export,
  // which is what the exactly-once check counts by. No quiet hours: nothing proactive runs anyway.
  out << "[bot]\ndatabase = \"load.db\"\nlisten = \"127.0.0.1:0\"\nlog_level = \"warn\"\n\n"
      << "[mattermost]\nurl = \"" << fake.url() << "\"\ntoken = \"" << fake.options().token
      << "\"\ncommand_token = \"load-command-token\"\n\n"
      << "[[service]]\nid = \"vpn\"\nname = \"Remote access VPN\"\ncriticality = \"high\"\n"
         "scale = \"csat5\"\nanonymity = \"identified\"\n";
  return file;
}

/// The people's side: K conversations, each answering the bot's newest post. Runs on the driver's io
/// thread (the event socket's handlers); only `finished` and the counters are read from elsewhere.
class driver {
 public:
  struct conversation {
    std::string user;
    std::string channel;
    steady::time_point pushed{};
    bool waiting = false;
    bool done = false;
    std::size_t finished = 0;  // complete feedback conversations
  };

  driver(csibot::testing::fake_mattermost& fake, std::string bot_id)
      : fake_(fake), bot_id_(std::move(bot_id)) {}

  void add(std::string user, std::string channel) {
    conversations_.push_back({std::move(user), std::move(channel)});
    by_channel_[conversations_.back().channel] = conversations_.size() - 1;
  }

  /// Starts every conversation; no more messages are pushed once `budget` were.
  void start(std::size_t budget) {
    budget_ = budget;
    started_at_ = steady::now();
    for (std::size_t i = 0; i < conversations_.size(); ++i)
      push(i, "vpn");
  }

  /// One WebSocket frame as the server broadcasts it.
  void on_frame(std::string_view text) {
    const auto frame = json::parse(text, nullptr, false);
    if (!frame.is_object() || frame.value("event", "") != "posted") return;
    const auto data = frame.value("data", json::object());
    const auto post = json::parse(data.value("post", std::string{"null"}), nullptr, false);
    if (!post.is_object() || post.value("user_id", "") != bot_id_) return;  // the people's own posts
    const auto seen = steady::now();
    const auto it = by_channel_.find(post.value("channel_id", ""));
    if (it == by_channel_.end()) return;
    auto& c = conversations_[it->second];
    if (!c.waiting) {
      ++unexpected_;  // a second post for one message, or a post nobody asked for
      return;
    }
    c.waiting = false;
    reply_ms_.push_back(std::chrono::duration<double, std::milli>(seen - c.pushed).count());
    last_reply_ = seen;
    answer(it->second, post);
  }

  std::size_t pushed() const { return pushed_; }
  std::size_t unexpected() const { return unexpected_; }
  const std::vector<double>& reply_ms() const { return reply_ms_; }
  const std::vector<conversation>& conversations() const { return conversations_; }
  double seconds() const { return std::chrono::duration<double>(last_reply_ - started_at_).count(); }
  std::atomic<std::size_t> replies{0};  ///< read by the main thread to see progress
  std::atomic<bool> all_done{false};    ///< every conversation stopped after the budget

 private:
  static bool has_buttons(const json& post, std::string_view action) {
    for (const auto& a : post.value("props", json::object()).value("attachments", json::array()))
      for (const auto& b : a.value("actions", json::array()))
        if (b.value("integration", json::object()).value("context", json::object()).value("action", "") ==
            action)
          return true;
    return false;
  }

  void answer(std::size_t i, const json& post) {
    auto& c = conversations_[i];
    const auto message = post.value("message", "");
    ++replies;
    if (message.find("Thank you") != std::string::npos) {
      ++c.finished;
      if (pushed_ >= budget_) return stop(c);
      return push(i, "vpn");
    }
    if (pushed_ >= budget_ + conversations_.size() * 5) return stop(c);  // off the script for too long
    if (has_buttons(post, "csi.rate")) return push(i, "4");
    if (message.find("main reason") != std::string::npos) return push(i, reason_text);
    if (has_buttons(post, "csi.impact")) return push(i, "blocks");
    if (message.find("what do you use") != std::string::npos) return push(i, "field sales");
    ++unexpected_;
    push(i, "cancel");  // whatever happened, start over
  }

  void stop(conversation& c) {
    c.done = true;
    if (--active_ == 0) all_done = true;
  }

  void push(std::size_t i, const std::string& text) {
    auto& c = conversations_[i];
    if (!c.waiting && !c.done && c.pushed == steady::time_point{}) ++active_;
    c.waiting = true;
    c.pushed = steady::now();
    ++pushed_;
    fake_.push_post(c.user, c.channel, text);
  }

  csibot::testing::fake_mattermost& fake_;
  std::string bot_id_;
  std::vector<conversation> conversations_;
  std::unordered_map<std::string, std::size_t> by_channel_;
  std::size_t budget_ = 0, pushed_ = 0, unexpected_ = 0, active_ = 0;
  std::vector<double> reply_ms_;
  steady::time_point started_at_{}, last_reply_{};
};

/// Runs `csibot export --format json` on the stopped bot's database and checks that every finished
/// conversation is stored exactly once, as a complete row with its answers.
std::string check_stored(const options& o, const fs::path& config, const driver& d) {
  std::map<std::string, std::size_t> expected;
  for (const auto& c : d.conversations())
    expected["mattermost:" + c.user] += c.finished;
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
    const bool complete = row.value("status", "") == "complete" && row.value("rating", json{}) == 4 &&
                          row.value("reason", json{}) == reason_text &&
                          row.value("impact", json{}) == "blocks";
    if (!complete || !row["user"].is_string()) {
      ++other;
      continue;
    }
    ++seen[row["user"].get<std::string>()];
  }
  const int rc = pclose(pipe);
  if (rc != 0) return "csibot export failed (status " + std::to_string(rc) + ")";
  std::size_t missing = 0, extra = 0;
  for (const auto& [user, want] : expected) {
    const auto got = seen.count(user) ? seen[user] : 0;
    if (got < want) missing += want - got;
    if (got > want) extra += got - want;
  }
  for (const auto& [user, got] : seen)
    if (!expected.count(user)) extra += got;
  if (missing == 0 && extra == 0 && other == 0) return "exactly once (" + std::to_string(rows) + " rows)";
  return "MISMATCH: " + std::to_string(rows) + " rows, " + std::to_string(missing) + " missing, " +
         std::to_string(extra) + " extra, " + std::to_string(other) + " incomplete or unexpected";
}

run_result run(const options& o, std::size_t in_flight) {
  run_result r;
  r.in_flight = in_flight;
  const auto dir = fs::temp_directory_path() /
                   ("csibot-mattermost-load-" + std::to_string(getpid()) + "-" + std::to_string(in_flight));
  fs::remove_all(dir);
  fs::create_directories(dir);

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
  std::optional<csibot::bench::bot_process> bot{std::in_place, o.binary, config, dir};
  r.startup_ms = bot->startup().count() * 1000;
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
  r.idle_rss_mib = static_cast<double>(bot->rss_kib()) / 1024;

  const double bot_cpu_before = bot->cpu_seconds();
  const double own_cpu_before = own_cpu_seconds();
  boost::asio::post(io, [&d, &o] { d.start(o.messages); });
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
  r.bot_cpu_seconds = bot->cpu_seconds() - bot_cpu_before;
  r.driver_cpu_seconds = own_cpu_seconds() - own_cpu_before;
  r.peak_rss_mib = static_cast<double>(bot->peak_rss_kib()) / 1024;
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
  const auto per_message = [&](double seconds) {
    return seconds * 1000 / static_cast<double>(std::max<std::size_t>(1, r.replied));
  };
  std::printf("in flight          %zu conversations\n", r.in_flight);
  std::printf("DM messages        %zu pushed, %zu answered, %zu unexpected bot posts\n", r.pushed, r.replied,
              r.unexpected);
  std::printf("conversations      %zu finished\n", r.conversations);
  std::printf("total time         %.2f s (%.0f messages/s)\n", r.seconds,
              static_cast<double>(r.replied) / std::max(r.seconds, 1e-9));
  std::printf("reply latency      p50 %.2f ms, p99 %.2f ms, max %.2f ms\n", percentile(r.reply_ms, 0.5),
              percentile(r.reply_ms, 0.99), percentile(r.reply_ms, 1.0));
  std::printf("csibot CPU         %.2f s (%.3f ms per message)\n", r.bot_cpu_seconds,
              per_message(r.bot_cpu_seconds));
  std::printf("fake + driver CPU  %.2f s (%.3f ms per message)\n", r.driver_cpu_seconds,
              per_message(r.driver_cpu_seconds));
  std::printf("csibot RSS         idle %.1f MiB, peak %.1f MiB\n", r.idle_rss_mib, r.peak_rss_mib);
  std::printf("start-up           %.0f ms to listening\n", r.startup_ms);
  std::printf("stored             %s\n\n", r.stored.c_str());
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"csibot Mattermost load: feedback conversations in DMs over the fake's WebSocket"};
  options o;
  app.add_option("--binary", o.binary, "the csibot binary")->capture_default_str();
  app.add_option("--messages", o.messages, "DM messages per run (conversations in progress then finish)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_option("--in-flight", o.in_flight, "conversations in flight, one run each (comma-separated)")
      ->delimiter(',')
      ->capture_default_str();
  app.add_option("--fake-threads", o.fake_threads, "server threads of the fake Mattermost")
      ->capture_default_str();
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
    print(results.back());
  }

  // The same figures as one Markdown table, ready for docs/PERFORMANCE.md.
  std::printf(
      "| conversations in flight | DM messages/s | reply p50 / p99 | csibot CPU per message | RSS idle / "
      "peak | "
      "stored |\n| --- | --- | --- | --- | --- | --- |\n");
  bool all_ok = true;
  for (const auto& r : results) {
    all_ok = all_ok && r.ok;
    std::printf("| %zu | %.0f | %.2f / %.2f ms | %.3f ms | %.1f / %.1f MiB | %s |\n", r.in_flight,
                static_cast<double>(r.replied) / std::max(r.seconds, 1e-9), percentile(r.reply_ms, 0.5),
                percentile(r.reply_ms, 0.99),
                r.bot_cpu_seconds * 1000 / static_cast<double>(std::max<std::size_t>(1, r.replied)),
                r.idle_rss_mib, r.peak_rss_mib, r.stored.c_str());
  }
  if (!all_ok)
    std::fprintf(stderr, "\n*** NOT EVERY MESSAGE WAS ANSWERED ONCE AND STORED EXACTLY ONCE ***\n");
  return all_ok ? 0 : 1;
}
