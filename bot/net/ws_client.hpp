#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/system/error_code.hpp>
#include <chrono>
#include <memory>
#include <string>

#include "bot/net/http_types.hpp"
#include "bot/net/ws_session.hpp"

namespace csibot::net {

/// Timeouts and limits of ws_client.
struct ws_client_options {
  std::chrono::milliseconds connect_timeout{10'000};  ///< TCP connect
  std::chrono::milliseconds handshake_timeout{
      10'000};  ///< TLS + WebSocket handshake, and the close handshake
  /// No frame from the server for this long ends the session with beast::error::timeout; after
  /// half of it the client sends a ping, which a live server answers. Slack's client declares a server
  /// dead after ~5 s without pong, Mattermost's after 65 s without ping; 30 s suits both.
  std::chrono::milliseconds idle_timeout{30'000};
  ws_limits limits;  ///< incoming message size (1009 beyond), send queue
  std::string user_agent = "csibot/0.1";
};

/// The outcome of ws_client::connect(). On success `session` is set and not yet running: install
/// the callbacks, then co_await session->run(). On failure `error`/`message` say which step failed;
/// `http_status` is the server's answer when it declined the upgrade (e.g. 401), else 0.
struct ws_connect_result {
  boost::system::error_code error;
  std::string message;
  unsigned http_status = 0;
  std::shared_ptr<ws_session> session;

  [[nodiscard]] bool ok() const noexcept { return !error; }
};

/// A WebSocket client for Slack Socket Mode and the Mattermost WebSocket API. wss:// verifies the
/// server like http_client; plain ws:// only for loopback hosts (net::error::insecure_non_loopback,
/// decided before any socket is opened). Each session runs on its own strand of `io`.
class ws_client {
 public:
  explicit ws_client(boost::asio::io_context& io, ws_client_options options = {});
  ~ws_client();
  ws_client(const ws_client&) = delete;
  ws_client& operator=(const ws_client&) = delete;

  /// Connects to `url` (path and query sent verbatim) with extra upgrade `headers` (e.g.
  /// Authorization). Never throws for network, TLS or handshake errors.
  [[nodiscard]] boost::asio::awaitable<ws_connect_result> connect(std::string url, header_map headers = {});

  struct impl;

 private:
  std::shared_ptr<impl> impl_;
};

}  // namespace csibot::net
