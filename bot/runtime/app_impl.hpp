#pragma once
// Private to `csibot run` (app.hpp): the class app, whose parts share its members. app.cpp: start-up
// and shutdown; app_platforms.cpp: the chat platforms and their people's languages; app_output.cpp:
// where bot output goes; app_http.cpp: /healthz, /metrics and the other routes; app_tasks.cpp: the
// periodic tasks. Everything runs on io_'s one thread.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bot/net/http_server.hpp"
#include "bot/platform/local/local_platform.hpp"
#include "bot/platform/remote_platform.hpp"
#include "bot/runtime/app.hpp"
#include "bot/runtime/dispatch_queue.hpp"
#include "bot/runtime/metrics.hpp"
#include "bot/runtime/operations.hpp"
#include "bot/runtime/outbox.hpp"
#include "bot/runtime/proactive.hpp"
#include "bot/runtime/profile_cache.hpp"
#include "bot/runtime/socket_thread.hpp"
#include "commands/dispatch.hpp"
#include "storage/database.hpp"

namespace csibot::runtime::detail {

inline core::timestamp system_now() {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

// Feeds the metrics: the time from an event's arrival at dispatch to its replies, and its outcome.
class metrics_observer final : public commands::dispatch_observer {
 public:
  explicit metrics_observer(runtime::metrics& m) : metrics_(m) {}
  void started(const core::inbound&) override { started_ = std::chrono::steady_clock::now(); }
  void finished(const core::inbound& in, commands::outcome result) override {
    metrics_.record(in.platform, result, std::chrono::steady_clock::now() - started_);
  }

 private:
  runtime::metrics& metrics_;
  std::chrono::steady_clock::time_point started_;
  core::timestamp next_verification_{};  // the first housekeeping round runs the pass at once
};

class app {
 public:
  app(const config::settings& s, const run_options& o);
  ~app();
  app(const app&) = delete;
  app& operator=(const app&) = delete;

  int run(const run_options& o);

 private:
  // app.cpp
  static storage::database& synced(storage::database& db, const config::settings& s);
  static net::server_options server_options(const std::string& listen);
  std::string listen_address(std::uint16_t port) const;
  void fail(std::string why);
  void shutdown();

  // app_platforms.cpp
  void start_remotes();
  std::string known_language(const core::ref& person) const;
  bool with_locale(core::inbound& in);
  platform::remote_platform* remote(std::string_view name) const;
  runtime::directory_map directories() const;
  bool platform_enabled(std::string_view platform) const;

  // app_output.cpp
  void publish(const std::vector<core::outbound>& out);
  void stage(const std::vector<core::outbound>& out, std::string_view source = {});
  void forward(const std::vector<core::outbound>& out);
  std::vector<core::outbound> tell_subscriber(const storage::outbox_entry& e, std::string_view error);
  boost::asio::awaitable<runtime::send_result> deliver_locally(const storage::outbox_entry& e);

  // app_http.cpp
  void install_routes();
  void install_operations();
  std::vector<commands::platform_health> platforms_health() const;
  net::response healthz();
  net::response metrics_page();
  std::string outbox_metrics() const;
  std::chrono::duration<double> uptime() const;

  // app_tasks.cpp
  boost::asio::awaitable<void> watch_signals();
  boost::asio::awaitable<void> housekeeping();
  void verify_improvements(core::timestamp now);
  boost::asio::awaitable<void> digests();

  const config::settings& settings_;
  std::string listen_;
  // Before io_: stopped first (run() and ~app), destroyed last, since the sockets on it may be held by
  // coroutines that io_ destroys. Only with Slack's Socket Mode.
  std::optional<runtime::socket_thread> sockets_;
  boost::asio::io_context io_;
  storage::database db_;
  commands::dispatcher dispatcher_;
  metrics metrics_;
  metrics_observer observer_{metrics_};
  net::http_server server_;
  std::unique_ptr<platform::local::local_platform> local_;
  // Declared in this order so that the adapter goes first, then the queue, then the outbox it feeds.
  std::unique_ptr<runtime::outbox> outbox_;
  std::unique_ptr<runtime::dispatch_queue> queue_;
  std::vector<std::unique_ptr<platform::remote_platform>> remotes_;  // Slack, Mattermost: as configured
  // Per chat-server platform, its people directory with profiles remembered (for prompts and replies).
  std::map<std::string, std::shared_ptr<runtime::profile_cache>, std::less<>> profiles_;
  std::unique_ptr<runtime::proactive> proactive_;  // pulses, /csi ask, ticket prompts, reminders
  boost::asio::signal_set signals_{io_, SIGINT, SIGTERM};
  boost::asio::steady_timer housekeeping_timer_{io_};
  boost::asio::steady_timer digest_timer_{io_};
  std::chrono::steady_clock::time_point started_;
  core::timestamp next_verification_{};  // the first housekeeping round runs the pass at once
  bool stopping_ = false;
  int exit_code_ = 0;
  // Last, so destroyed first: waits for a running backup while everything its end uses still lives.
  std::unique_ptr<runtime::operations> operations_;
};

}  // namespace csibot::runtime::detail
