#include "bot/platform/slack/slack_platform.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/steady_timer.hpp>

#include "bot/net/tokens.hpp"
#include "bot/platform/slack/adapter_state.hpp"
#include "bot/platform/slack/dm_channels.hpp"
#include "bot/runtime/dispatch_queue.hpp"

namespace csibot::platform::slack {
namespace asio = boost::asio;

void slack_platform::impl::accept(decoded d, std::string_view source) {
  if (!d.event) {
    // Mostly routine (the bot's own posts come back as events, channel chatter, unknown types), so
    // debug; a payload missing fields lands here too, with the field named in the reason.
    ++ignored;
    if (d.events_dropped) {
      // Past 30,000 events an hour Slack discards the app's events for the minute: people's DMs and
      // clicks are lost, which an operator must see at the default log level.
      ++events_dropped;
      spdlog::warn(
          "slack {}: Slack is discarding csibot's events for a minute (app_rate_limited); "
          "messages and clicks sent meanwhile are lost",
          source);
      return;
    }
    spdlog::debug("slack {}: ignored: {}", source, d.ignored);
    return;
  }
  ++received;
  auto& in = *d.event;
  if (in.is_dm && in.command) {
    // Some DM: csibot can post only into its own with this person, which it knows once it opened it
    // or a message came from it, in this run or an earlier one (dm_channels.hpp). Anywhere else (two
    // people's DM, or one csibot has never used) the command is answered like one in a channel: to the
    // person alone, through its response_url.
    if (api.cached_dm(in.user) != in.channel) in.is_dm = false;
  } else if (in.is_dm && !in.action) {
    api.remember_dm(in.user, in.channel);  // message.im comes from csibot's own DMs only
  }
  auto event_id = in.event_id;
  queue.submit(
      std::move(*d.event),
      [event_id = std::move(event_id)](runtime::dispatch_result r) {
        // The queue has logged the failure itself; this only says which Slack event lost its replies.
        if (!r.queued) spdlog::error("slack: the replies to event {} could not be queued", event_id);
      },
      std::move(d.response_url));
}

slack_platform::slack_platform(asio::io_context& io, const config::slack_settings& settings,
                               runtime::dispatch_queue& queue, storage::database& db, clock now,
                               adapter_options options)
    : impl_(std::make_shared<impl>(io, settings, queue, std::move(now), std::move(options))) {
  for (const auto& [user, channel] : load_dm_channels(db))
    impl_->api.remember_dm(user, channel);
  impl_->api.on_dm_learned(
      [&db](const std::string& user, const std::string& channel) { save_dm_channel(db, user, channel); });
}

slack_platform::~slack_platform() {
  stop();
}

asio::awaitable<void> slack_platform::authenticate() {
  const auto self = impl_;
  auto wait = self->opts.auth_retry;
  for (int attempt = 1;; ++attempt) {
    auto r = co_await self->api.auth_test();
    if (r.ok()) {
      self->bot_user_id = r.user_id;
      self->team = r.team;
      self->authenticated = true;
      spdlog::info("slack: signed in as bot user {} of team {} ({} mode)", r.user_id, r.team,
                   self->settings.mode);
      co_return;
    }
    // A refused token will not get better by asking again: fail the start (SPEC §12: exit 2, no loop).
    if (r.outcome == api_result::kind::fatal)
      throw start_error("Slack rejected the bot token (slack.bot_token): auth.test answered " + r.error);
    if (attempt >= self->opts.auth_attempts)
      throw start_error("Slack is unreachable: auth.test failed " + std::to_string(attempt) +
                        " times, last with " + r.error);
    asio::steady_timer timer{self->io};
    timer.expires_after(std::max(wait, r.retry_after));
    co_await timer.async_wait(net::nothrow);
    wait *= 2;
  }
}

void slack_platform::connect(fatal_handler on_fatal) {
  auto& s = *impl_;
  if (s.settings.mode != "socket" || s.socket || s.stopped) return;
  auto o = s.opts.socket;
  o.api_url = s.settings.api_url;
  o.app_token = s.settings.app_token;
  o.connections = static_cast<std::size_t>(s.settings.socket_connections);
  o.bot_user_id = s.bot_user_id;  // known: authenticate() came first
  std::weak_ptr<impl> weak = impl_;
  s.socket = std::make_unique<socket_mode_client>(
      s.io, std::move(o),
      [weak](socket_envelope e) {
        const auto self = weak.lock();
        if (!self || self->stopped) return;
        self->accept(std::move(e.payload), e.type);
      },
      [on_fatal = std::move(on_fatal)](std::string reason) {
        // link_disabled, invalid_auth, …: the client has stopped and will not reconnect.
        if (on_fatal) on_fatal("Slack Socket Mode stopped for good: " + reason + " (check slack.app_token)");
      });
  s.socket->start();
}

void slack_platform::stop() {
  if (!impl_ || impl_->stopped) return;
  impl_->stopped = true;
  if (impl_->socket) impl_->socket->stop();
}

adapter_status slack_platform::status() const {
  const auto& s = *impl_;
  adapter_status out;
  out.mode = s.settings.mode;
  out.bot_user_id = s.bot_user_id;
  out.team = s.team;
  out.received = s.received;
  out.ignored = s.ignored;
  out.refused = s.refused;
  out.events_dropped = s.events_dropped;
  if (s.socket) {
    out.socket = s.socket->status();
    out.connected = out.socket.connected;
  } else {
    out.connected = s.settings.mode == "http" && s.authenticated && !s.stopped;
  }
  return out;
}

nlohmann::json slack_platform::health() const {
  const auto s = status();
  nlohmann::json j{{"connected", s.connected},
                   {"mode", s.mode},
                   {"bot_user_id", s.bot_user_id},
                   {"received", s.received},
                   {"ignored", s.ignored},
                   {"refused", s.refused},
                   {"events_dropped", s.events_dropped}};
  if (s.mode == "socket") {
    j["connections"] = s.socket.connections;
    j["reconnects"] = s.socket.reconnects;
    j["malformed"] = s.socket.malformed;
    if (!s.socket.fatal.empty()) j["fatal"] = s.socket.fatal;
  }
  return j;
}

}  // namespace csibot::platform::slack
