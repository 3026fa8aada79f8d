#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "bot/net/http_types.hpp"
#include "bot/net/ws_session.hpp"

namespace csibot::net {

namespace detail {
struct server_state;
}

/// Limits and timeouts of http_server. Defaults suit production; tests shorten them.
struct server_options {
  std::string listen =
      "127.0.0.1:0";  ///< "host:port", host an IP literal, "localhost" or "[v6]"; port 0 = ephemeral
  std::size_t body_limit = 1024 * 1024;  ///< bigger request bodies get 413
  std::size_t header_limit = 16 * 1024;  ///< bigger request headers get 431
  /// Time for a new connection to deliver its first request header, and for any request body.
  std::chrono::milliseconds header_timeout{30'000};
  /// Time a keep-alive connection may wait for (and receive the header of) its next request.
  std::chrono::milliseconds idle_timeout{60'000};
  std::chrono::milliseconds write_timeout{30'000};  ///< time to send one response
  /// After stop(): time a request whose handler is already running gets to finish and send its
  /// answer before its connection is closed. Connections idle or still receiving a request close at once.
  std::chrono::milliseconds stop_grace{5'000};
  /// WebSocket: no frame (not even a pong) for this long closes the session; the server pings the
  /// client after half of it (as Beast's suggested server timeouts do, with 300 s).
  std::chrono::milliseconds ws_idle_timeout{300'000};
  /// Open connections (HTTP and WebSocket) at most. One more is answered 503 and closed at once, and
  /// logged: without a cap, idle connections could take every file descriptor, and then nobody is
  /// answered and nothing says why. Well below the usual limit of 1,024 descriptors a process.
  std::size_t max_connections = 512;
  ws_limits ws;  ///< per-session WebSocket limits
  /// Requests turned away before a route saw them (malformed, too large, timed out) are logged as
  /// warnings through spdlog with the client's address and the reason: at most one line per kind
  /// per this interval, then one line with how many more were not logged.
  std::chrono::milliseconds rejection_log_interval{10'000};
  /// Receives one line per failure the server handled itself (a handler threw); null = silent.
  /// Called on the connection's strand.
  std::function<void(std::string_view message)> log_error;
};

/// Counters for /metrics. A snapshot; monotonic totals and current gauges.
struct server_stats {
  std::uint64_t connections_total = 0;   ///< TCP connections accepted
  std::uint64_t connections_active = 0;  ///< open TCP connections (HTTP or WebSocket)
  std::uint64_t requests_total = 0;      ///< HTTP requests answered, any status
  std::uint64_t ws_sessions_total = 0;   ///< successful WebSocket upgrades
  std::uint64_t ws_sessions_active = 0;
};

/// An HTTP/1.1 server with keep-alive and WebSocket upgrade on one port (SPEC §10). Routes match
/// (method, exact path); the query string is not part of the match. A GET route also answers HEAD
/// (same status and headers, no body) unless a HEAD route is registered. Unknown path → 404, known
/// path with another method → 405 with Allow, malformed request → 400 and close (413, 431, 505
/// where those fit), each with a precise reason: {"error":"<reason>"} when the request's
/// Content-Type or Accept names application/json, else text. No answer to a HEAD carries a body.
///
/// Threading: every connection runs on its own strand of `io`; csibot runs `io` on one thread.
/// Route handlers run on the connection's strand. Plain TCP only: TLS is a reverse proxy's job.
/// `io` must outlive every coroutine the server started (run it until it runs out of work).
class http_server {
 public:
  /// A handler that answers at once. An exception becomes a 500.
  using sync_handler = std::function<response(const request&)>;
  /// A coroutine handler, for handlers that do I/O. An exception becomes a 500.
  using async_handler = std::function<boost::asio::awaitable<response>(request)>;
  /// Receives each upgraded session; install its callbacks here. The server then runs it.
  using ws_handler = std::function<void(std::shared_ptr<ws_session> session, const request& upgrade)>;
  /// Looks at an upgrade request before the handshake: nullopt lets it upgrade; a response (a 403,
  /// say) is sent instead and the connection closed, so a refused client never gets a socket.
  using ws_admission = std::function<std::optional<response>(const request& upgrade)>;

  http_server(boost::asio::io_context& io, server_options options);
  /// Calls stop(); coroutines still running keep the internal state alive until they end.
  ~http_server();
  http_server(const http_server&) = delete;
  http_server& operator=(const http_server&) = delete;

  /// Registers a route. Call before start(); a second handler for the same (method, path)
  /// replaces the first. `method` is upper-case as on the wire ("GET", "POST").
  void add_route(std::string method, std::string path, sync_handler handler);
  void add_async_route(std::string method, std::string path, async_handler handler);
  /// Registers a WebSocket path (GET + Upgrade), with an optional admission check. A plain GET there
  /// gets 426.
  void add_ws_route(std::string path, ws_handler handler, ws_admission admit = {});

  /// Binds, listens and starts accepting. Throws std::runtime_error naming the address and the reason
  /// when it cannot be bound (a start-up error), std::invalid_argument for a malformed `listen`.
  void start();

  /// The bound port (useful with port 0); 0 before start().
  [[nodiscard]] std::uint16_t local_port() const noexcept;

  /// Graceful stop, thread-safe, idempotent: stops accepting; closes at once the connections that
  /// are idle or still receiving a request (the client sees the connection close, no answer); lets
  /// requests whose handler already runs finish and answer within options.stop_grace (then closes
  /// them); and closes every WebSocket session with close_code::going_away (1001). Returns without
  /// waiting: the io_context runs out of this server's work once all that is done.
  void stop();

  [[nodiscard]] server_stats stats() const noexcept;

 private:
  std::shared_ptr<detail::server_state> state_;
};

}  // namespace csibot::net
