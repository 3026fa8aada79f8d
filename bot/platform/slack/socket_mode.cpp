// The Socket Mode client's connections: per slot, a loop that opens a socket, waits for `hello`,
// replaces the socket on `disconnect` and backs off after failures; and the client's public face.
// What the sockets receive is handled in socket_receive.cpp.
#include "bot/platform/slack/socket_mode.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <utility>

#include "bot/platform/slack/socket_mode_impl.hpp"

namespace csibot::platform::slack {

namespace asio = boost::asio;
using json = nlohmann::json;

namespace {

constexpr auto nothrow = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t max_connections = 10;  // Slack refuses more per app-level token

std::string string_at(const json& object, std::string_view key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

/// apps.connections.open errors after which the official client stops retrying
/// (UnrecoverableSocketModeStartError.js): the token itself is refused.
bool unrecoverable(std::string_view error) {
  static constexpr std::array<std::string_view, 5> errors{"not_authed", "invalid_auth", "account_inactive",
                                                          "user_removed_from_team", "team_disabled"};
  return std::find(errors.begin(), errors.end(), error) != errors.end();
}

}  // namespace

socket_mode_client::impl::impl(asio::io_context& context, socket_mode_options opts, envelope_handler envelope,
                               fatal_handler fatal)
    : strand(asio::make_strand(context)),
      options(std::move(opts)),
      on_envelope(std::move(envelope)),
      on_fatal(std::move(fatal)),
      api(context, options.api_url, options.app_token, make_http_client_transport(context, options.http)),
      ws(options.socket_io != nullptr ? *options.socket_io : context, options.ws) {}

asio::awaitable<void> socket_mode_client::impl::run_slot(std::shared_ptr<impl> self, std::size_t slot) {
  protocol::backoff backoff(self->options.backoff_base, self->options.backoff_cap,
                            self->options.random ? self->options.random : protocol::backoff::system_random());
  auto& sleeper = *self->sleepers[slot];
  std::shared_ptr<link> draining;  // the socket a `disconnect` asked us to replace, still delivering
  for (bool first = true; !self->stopping;) {
    auto next = co_await establish(self);
    if (!next.connected) {
      co_await pause(self, sleeper, std::max(backoff.next(), next.at_least));
      continue;
    }
    // Make before break (PLATFORMS.md §1.2 step 6): the old socket delivered until now; both may
    // carry envelopes briefly, and the dedupe window drops what arrives twice.
    if (draining) draining->session->close(net::close_code::normal, "replaced");
    draining.reset();
    if (!first) ++self->reconnects;
    first = false;
    backoff.reset();
    auto& l = *next.connected;
    l.wake.expires_at(asio::steady_timer::time_point::max());
    while (!l.closed && !l.disconnect && !self->stopping)
      co_await l.wake.async_wait(nothrow);
    if (self->stopping) break;
    if (l.disconnect && !l.closed && l.reason != "too_many_websockets") {
      draining = std::move(next.connected);  // reconnect at once, no back-off: this is routine
      continue;
    }
    // Dropped (or told there are too many sockets): pause with jitter so that many bots that lost
    // the same server do not all come back in the same instant.
    if (!l.closed) l.session->close(net::close_code::normal, "reconnecting");
    co_await pause(self, sleeper, backoff.next());
  }
  if (draining) draining->session->close(net::close_code::normal, "client stopping");
}

asio::awaitable<socket_mode_client::impl::attempt> socket_mode_client::impl::establish(
    std::shared_ptr<impl> self) {
  // A fresh URL before every connect: a ticket is single-use (PLATFORMS.md §1.2 step 1).
  auto opened = co_await self->api.call("apps.connections.open", json::object());
  if (self->stopping) co_return attempt{};
  if (!opened.ok()) {
    if (unrecoverable(opened.error))
      self->fail("app token refused by apps.connections.open: " + opened.error);
    co_return attempt{nullptr, opened.retry_after};  // web_api logged it
  }
  const auto url = string_at(opened.body, "url");
  if (url.empty()) {
    spdlog::warn("slack socket mode: apps.connections.open answered without a url");
    co_return attempt{};
  }
  auto connected = co_await self->ws.connect(url);  // its messages never contain the URL (a credential)
  if (self->stopping) co_return attempt{};
  if (!connected.ok()) {
    spdlog::warn("slack socket mode: connect failed: {}", connected.message);
    co_return attempt{};
  }
  auto l = std::make_shared<link>(self->strand);
  l->session = std::move(connected.session);
  self->install(l);
  self->links.push_back(l);
  ++self->tasks;
  asio::co_spawn(self->strand, run_session(self, l), [self](std::exception_ptr) { --self->tasks; });
  l->wake.expires_after(self->options.hello_timeout);
  while (!l->hello && !l->closed && !self->stopping) {
    auto [ec] = co_await l->wake.async_wait(nothrow);
    if (!ec) break;  // the deadline passed; a cancel means "look again"
  }
  if (l->hello) co_return attempt{l};
  if (!l->closed && !self->stopping) spdlog::warn("slack socket mode: no hello within the deadline");
  l->session->close(net::close_code::normal, "no hello");
  co_return attempt{};
}

asio::awaitable<void> socket_mode_client::impl::run_session(std::shared_ptr<impl> self,
                                                            std::shared_ptr<link> l) {
  const auto info = co_await l->session->run();  // resumes on the client's strand
  l->closed = true;
  if (l->hello) --self->open;
  l->wake.cancel();
  std::erase(self->links, l);
  if (!self->stopping) {
    spdlog::info("slack socket mode: socket closed (code {}, {})", info.code,
                 info.error ? info.error.message() : std::string{"clean"});
  }
}

asio::awaitable<void> socket_mode_client::impl::pause(std::shared_ptr<impl> self, asio::steady_timer& timer,
                                                      std::chrono::milliseconds delay) {
  if (self->stopping) co_return;  // shutdown() cancels the timer only while it is waiting
  timer.expires_after(delay);
  co_await timer.async_wait(nothrow);
}

void socket_mode_client::impl::fail(std::string reason) {
  {
    std::lock_guard lock{fatal_mutex};
    if (!fatal_reason.empty()) return;
    fatal_reason = reason;
  }
  // Not logged here: the runtime reports it as its one line before exiting.
  shutdown();
  if (on_fatal && !stop_requested) on_fatal(std::move(reason));
}

void socket_mode_client::impl::shutdown() {
  stopping = true;
  for (const auto& l : links) {
    l->session->close(net::close_code::normal, "client stopping");
    l->wake.cancel();
  }
  for (const auto& sleeper : sleepers)
    sleeper->cancel();
}

socket_mode_client::socket_mode_client(asio::io_context& io, socket_mode_options options,
                                       envelope_handler on_envelope, fatal_handler on_fatal)
    : impl_(std::make_shared<impl>(io, std::move(options), std::move(on_envelope), std::move(on_fatal))) {}

socket_mode_client::~socket_mode_client() {
  stop();
}

void socket_mode_client::start() {
  if (!impl_->sleepers.empty()) return;  // started before
  const auto count = std::clamp<std::size_t>(impl_->options.connections, 1, max_connections);
  // Timers exist before any loop runs: shutdown() may cancel them from the first moment.
  for (std::size_t i = 0; i < count; ++i)
    impl_->sleepers.push_back(std::make_unique<asio::steady_timer>(impl_->strand));
  impl_->tasks += count;
  for (std::size_t slot = 0; slot < count; ++slot) {
    asio::co_spawn(impl_->strand, impl::run_slot(impl_, slot), [self = impl_](std::exception_ptr e) {
      --self->tasks;
      if (!e) return;
      try {
        std::rethrow_exception(e);
      } catch (const std::exception& what) {
        spdlog::error("slack socket mode: connection loop failed: {}", what.what());
      }
    });
  }
}

void socket_mode_client::stop() {
  impl_->stop_requested = true;
  asio::dispatch(impl_->strand, [self = impl_] { self->shutdown(); });
}

socket_mode_status socket_mode_client::status() const {
  socket_mode_status out;
  out.running = impl_->tasks > 0;
  out.connections = impl_->open;
  out.connected = out.connections > 0;
  out.reconnects = impl_->reconnects;
  out.envelopes = impl_->envelopes;
  out.duplicates = impl_->duplicates;
  out.malformed = impl_->skipped;
  std::lock_guard lock{impl_->fatal_mutex};
  out.fatal = impl_->fatal_reason;
  return out;
}

}  // namespace csibot::platform::slack
