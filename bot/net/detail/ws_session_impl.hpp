#pragma once

// Private to bot/net. The session is a template over the transport (plain or TLS) but its members
// are compiled once, in ws_session.cpp, through explicit instantiation: the server and client TUs
// only construct it, so the websocket read/write/close templates are instantiated in one place.

#include <algorithm>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <chrono>
#include <deque>
#include <limits>
#include <memory>
#include <string>

#include "bot/net/ws_session.hpp"

namespace csibot::net::detail {

/// When a quiet peer counts as gone. Kept by the session itself rather than by Beast's idle timeout,
/// which re-arms a timer on every frame read: a timerfd_settime system call, a cancelled wait and a
/// new timer operation per message (19,770 of those system calls in a 20,000-command Socket Mode
/// run, docs/PERFORMANCE.md). The session notes the time of each frame and looks at it from one
/// timer that fires only when the peer may have gone quiet.
struct ws_keepalive {
  /// Nothing received (no message, ping or pong) for this long ends the session with
  /// beast::error::timeout; zero = never.
  std::chrono::milliseconds idle_timeout{0};
  /// After half of idle_timeout without a frame the session pings the peer, which a live peer answers.
  bool pings = true;
};

template <class Stream>
class ws_session_impl final : public ws_session,
                              public std::enable_shared_from_this<ws_session_impl<Stream>> {
 public:
  using socket_type = boost::beast::websocket::stream<Stream>;

  /// Takes a stream that has not started its handshake yet; the owner does the handshake through
  /// socket() before calling run().
  ws_session_impl(socket_type&& socket, std::string remote_address, ws_limits limits,
                  ws_keepalive keepalive = {});

  void send(std::string text) override;
  void close(std::uint16_t code, std::string reason) override;
  void on_message(message_handler handler) override { on_message_ = std::move(handler); }
  void on_close(close_handler handler) override { on_close_ = std::move(handler); }
  const std::string& remote_address() const noexcept override { return remote_address_; }
  boost::asio::awaitable<close_info> run() override;

  /// The underlying stream, for the handshake only (before run()).
  socket_type& socket() noexcept { return ws_; }

 private:
  using self_ptr = std::shared_ptr<ws_session_impl>;

  void enqueue(std::string text);
  void request_close(std::uint16_t code, std::string_view reason);
  void tear_down() noexcept;
  void deliver(std::string_view text);
  /// Send-queue length at which the reader pauses: below the overflow mark, so that answers to what
  /// the peer sends never close the session; SIZE_MAX when backpressure is off.
  std::size_t pause_at() const noexcept {
    if (limits_.read_pause_queue == 0) return std::numeric_limits<std::size_t>::max();
    return std::min(limits_.read_pause_queue, std::max<std::size_t>(limits_.max_send_queue / 2, 1));
  }
  /// Whether the reader waits for the writer (backpressure, by frames or by bytes).
  bool queue_full() const noexcept {
    return queue_.size() >= pause_at() ||
           (limits_.read_pause_bytes > 0 && queued_bytes_ >= limits_.read_pause_bytes);
  }
  /// Whether the writer has made enough room for a paused reader to go on.
  bool queue_drained() const noexcept {
    return queue_.size() <= pause_at() / 2 &&
           (limits_.read_pause_bytes == 0 || queued_bytes_ <= limits_.read_pause_bytes / 2);
  }
  void drop_queue() noexcept {
    queue_.clear();
    queued_bytes_ = 0;
  }
  static boost::asio::awaitable<close_info> run_on_strand(self_ptr self);
  static boost::asio::awaitable<close_info> read_loop(self_ptr self);
  static boost::asio::awaitable<void> write_loop(self_ptr self);
  static boost::asio::awaitable<void> close_guard(self_ptr self);
  static boost::asio::awaitable<void> idle_watch(self_ptr self);

  socket_type ws_;
  std::string remote_address_;
  ws_limits limits_;
  boost::asio::steady_timer wake_;   // the writer waits on it; cancel() wakes it
  boost::asio::steady_timer room_;   // the reader waits on it while the send queue is full
  boost::asio::steady_timer guard_;  // tears the socket down when a close handshake stalls
  ws_keepalive keepalive_;
  boost::asio::steady_timer idle_;                    // wakes idle_watch() when the peer may have gone quiet
  std::chrono::steady_clock::time_point last_heard_;  // the last frame of any kind from the peer
  bool ping_due_ = false;                             // idle_watch() asks the writer for a ping
  bool timed_out_ = false;                            // idle_watch() ended the session
  std::deque<std::string> queue_;
  std::size_t queued_bytes_ = 0;  // the sum of queue_'s sizes
  boost::beast::websocket::close_reason close_reason_;
  bool close_requested_ = false;
  bool torn_down_ = false;  // the TCP connection is closed: nothing more is read or sent
  bool done_ = false;
  message_handler on_message_;
  close_handler on_close_;
};

using plain_ws_session = ws_session_impl<boost::beast::tcp_stream>;
using tls_ws_session = ws_session_impl<boost::beast::ssl_stream<boost::beast::tcp_stream>>;

extern template class ws_session_impl<boost::beast::tcp_stream>;
extern template class ws_session_impl<boost::beast::ssl_stream<boost::beast::tcp_stream>>;

}  // namespace csibot::net::detail
