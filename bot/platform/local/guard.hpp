#pragma once
/// host_rules applied to the requests of the local chat and the dashboard: what is refused, how it is
/// answered and logged.
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "bot/net/http_types.hpp"
#include "bot/platform/local/host_rules.hpp"

namespace csibot::net {
class http_server;
}
namespace csibot::config {
struct settings;
}

namespace csibot::platform::local {

/// Refuses requests whose Host (and, for a WebSocket, Origin) does not name this bot. Thread-safe.
/// `server` is asked for its bound port on each check: the guard is used by its routes only, which
/// that server calls.
class request_guard {
 public:
  /// `what` names the part in the log ("local chat", "dashboard"). Reads bot.listen and
  /// bot.public_url from `settings` once.
  request_guard(const net::http_server& server, const config::settings& settings, std::string what);

  /// nullopt when `r` may be answered; else the 403 to send instead. A refusal is logged (see below).
  std::optional<net::response> check_page(const net::request& r);

  /// The same for a WebSocket upgrade, which in addition must come from one of the bot's pages or from
  /// no page (no Origin): http_server's admission check of the chat's socket.
  std::optional<net::response> check_socket(const net::request& r);

  /// Wraps a route handler so that refused requests never reach it.
  template <class Handler>
  static auto guarded(std::shared_ptr<request_guard> guard, Handler handler) {
    return [guard = std::move(guard), handler = std::move(handler)](const net::request& r) {
      if (auto refused = guard->check_page(r)) return std::move(*refused);
      return handler(r);
    };
  }

 private:
  // Logs one warning line per refusal, except that refusals less than a second after the previous
  // line are only counted, and the count goes into the next line: a page retrying in a loop must not
  // fill the log. The line holds the address, the path and the refused header, nothing else.
  void log_refusal(const net::request& r, const std::string& why);

  const net::http_server& server_;
  host_rules rules_;
  std::string what_;
  std::mutex mutex_;
  std::optional<std::chrono::steady_clock::time_point> logged_at_;
  std::uint64_t unlogged_ = 0;
};

}  // namespace csibot::platform::local
