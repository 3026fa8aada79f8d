#include "bot/platform/slack/socket_mode.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <deque>
#include <mutex>
#include <unordered_set>
#include <utility>
#include <vector>

#include "bot/platform/slack/web_api.hpp"

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

/// One WebSocket of the client. Lives on the client's strand; `wake` is cancelled on every change
/// so that the slot loop waiting on it looks again.
struct link {
  explicit link(const asio::any_io_executor& executor) : wake(executor) {}
  std::shared_ptr<net::ws_session> session;
  asio::steady_timer wake;
  bool hello = false;
  bool closed = false;
  bool disconnect = false;
  std::string reason;  // of the disconnect
};

}  // namespace

struct socket_mode_client::impl : std::enable_shared_from_this<impl> {
  impl(asio::io_context& context, socket_mode_options opts, envelope_handler envelope, fatal_handler fatal)
      : strand(asio::make_strand(context)),
        options(std::move(opts)),
        on_envelope(std::move(envelope)),
        on_fatal(std::move(fatal)),
        api(context, options.api_url, options.app_token, make_http_client_transport(context, options.http)),
        ws(options.socket_io != nullptr ? *options.socket_io : context, options.ws) {}

  struct attempt {
    std::shared_ptr<link> connected;
    std::chrono::milliseconds at_least{0};  // Retry-After of a rate-limited apps.connections.open
  };

  static asio::awaitable<void> run_slot(std::shared_ptr<impl> self, std::size_t slot);
  static asio::awaitable<attempt> establish(std::shared_ptr<impl> self);
  static asio::awaitable<void> run_session(std::shared_ptr<impl> self, std::shared_ptr<link> l);
  static asio::awaitable<void> pause(std::shared_ptr<impl> self, asio::steady_timer& timer,
                                     std::chrono::milliseconds delay);
  void install(const std::shared_ptr<link>& l);
  void handle(const std::shared_ptr<link>& l, socket_frame frame, decoded payload, std::size_t size);
  void deliver(socket_frame frame, decoded payload);
  bool remember(const std::string& envelope_id);
  void fail(std::string reason);
  void shutdown();

  asio::any_io_executor strand;
  const socket_mode_options options;
  const envelope_handler on_envelope;
  const fatal_handler on_fatal;
  web_api api;  // with the app token: only apps.connections.open
  net::ws_client ws;
  std::atomic<bool> stop_requested{false};

  // Strand only.
  bool stopping = false;
  std::vector<std::shared_ptr<link>> links;                   // sockets not closed yet
  std::vector<std::unique_ptr<asio::steady_timer>> sleepers;  // one per slot, for back-off pauses
  // Dedupe window: the ids, and their order (oldest first) as pointers to the set's elements, which
  // stay in place when the set rehashes; one copy of each id rather than two.
  std::unordered_set<std::string> recent;
  std::deque<const std::string*> recent_order;

  // Frames read (and acked) on a socket's strand, waiting to be handled on the client's. One post per
  // burst rather than per frame: with the sockets on a thread of their own (socket_io), each post to
  // an idle client thread costs a wake-up.
  struct received {
    std::weak_ptr<link> from;
    socket_frame frame;  // an envelope's payload tree is gone: `payload` holds what it said
    decoded payload;
    std::size_t size = 0;
  };
  std::mutex inbox_mutex;
  std::vector<received> inbox;  // guarded by inbox_mutex
  bool inbox_posted = false;    // guarded by inbox_mutex
  /// Socket strand: queues `r` and posts a drain unless one is on its way.
  void receive(received r);
  /// Client strand: handles everything received since the last drain, in order.
  void drain_received();

  // Any thread (status()).
  std::atomic<std::size_t> tasks{0};  // slot loops and sessions still running
  std::atomic<std::size_t> open{0};   // sockets that said hello and are not closed
  std::atomic<std::uint64_t> reconnects{0}, envelopes{0}, duplicates{0}, skipped{0};
  mutable std::mutex fatal_mutex;
  std::string fatal_reason;
};

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

