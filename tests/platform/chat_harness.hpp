#pragma once
/// A real csibot local chat for adapter tests: file database, demo settings, real dispatcher, real
/// http_server on 127.0.0.1:0 with the local platform attached, and real net::ws_client users.
/// The io_context runs on one background thread; tests wait on conditions with a deadline.
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "bot/net/http_client.hpp"
#include "bot/net/http_server.hpp"
#include "bot/net/ws_client.hpp"
#include "bot/platform/local/local_platform.hpp"
#include "commands/dispatch.hpp"
#include "config/settings.hpp"
#include "storage/database.hpp"
#include "storage/temp_dir.hpp"

namespace csibot::platform::local::test {

using json = nlohmann::json;
inline constexpr std::chrono::seconds deadline{15};

/// One browser tab: every frame it receives, in order, and how it ended.
class chat_user {
 public:
  void send(const json& frame) { session_->send(frame.dump()); }
  void send_raw(std::string text) { session_->send(std::move(text)); }
  void close() { session_->close(1000); }

  /// The next frame (after the last one returned) for which `match` is true; fails the test and
  /// returns null after the deadline.
  json next(const std::function<bool(const json&)>& match, const std::string& what);
  /// The next frame of `type`.
  json next_of(const std::string& type) {
    return next([&](const json& f) { return f.value("type", "") == type; }, "a frame of type " + type);
  }
  /// Waits until the session has ended; nullopt after the deadline.
  std::optional<net::close_info> wait_closed();
  /// Every frame received so far.
  std::vector<json> frames();

  static std::shared_ptr<chat_user> attach(std::shared_ptr<net::ws_session> session);

 private:
  std::shared_ptr<net::ws_session> session_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<json> frames_;
  std::size_t cursor_ = 0;
  std::optional<net::close_info> closed_;
};

/// The server side: owns everything from the database to the io thread. Serves the chat and the
/// dashboard, as csibot does.
class chat_server {
 public:
  /// `adjust` changes the demo settings before anything reads them (bot.public_url, say).
  explicit chat_server(const std::function<void(config::settings&)>& adjust = {});
  ~chat_server();
  chat_server(const chat_server&) = delete;
  chat_server& operator=(const chat_server&) = delete;

  std::uint16_t port() const { return server_->local_port(); }
  /// Connects a user over a real WebSocket (no hello sent yet), with extra upgrade `headers` (Host and
  /// Origin replace the client's own).
  std::shared_ptr<chat_user> connect(net::header_map headers = {});
  /// Tries the upgrade with `headers` and returns what the server said: http_status is its answer
  /// when it refused. An upgrade that succeeds is closed again at once.
  net::ws_connect_result try_connect(net::header_map headers);
  /// GET `path` on 127.0.0.1 with `headers`; fails the test and returns a failed result after the
  /// deadline.
  net::http_result get(const std::string& path, net::header_map headers = {});
  /// Connects and says hello as `name`; returns after the welcome frame.
  std::shared_ptr<chat_user> join(const std::string& name);
  /// Runs `fn` on the io thread and waits for it (the platform and database live there).
  void on_io(const std::function<void()>& fn);
  /// Stops the server and the io thread; afterwards the database may be used from the test.
  void stop();

  storage::database& db() { return *db_; }
  /// Use only on the io thread (on_io) while the server runs.
  local_platform& platform() { return *platform_; }
  boost::asio::io_context& io() { return io_; }

 private:
  storage::test::temp_dir dir_;
  config::settings settings_;
  std::unique_ptr<storage::database> db_;
  std::unique_ptr<commands::dispatcher> dispatcher_;
  std::unique_ptr<local_platform> platform_;
  boost::asio::io_context io_;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_;
  std::unique_ptr<net::http_server> server_;
  std::unique_ptr<net::ws_client> client_;
  std::unique_ptr<net::http_client> http_;
  std::thread thread_;
};

}  // namespace csibot::platform::local::test
