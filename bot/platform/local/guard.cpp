#include "bot/platform/local/guard.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <utility>

#include "bot/net/http_server.hpp"
#include "config/settings.hpp"
#include "core/text.hpp"

namespace csibot::platform::local {
namespace {

constexpr std::chrono::seconds log_gap{1};
constexpr std::size_t max_logged_header = 100;

// A header as the log shows it: one line, no control characters, short.
std::string loggable(std::string_view value) {
  auto text = core::sanitize(value.substr(0, max_logged_header));
  std::replace_if(
      text.begin(), text.end(), [](char c) { return c == '\n' || c == '\t'; }, ' ');
  return text;
}

}  // namespace

request_guard::request_guard(const net::http_server& server, const config::settings& settings,
                             std::string what)
    : server_(server), rules_(settings.bot.listen, settings.bot.public_url), what_(std::move(what)) {}

std::optional<net::response> request_guard::check_page(const net::request& r) {
  const auto host = r.headers.find("Host");
  if (host && rules_.allows_host(*host, server_.local_port())) return std::nullopt;
  log_refusal(r, host ? "Host '" + loggable(*host) + "' does not name this bot" : "no Host header");
  // Short and without the bot's addresses: whoever is refused may be a page that should learn nothing.
  return net::response::text(
      403,
      "Forbidden: this address is not a name of this csibot. Open it by the address it "
      "listens on, or set bot.public_url (docs/local-chat.md).\n");
}

std::optional<net::response> request_guard::check_socket(const net::request& r) {
  if (auto refused = check_page(r)) return refused;
  const auto origin = r.headers.find("Origin");
  if (rules_.allows_origin(origin, *r.headers.find("Host"), server_.local_port())) return std::nullopt;
  log_refusal(r, "a page of another site (Origin '" + loggable(*origin) + "') opened the socket");
  return net::response::text(403,
                             "Forbidden: origin not allowed. The chat's socket opens from this csibot's own "
                             "pages only (docs/local-chat.md).\n");
}

void request_guard::log_refusal(const net::request& r, const std::string& why) {
  const auto now = std::chrono::steady_clock::now();
  std::uint64_t before = 0;
  {
    const std::lock_guard lock(mutex_);
    if (logged_at_ && now - *logged_at_ < log_gap) {
      ++unlogged_;
      return;
    }
    logged_at_ = now;
    before = std::exchange(unlogged_, 0);
  }
  if (before == 0) {
    spdlog::warn("{}: refused {} from {}: {}", what_, r.target, r.remote_address, why);
  } else {
    spdlog::warn("{}: refused {} from {}: {} ({} more refusals since the previous line)", what_, r.target,
                 r.remote_address, why, before);
  }
}

}  // namespace csibot::platform::local
