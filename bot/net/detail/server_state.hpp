#pragma once

// Private to bot/net: what the acceptor (http_server.cpp) and the per-connection code
// (http_session.cpp) share. No Beast here.

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <variant>
#include <vector>

#include "bot/net/http_server.hpp"

namespace csibot::net::detail {

class rejection_log;

/// A live connection the server can ask to wind down on stop().
class stoppable {
 public:
  virtual ~stoppable() = default;
  /// Thread-safe; posts to the connection's strand.
  virtual void server_stopping() = 0;

 protected:
  stoppable() = default;
  stoppable(const stoppable&) = default;
  stoppable& operator=(const stoppable&) = default;
};

struct route {
  std::string method;
  std::variant<http_server::sync_handler, http_server::async_handler> handler;
};

struct ws_route {
  http_server::ws_handler handler;
  http_server::ws_admission admit;  // empty: every upgrade is admitted
};

struct server_state {
  server_state(boost::asio::io_context& context, server_options opts)
      : io(context), options(std::move(opts)) {}

  boost::asio::io_context& io;
  const server_options options;
  std::unordered_map<std::string, std::vector<route>> routes;  // by exact path; immutable after start()
  std::unordered_map<std::string, ws_route> ws_routes;
  std::optional<boost::asio::ip::tcp::acceptor> acceptor;
  std::uint16_t port = 0;
  std::atomic<bool> stopping{false};
  std::shared_ptr<rejection_log> rejections;  // set by http_server's constructor

  std::atomic<std::uint64_t> connections_total{0};
  std::atomic<std::uint64_t> connections_active{0};
  std::atomic<std::uint64_t> requests_total{0};
  std::atomic<std::uint64_t> ws_sessions_total{0};
  std::atomic<std::uint64_t> ws_sessions_active{0};

  /// Registers a live connection; returns the id to untrack() it with.
  std::uint64_t track(std::weak_ptr<stoppable> connection);
  void untrack(std::uint64_t id);
  /// The connections still alive, for stop().
  std::vector<std::shared_ptr<stoppable>> live();

 private:
  std::mutex mutex_;  // the registry is touched from every connection's strand
  std::unordered_map<std::uint64_t, std::weak_ptr<stoppable>> live_;
  std::uint64_t next_id_ = 0;
};

/// Serves one accepted connection until it closes (HTTP keep-alive loop, maybe a WebSocket).
/// Runs on the socket's executor, which must be a strand.
boost::asio::awaitable<void> serve_connection(std::shared_ptr<server_state> state,
                                              boost::asio::ip::tcp::socket socket);

}  // namespace csibot::net::detail