void socket_mode_client::impl::install(const std::shared_ptr<link>& l) {
  std::weak_ptr<impl> weak_self = shared_from_this();
  std::weak_ptr<link> weak_link = l;
  // The handler runs on the session's strand and is called by the session itself, so the raw
  // pointer is valid whenever it runs.
  auto* session = l->session.get();
  l->session->on_message([weak_self, weak_link, session, max = options.max_frame,
                          bot = options.bot_user_id](std::string_view text) {
    auto frame = parse_socket_frame(text, max);
    // Ack first, on this socket, before anything can delay it: Slack's deadline is 3 s.
    if (!frame.envelope_id.empty()) session->send(ack_frame(frame.envelope_id));
    received r{weak_link, std::move(frame), {}, text.size()};
    if (r.frame.what == socket_frame::kind::envelope) {
      // Decoded here, where the tree was built, and freed here too (see socket_envelope).
      r.payload = decode_envelope(r.frame.type, r.frame.payload, r.frame.envelope_id, bot);
      r.frame.payload = nlohmann::json{};
    }
    if (auto self = weak_self.lock()) self->receive(std::move(r));
  });
}

void socket_mode_client::impl::receive(received r) {
  {
    const std::lock_guard lock{inbox_mutex};
    inbox.push_back(std::move(r));
    if (std::exchange(inbox_posted, true)) return;  // the drain on its way takes this one too
  }
  asio::post(strand, [self = shared_from_this()] { self->drain_received(); });
}

void socket_mode_client::impl::drain_received() {
  std::vector<received> frames;
  {
    const std::lock_guard lock{inbox_mutex};
    inbox_posted = false;
    frames = std::exchange(inbox, {});
  }
  for (auto& r : frames)
    handle(r.from.lock(), std::move(r.frame), std::move(r.payload), r.size);
}

void socket_mode_client::impl::handle(const std::shared_ptr<link>& l, socket_frame frame, decoded payload,
                                      std::size_t size) {
  if (stop_requested) return;  // stop() promises that no handler starts afterwards
  switch (frame.what) {
    case socket_frame::kind::envelope:
      deliver(std::move(frame), std::move(payload));
      return;
    case socket_frame::kind::hello:
      if (l && !l->hello && !l->closed) {
        l->hello = true;
        ++open;
        l->wake.cancel();
      }
      // More sockets than ours (a replaced one still draining included) on this app token usually
      // means a second bot instance: each would get only a share of the envelopes, so say it loudly.
      if (static_cast<std::size_t>(frame.num_connections) > links.size()) {
        spdlog::warn(
            "slack socket mode: {} connections open for this app, {} of them ours: another instance?",
            frame.num_connections, links.size());
      } else {
        spdlog::info("slack socket mode: connected ({} connection(s) open for this app)",
                     frame.num_connections);
      }
      return;
    case socket_frame::kind::disconnect:
      if (frame.reason == "link_disabled") {
        fail("Socket Mode is disabled for this app (disconnect: link_disabled)");
        return;
      }
      spdlog::info("slack socket mode: disconnect ({}), replacing the socket", frame.reason);
      if (l && !l->closed) {
        l->disconnect = true;
        l->reason = std::move(frame.reason);
        l->wake.cancel();
      }
      return;
    case socket_frame::kind::other:
      spdlog::debug("slack socket mode: ignored a '{}' frame", frame.type);
      return;
    case socket_frame::kind::malformed:
      ++skipped;
      // Size and reason only: frames carry user text and verification tokens.
      spdlog::warn("slack socket mode: skipped a frame of {} bytes: {}", size, frame.reason);
      return;
  }
}

void socket_mode_client::impl::deliver(socket_frame frame, decoded payload) {
  if (!remember(frame.envelope_id)) {
    ++duplicates;
    spdlog::debug("slack socket mode: envelope {} seen before (retry {})", frame.envelope_id,
                  frame.retry_attempt);
    return;
  }
  ++envelopes;
  if (!on_envelope) return;
  try {
    on_envelope(socket_envelope{std::move(frame.envelope_id), std::move(frame.type), frame.retry_attempt,
                                std::move(payload)});
  } catch (const std::exception& e) {
    // The envelope was acknowledged already; the socket must not suffer for a handler's bug.
    spdlog::error("slack socket mode: envelope handler failed: {}", e.what());
  }
}

bool socket_mode_client::impl::remember(const std::string& envelope_id) {
  const auto [it, added] = recent.insert(envelope_id);
  if (!added) return false;
  recent_order.push_back(&*it);
  if (recent_order.size() > std::max<std::size_t>(options.dedupe_window, 1)) {
    recent.erase(recent.find(*recent_order.front()));
    recent_order.pop_front();
  }
  return true;
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
