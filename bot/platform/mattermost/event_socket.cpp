// The event socket's connection loop. One coroutine owns the lifecycle (connect → authenticate →
// keep alive → back off → reconnect); frames are handled on the same strand, so no locks are needed
// except for status().

#include "bot/platform/mattermost/event_socket.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/websocket/error.hpp>
#include <limits>
#include <utility>

#include "bot/platform/mattermost/event_socket_impl.hpp"
#include "bot/protocol/backoff.hpp"

namespace csibot::platform::mattermost {

namespace asio = boost::asio;
using json = nlohmann::json;
using detail::link;

namespace {

constexpr auto nothrow = asio::as_tuple(asio::use_awaitable);

}  // namespace

// A `posted` event carries its post as a JSON string: up to 16,383 runes of message and 760,000 of
// props (Mattermost's PostPropsMaxUserRunes), escaped twice over. 8 MiB holds the largest post the
// server lets anyone write; events.cpp then caps the post itself at 4 MiB.
net::ws_client_options default_event_socket_ws_options() {
  net::ws_client_options options;
  options.limits.max_message = 8U << 20U;
  return options;
}

event_socket::impl::impl(asio::io_context& io, event_socket_options opts, event_socket_handlers h)
    : strand(asio::make_strand(io)),
      options(std::move(opts)),
      handlers(std::move(h)),
      random(options.random ? options.random : protocol::backoff::system_random()),
      api(io, options.server_url, options.token, options.http),
      ws(io, options.ws),
      url(websocket_url(options.server_url)),
      sleeper(strand) {}

asio::awaitable<void> event_socket::impl::run(std::shared_ptr<impl> self) {
  std::uint32_t failures = 0;
  while (!self->stopping && !self->stop_requested) {
    net::header_map headers;
    headers.set("Authorization", "Bearer " + self->options.token);
    // After a frame too big to read, resuming would replay that same frame and close again, every
    // few seconds for as long as the server keeps the queue: start a new connection instead, whose
    // hello (a new connection_id) asks for the REST resync that picks up what was missed.
    auto target = std::exchange(self->skip_resume, false)
                      ? self->url
                      : resume_url(self->url, self->connection_id, self->expected_seq);
    auto connected = co_await self->ws.connect(std::move(target), std::move(headers));
    if (self->stopping) {
      if (connected.session) connected.session->close(net::close_code::normal, "client stopping");
      break;
    }
    // Only a socket that authenticated resets the count: one that opens and is closed at once would
    // otherwise be retried at the base delay for ever.
    bool maybe_refused = false;
    if (!connected.ok()) {
      self->note_error("connect failed: " + connected.message);
      maybe_refused = connected.http_status == 401 || connected.http_status == 403;
    } else {
      auto l = self->open(std::move(connected.session));
      co_await wait_established(self, l);
      if (l->established) {
        failures = 0;
        if (self->ever_established) ++self->reconnects;
        self->ever_established = true;
        co_await keep_alive(self, l);
      } else if (!self->stopping) {
        // Mattermost closes the socket, without a word, when the challenge's token is refused.
        if (!l->closed) self->note_error("no hello within the deadline");
        l->discard = true;
        l->session->close(net::close_code::normal, "no hello");
        maybe_refused = true;
      }
    }
    if (self->stopping) break;
    if (maybe_refused && co_await token_refused(self)) break;
    if (self->stopping) break;
    ++failures;
    const auto delay = reconnect_delay(self->options.reconnect, failures, self->random());
    spdlog::info("mattermost websocket: reconnecting in {} ms", delay.count());
    self->sleeper.expires_after(delay);
    co_await self->sleeper.async_wait(nothrow);  // shutdown() cancels it
  }
}

std::shared_ptr<link> event_socket::impl::open(std::shared_ptr<net::ws_session> session) {
  auto l = std::make_shared<link>(strand);
  l->session = std::move(session);
  if (current) current->discard = true;
  current = l;
  std::weak_ptr<impl> weak_self = shared_from_this();
  std::weak_ptr<link> weak_link = l;
  l->session->on_message([weak_self, weak_link](std::string_view text) {
    auto self = weak_self.lock();
    if (!self) return;
    asio::post(self->strand,
               [self, weak_link, text = std::string{text}] { self->handle(weak_link.lock(), text); });
  });
  ++tasks;
  asio::co_spawn(strand, run_session(shared_from_this(), l),
                 [self = shared_from_this()](std::exception_ptr) { --self->tasks; });
  // Both ways of authenticating at once (PLATFORMS.md §2.2): the header on the upgrade, and the
  // challenge right away, without waiting for a reply that never comes when the header worked.
  l->send_request("authentication_challenge", json{{"token", options.token}});
  // The JS client pings on open: its reply also proves that a resumed socket (no hello) is alive.
  l->ping_pending = l->send_request("ping", json::object());
  return l;
}

asio::awaitable<void> event_socket::impl::run_session(std::shared_ptr<impl> self, std::shared_ptr<link> l) {
  const auto info = co_await l->session->run();  // resumes on the client's strand
  l->closed = true;
  if (l == self->current) self->connected = false;
  if (!self->stopping && !l->discard) {
    self->note_error("socket closed (code " + std::to_string(info.code) + ", " +
                     (info.error ? info.error.message() : std::string{"clean"}) + ")");
  }
  if (info.error == boost::beast::websocket::error::message_too_big) self->skip_resume = true;
  l->wake.cancel();
}

asio::awaitable<void> event_socket::impl::wait_established(std::shared_ptr<impl> self,
                                                           std::shared_ptr<link> l) {
  l->wake.expires_after(self->options.hello_timeout);
  while (!l->established && !l->closed && !self->stopping) {
    auto [ec] = co_await l->wake.async_wait(nothrow);
    if (!ec) break;  // the deadline passed; a cancel means "look again"
  }
}

asio::awaitable<void> event_socket::impl::keep_alive(std::shared_ptr<impl> self, std::shared_ptr<link> l) {
  auto next_ping = asio::steady_timer::clock_type::now() + self->options.ping_interval;
  while (!l->closed && !l->discard && !self->stopping) {
    l->wake.expires_at(next_ping);
    co_await l->wake.async_wait(nothrow);
    if (l->closed || l->discard || self->stopping) break;
    if (asio::steady_timer::clock_type::now() < next_ping) continue;  // woken for another reason
    next_ping += self->options.ping_interval;
    if (l->ping_pending != 0) {
      // The JS client's rule: the previous ping is still unanswered, so the connection is dead
      // even if TCP has not noticed. Close with its code 4000 and reconnect.
      ++self->missed_pongs;
      self->note_error("no reply to ping " + std::to_string(l->ping_pending));
      l->discard = true;
      l->session->close(4000, "no pong");
      break;
    }
    l->ping_pending = l->send_request("ping", json::object());
  }
  if (l == self->current) self->connected = false;
}

asio::awaitable<bool> event_socket::impl::token_refused(std::shared_ptr<impl> self) {
  auto me = co_await self->api.users_me();  // rest_api logs a failure
  if (self->stopping) co_return false;
  if (me.outcome != rest_result::kind::fatal || me.http_status != 401) co_return false;
  self->fail("the Mattermost token was refused (" + me.error + ")");
  co_return true;
}

void event_socket::impl::note_error(std::string error) {
  spdlog::warn("mattermost websocket: {}", error);
  std::lock_guard lock{status_mutex};
  last_error = std::move(error);
}

void event_socket::impl::fail(std::string reason) {
  {
    std::lock_guard lock{status_mutex};
    if (!fatal_reason.empty()) return;
    fatal_reason = reason;
    last_error = reason;
  }
  // Not logged here: the runtime reports it as its one line before exiting.
  shutdown();
  if (handlers.on_fatal && !stop_requested) handlers.on_fatal(std::move(reason));
}

void event_socket::impl::shutdown() {
  stopping = true;
  connected = false;
  if (current && !current->closed) {
    current->discard = true;
    current->session->close(net::close_code::normal, "client stopping");
    current->wake.cancel();
  }
  sleeper.cancel();
}

event_socket::event_socket(asio::io_context& io, event_socket_options options, event_socket_handlers handlers)
    : impl_(std::make_shared<impl>(io, std::move(options), std::move(handlers))) {}

event_socket::~event_socket() {
  stop();
}

void event_socket::start() {
  if (impl_->started.exchange(true)) return;
  ++impl_->tasks;  // before start() returns, so that status().running is true at once
  asio::co_spawn(impl_->strand, impl::run(impl_), [self = impl_](std::exception_ptr e) {
    --self->tasks;
    if (!e) return;
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& what) {
      spdlog::error("mattermost websocket: connection loop failed: {}", what.what());
    }
  });
}

void event_socket::stop() {
  impl_->stop_requested = true;
  asio::dispatch(impl_->strand, [self = impl_] { self->shutdown(); });
}

bool event_socket::send(std::string action, json data) {
  if (!impl_->connected) return false;
  // Sized with the largest seq it could get, so that "fits" cannot change on the strand.
  if (request_frame(std::numeric_limits<std::int64_t>::max(), action, data).empty()) return false;
  asio::post(impl_->strand, [self = impl_, action = std::move(action), data = std::move(data)] {
    if (self->current && self->current->established && !self->current->discard)
      self->current->send_request(action, data);
  });
  return true;
}

event_socket_status event_socket::status() const {
  event_socket_status out;
  out.running = impl_->tasks > 0;
  out.connected = impl_->connected;
  out.reconnects = impl_->reconnects;
  out.events = impl_->events;
  out.gaps = impl_->gaps;
  out.resyncs = impl_->resyncs;
  out.missed_pongs = impl_->missed_pongs;
  std::lock_guard lock{impl_->status_mutex};
  out.connection_id = impl_->status_connection_id;
  out.last_error = impl_->last_error;
  out.fatal = impl_->fatal_reason;
  return out;
}

}  // namespace csibot::platform::mattermost
