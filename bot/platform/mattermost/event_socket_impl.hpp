#pragma once
// Private to event_socket: its state, shared by the connection loop (event_socket.cpp) and the
// frame handling (event_dispatch.cpp). Everything not atomic or under status_mutex lives on `strand`.

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <mutex>

#include "bot/platform/mattermost/event_socket.hpp"
#include "bot/platform/mattermost/rest_api.hpp"

namespace csibot::platform::mattermost {

namespace detail {

/// One WebSocket of the client. `wake` is cancelled on every change so that a loop waiting on it
/// looks again.
struct link {
  explicit link(const boost::asio::any_io_executor& executor) : wake(executor) {}

  /// Sends {"seq":n,"action":…,"data":…} with this socket's next request seq; returns that seq, or
  /// 0 when the frame would be over the server's 8 KiB limit (then nothing is sent).
  std::int64_t send_request(std::string_view action, const nlohmann::json& data) {
    auto frame = request_frame(next_request, action, data);
    if (frame.empty()) return 0;
    session->send(std::move(frame));
    return next_request++;
  }

  std::shared_ptr<net::ws_session> session;
  boost::asio::steady_timer wake;
  bool established = false;       // hello, a reply or an event seen: the token was accepted
  bool closed = false;            // the session ended
  bool discard = false;           // given up (gap, no pong, stop): later frames are not delivered
  std::int64_t next_request = 1;  // client seq, per socket, from 1 as the server requires
  std::int64_t ping_pending = 0;  // seq of the unanswered ping; 0 = none
};

}  // namespace detail

struct event_socket::impl : std::enable_shared_from_this<impl> {
  using link = detail::link;

  impl(boost::asio::io_context& io, event_socket_options opts, event_socket_handlers h);

  static boost::asio::awaitable<void> run(std::shared_ptr<impl> self);
  static boost::asio::awaitable<void> run_session(std::shared_ptr<impl> self, std::shared_ptr<link> l);
  static boost::asio::awaitable<void> wait_established(std::shared_ptr<impl> self, std::shared_ptr<link> l);
  static boost::asio::awaitable<void> keep_alive(std::shared_ptr<impl> self, std::shared_ptr<link> l);
  static boost::asio::awaitable<bool> token_refused(std::shared_ptr<impl> self);
  std::shared_ptr<link> open(std::shared_ptr<net::ws_session> session);
  void note_error(std::string error);
  void fail(std::string reason);
  void shutdown();

  // event_dispatch.cpp
  void handle(const std::shared_ptr<link>& l, const std::string& text);
  void on_event_frame(const std::shared_ptr<link>& l, const socket_message& m, const std::string& text);
  void established(const std::shared_ptr<link>& l);
  void deliver(const std::string& text);

  boost::asio::any_io_executor strand;
  const event_socket_options options;
  const event_socket_handlers handlers;
  const std::function<double()> random;
  rest_api api;  // only users/me, to tell a refused token from a network failure
  net::ws_client ws;
  const std::string url;
  std::atomic<bool> started{false};
  std::atomic<bool> stop_requested{false};

  // Strand only.
  bool stopping = false;
  bool ever_established = false;
  std::shared_ptr<link> current;      // the socket in use; older ones are discarded
  std::string connection_id;          // from the last hello
  std::int64_t expected_seq = 0;      // the next server seq; sent as sequence_number on reconnect
  bool skip_resume = false;           // the next connect starts a new connection (no resume)
  boost::asio::steady_timer sleeper;  // back-off pauses

  // Any thread (status()).
  std::atomic<std::size_t> tasks{0};
  std::atomic<bool> connected{false};
  std::atomic<std::uint64_t> reconnects{0}, events{0}, gaps{0}, resyncs{0}, missed_pongs{0};
  mutable std::mutex status_mutex;
  std::string status_connection_id, last_error, fatal_reason;
};

}  // namespace csibot::platform::mattermost
