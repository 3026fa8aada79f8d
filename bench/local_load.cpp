// End-to-end load on the local web chat: N WebSocket clients at once, each completing a whole feedback
// conversation against the real csibot binary. Prints total time, reply latency percentiles, the
// bot's CPU time and RSS (idle and peak), and its start-up time. See docs/PERFORMANCE.md.
//
//   csibot_local_load --binary build/release/bot/csibot --clients 1000
#include <CLI/CLI.hpp>
#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "bench/support/bot_process.hpp"
#include "bot/net/ws_client.hpp"

namespace {

namespace asio = boost::asio;
using json = nlohmann::json;
using steady = std::chrono::steady_clock;

struct results {
  std::vector<double> latencies_ms;
  std::size_t done = 0;
  std::size_t failed = 0;
};

bool has_button(const json& body, std::string_view action) {
  for (const auto& b : body.value("buttons", json::array())) {
    if (b.value("action_id", "") == action) return true;
  }
  return false;
}

// One person: hello, `/csi feedback vpn`, then answers each question the moment it arrives.
class client : public std::enable_shared_from_this<client> {
 public:
  client(std::string name, results& r) : name_(std::move(name)), results_(r) {}

  void start(std::shared_ptr<csibot::net::ws_session> session) {
    session_ = std::move(session);
    auto self = shared_from_this();
    session_->on_message(
        [self](std::string_view text) { self->on_frame(json::parse(text, nullptr, false)); });
    session_->on_close([self](const csibot::net::close_info&) {
      if (!self->finished_) ++self->results_.failed, self->finished_ = true;
    });
    send({{"type", "hello"}, {"name", name_}});
  }

 private:
  void send(const json& frame) {
    sent_ = steady::now();
    session_->send(frame.dump());
  }

  void answered() {
    results_.latencies_ms.push_back(std::chrono::duration<double, std::milli>(steady::now() - sent_).count());
  }

  void on_frame(const json& f) {
    const auto type = f.value("type", "");
    if (type == "welcome") {
      dm_ = "dm:" + f["user"].value("id", "");
      send({{"type", "message"}, {"channel", "general"}, {"text", "/csi feedback vpn"}});
      return;
    }
    if (type != "message" || f.value("channel", "") != dm_ || !f["author"].value("bot", false)) return;
    const auto& body = f["body"];
    const auto id = f.value("id", "");
    answered();
    if (has_button(body, "csi.rate")) {
      send({{"type", "action"},
            {"channel", dm_},
            {"message_id", id},
            {"action_id", "csi.rate"},
            {"value", "vpn:4"}});
    } else if (has_button(body, "csi.impact")) {
      impact_given_ = true;
      send({{"type", "action"},
            {"channel", dm_},
            {"message_id", id},
            {"action_id", "csi.impact"},
            {"value", "vpn:slows"}});
    } else if (has_button(body, "csi.skip")) {
      send({{"type", "message"},
            {"channel", dm_},
            {"text", impact_given_ ? "customer calls" : "it drops every hour"}});
    } else if (body.value("text", "").find('#') != std::string::npos) {
      finished_ = true;
      ++results_.done;
      session_->close(1000);
    }
  }

  std::string name_;
  results& results_;
  std::shared_ptr<csibot::net::ws_session> session_;
  std::string dm_;
  steady::time_point sent_;
  bool impact_given_ = false;
  bool finished_ = false;
};

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

std::filesystem::path write_config(const std::filesystem::path& dir) {
  const auto file = dir / "load.toml";
  std::ofstream out{file};
  out << "[bot]\ndatabase = \"load.db\"\nlisten = \"127.0.0.1:0\"\nlog_level = \"warn\"\n\n[local]\n\n"
         "[[service]]\nid = \"vpn\"\nname = \"Remote access VPN\"\ncriticality = \"high\"\nscale = "
         "\"csat5\"\n";
  return file;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"csibot local-chat load: N clients each complete a feedback conversation"};
  std::string binary = "build/release/bot/csibot";
  std::size_t clients = 1000;
  int seconds = 300;
  app.add_option("--binary", binary, "the csibot binary")->capture_default_str();
  app.add_option("--clients", clients, "concurrent clients")->capture_default_str();
  app.add_option("--timeout", seconds, "give up after this many seconds")->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  const auto dir = std::filesystem::temp_directory_path() / ("csibot-load-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  csibot::bench::bot_process bot{binary, write_config(dir), dir};
  const auto idle_rss = bot.rss_kib();
  const double cpu_before = bot.cpu_seconds();

  asio::io_context io;
  csibot::net::ws_client ws{io};
  results r;
  const std::string url = "ws://127.0.0.1:" + std::to_string(bot.port()) + "/local/ws";
  const auto started = steady::now();
  for (std::size_t i = 0; i < clients; ++i) {
    auto c = std::make_shared<client>("load " + std::to_string(i), r);
    asio::co_spawn(
        io,
        [&ws, &r, url, c]() -> asio::awaitable<void> {
          auto connected = co_await ws.connect(url);
          if (!connected.ok()) {
            ++r.failed;
            co_return;
          }
          c->start(connected.session);
          co_await connected.session->run();
        },
        asio::detached);
  }
  asio::steady_timer guard{io};
  guard.expires_after(std::chrono::seconds{seconds});
  guard.async_wait([&](boost::system::error_code ec) {
    if (!ec) io.stop();
  });
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        asio::steady_timer poll{io};
        while (r.done + r.failed < clients) {
          poll.expires_after(std::chrono::milliseconds{5});
          co_await poll.async_wait(asio::use_awaitable);
        }
        guard.cancel();
      },
      asio::detached);
  io.run();
  const std::chrono::duration<double> total = steady::now() - started;

  std::printf("clients            %zu (completed %zu, failed %zu)\n", clients, r.done, r.failed);
  std::printf("total time         %.2f s (%.0f conversations/s, %.0f steps/s)\n", total.count(),
              static_cast<double>(r.done) / total.count(),
              static_cast<double>(r.latencies_ms.size()) / total.count());
  std::printf("reply latency      p50 %.1f ms, p99 %.1f ms (%zu replies)\n", percentile(r.latencies_ms, 0.5),
              percentile(r.latencies_ms, 0.99), r.latencies_ms.size());
  std::printf("csibot CPU         %.2f s (%.3f ms per step)\n", bot.cpu_seconds() - cpu_before,
              (bot.cpu_seconds() - cpu_before) * 1000 /
                  static_cast<double>(std::max<std::size_t>(1, r.latencies_ms.size())));
  std::printf("csibot RSS         idle %.1f MiB, peak %.1f MiB\n", static_cast<double>(idle_rss) / 1024,
              static_cast<double>(bot.peak_rss_kib()) / 1024);
  std::printf("start-up           %.0f ms to listening\n", bot.startup().count() * 1000);
  std::filesystem::remove_all(dir);
  return r.done == clients ? 0 : 1;
}
