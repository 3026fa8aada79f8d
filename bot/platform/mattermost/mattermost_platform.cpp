// Start-up and lifetime of the Mattermost adapter: users/me, the event socket, stop, status.
#include "bot/platform/mattermost/mattermost_platform.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "bot/net/tokens.hpp"
#include "bot/platform/mattermost/adapter_state.hpp"

namespace csibot::platform::mattermost {
namespace asio = boost::asio;

mattermost_platform::mattermost_platform(asio::io_context& io, const config::mattermost_settings& settings,
                                         std::string public_url, runtime::dispatch_queue& queue,
                                         storage::database& db, clock now, adapter_options options)
    : impl_(std::make_shared<impl>(io, settings, std::move(public_url), queue, db, std::move(now),
                                   std::move(options))) {}

mattermost_platform::~mattermost_platform() {
  stop();
}

asio::awaitable<void> mattermost_platform::authenticate() {
  const auto self = impl_;
  auto wait = self->opts.auth_retry;
  for (int attempt = 1;; ++attempt) {
    auto r = co_await self->api.users_me();
    if (r.ok()) {
      self->bot_user_id = r.id;
      self->bot_username = r.username;
      self->authenticated = true;
      spdlog::info("mattermost: signed in at {} as bot user {} ({})", self->settings.url, r.username, r.id);
      co_return;
    }
    // A refused token will not get better by asking again: fail the start (SPEC §12: exit 2, no loop).
    if (r.outcome == rest_result::kind::fatal && (r.http_status == 401 || r.http_status == 403))
      throw start_error("Mattermost rejected the bot token (mattermost.token): " + describe("users/me", r));
    // Another refusal (404: mattermost.url is not a Mattermost server; a URL bot/net will not use).
    if (r.outcome == rest_result::kind::fatal)
      throw start_error("Mattermost at " + self->settings.url +
                        " refused the start: " + describe("users/me", r));
    if (attempt >= self->opts.auth_attempts)
      throw start_error("Mattermost at " + self->settings.url + " is unreachable: users/me failed " +
                        std::to_string(attempt) + " times, last with " + r.error);
    asio::steady_timer timer{self->io};
    timer.expires_after(std::max(wait, r.retry_after));
    co_await timer.async_wait(net::nothrow);
    wait *= 2;
  }
}

void mattermost_platform::connect(fatal_handler on_fatal) {
  auto& s = *impl_;
  if (s.socket || s.stopped) return;
  auto o = s.opts.socket;
  o.server_url = s.settings.url;
  o.token = s.settings.token;
  std::weak_ptr<impl> weak = impl_;
  event_socket_handlers h;
  // The socket's handlers run on its strand of the one io thread, where everything else runs too.
  h.on_event = [weak](std::string_view frame) {
    if (const auto self = weak.lock(); self && !self->stopped) self->on_frame(frame);
  };
  h.on_resync = [weak] {
    if (const auto self = weak.lock(); self && !self->stopped) self->start_recovery();
  };
  h.on_fatal = [on_fatal = std::move(on_fatal)](std::string reason) {
    if (on_fatal)
      on_fatal("Mattermost event socket stopped for good: " + reason + " (check mattermost.token)");
  };
  s.socket = std::make_unique<event_socket>(s.io, std::move(o), std::move(h));
  s.socket->start();
}

void mattermost_platform::set_public_url(std::string public_url) {
  impl_->actions = actions_url(public_url);
}

void mattermost_platform::stop() {
  if (!impl_ || impl_->stopped) return;
  impl_->stopped = true;
  if (impl_->socket) impl_->socket->stop();
  impl_->flush_timer.cancel();
  impl_->flush_book();
}

adapter_status mattermost_platform::status() const {
  const auto& s = *impl_;
  adapter_status out;
  out.bot_user_id = s.bot_user_id;
  out.bot_username = s.bot_username;
  out.received = s.received;
  out.ignored = s.ignored;
  out.malformed = s.malformed;
  out.refused = s.refused;
  out.recoveries = s.recoveries;
  out.recovered = s.recovered;
  out.dm_channels = s.book.size();
  if (s.socket) {
    out.socket = s.socket->status();
    out.connected = out.socket.connected;
  }
  return out;
}

nlohmann::json mattermost_platform::health() const {
  const auto s = status();
  nlohmann::json j{{"connected", s.connected},
                   {"bot_user_id", s.bot_user_id},
                   {"connection_id", s.socket.connection_id},
                   {"reconnects", s.socket.reconnects},
                   {"resyncs", s.socket.resyncs},
                   {"received", s.received},
                   {"ignored", s.ignored},
                   {"malformed", s.malformed},
                   {"refused", s.refused},
                   {"recoveries", s.recoveries},
                   {"recovered", s.recovered},
                   {"dm_channels", s.dm_channels}};
  if (!s.socket.last_error.empty()) j["last_error"] = s.socket.last_error;
  if (!s.socket.fatal.empty()) j["fatal"] = s.socket.fatal;
  return j;
}

}  // namespace csibot::platform::mattermost
