#pragma once
// Private to socket_mode_client: its state, shared by the connection loop (socket_mode.cpp) and the
// handling of received frames (socket_receive.cpp). Everything not atomic or under a mutex lives on
// `strand`.
#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <deque>
#include <mutex>
#include <unordered_set>
#include <vector>

#include "bot/platform/slack/socket_mode.hpp"
#include "bot/platform/slack/web_api.hpp"

namespace csibot::platform::slack {

namespace detail {

/// One WebSocket of the client. Lives on the client's strand; `wake` is cancelled on every change
/// so that the slot loop waiting on it looks again.
struct link {
  explicit link(const boost::asio::any_io_executor& executor) : wake(executor) {}
  std::shared_ptr<net::ws_session> session;
  boost::asio::steady_timer wake;
  bool hello = false;
  bool closed = false;
  bool disconnect = false;
  std::string reason;  // of the disconnect
};

}  // namespace detail

struct socket_mode_client::impl : std::enable_shared_from_this<impl> {
  using link = detail::link;

  impl(boost::asio::io_context& context, socket_mode_options opts, envelope_handler envelope,
       fatal_handler fatal);

  struct attempt {
    std::shared_ptr<link> connected;
    std::chrono::milliseconds at_least{0};  // Retry-After of a rate-limited apps.connections.open
  };

  // socket_mode.cpp
  static boost::asio::awaitable<void> run_slot(std::shared_ptr<impl> self, std::size_t slot);
  static boost::asio::awaitable<attempt> establish(std::shared_ptr<impl> self);
  static boost::asio::awaitable<void> run_session(std::shared_ptr<impl> self, std::shared_ptr<link> l);
  static boost::asio::awaitable<void> pause(std::shared_ptr<impl> self, boost::asio::steady_timer& timer,
                                            std::chrono::milliseconds delay);
  void fail(std::string reason);
  void shutdown();

  // socket_receive.cpp
  void install(const std::shared_ptr<link>& l);
  void handle(const std::shared_ptr<link>& l, socket_frame frame, decoded payload, std::size_t size);
  void deliver(socket_frame frame, decoded payload);
  bool remember(const std::string& envelope_id);

  boost::asio::any_io_executor strand;
  const socket_mode_options options;
  const envelope_handler on_envelope;
  const fatal_handler on_fatal;
  web_api api;  // with the app token: only apps.connections.open
  net::ws_client ws;
  std::atomic<bool> stop_requested{false};

  // Strand only.
  bool stopping = false;
  std::vector<std::shared_ptr<link>> links;                          // sockets not closed yet
  std::vector<std::unique_ptr<boost::asio::steady_timer>> sleepers;  // one per slot, for back-off pauses
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

}  // namespace csibot::platform::slack
