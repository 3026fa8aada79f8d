#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/system/error_code.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace csibot::net {

/// WebSocket close codes used by csibot (RFC 6455 §7.4.1).
namespace close_code {
inline constexpr std::uint16_t normal = 1000;
inline constexpr std::uint16_t going_away = 1001;        ///< server stop
inline constexpr std::uint16_t unsupported_data = 1003;  ///< binary frame received
inline constexpr std::uint16_t policy_violation = 1008;  ///< send queue overflow (slow peer)
inline constexpr std::uint16_t too_big = 1009;           ///< message above the read limit
inline constexpr std::uint16_t internal_error = 1011;
}  // namespace close_code

/// How a session ended. `code` is the close code the peer sent (or echoed), 0 when the connection
/// ended without a close frame; `error` is what ended the read loop (websocket::error::closed
/// for a clean close, beast::error::timeout, eof, websocket::error::message_too_big, …).
struct close_info {
  std::uint16_t code = 0;
  std::string reason;
  boost::system::error_code error;
};

/// Limits of one WebSocket session.
struct ws_limits {
  std::size_t max_message = 64 * 1024;  ///< bigger incoming messages close the socket with 1009
  std::size_t max_send_queue = 1024;    ///< queued outgoing frames before closing with 1008
  /// Backpressure: while this many frames wait to be sent, no further message is read (answers to
  /// a burst go out in time instead of queueing behind it). Reading resumes at half of it; 0 = never.
  /// At most half of max_send_queue is used, so that answers alone never overflow it.
  std::size_t read_pause_queue = 64;
  /// The same in bytes: frames can be large (a web chat history of long messages is about 12 MB), so
  /// a peer that asks and does not read holds a bounded amount of memory, not 64 such frames. Reading
  /// resumes at half of it; 0 = never.
  std::size_t read_pause_bytes = 8 * 1024 * 1024;
  /// Queued outgoing bytes before closing with 1008, as max_send_queue for frames. A single frame
  /// larger than this is still sent when nothing else waits.
  std::size_t max_send_bytes = 32 * 1024 * 1024;
  /// After close() the peer has this long to answer the closing handshake (or a stuck writer to
  /// finish) before the TCP connection is torn down.
  std::chrono::milliseconds close_timeout{5000};
};

/// One WebSocket connection, server or client side. Shared ownership: the session keeps itself
/// alive while its loops run. Text frames only; a binary frame from the peer makes the session
/// close with close_code::unsupported_data (1003) — csibot's platforms speak JSON text.
///
/// Threading: each session has its own strand. send() and close() may be called from any thread;
/// they post to the strand. Callbacks run on that strand (the io thread in csibot).
class ws_session {
 public:
  /// `text` views the session's read buffer: valid during the call only, so a handler that keeps
  /// the message copies it. Not copying it first saves a heap allocation per frame; for frames
  /// above 1 KiB (Slack's envelopes) that allocation also made glibc consolidate its fast bins.
  using message_handler = std::function<void(std::string_view text)>;
  using close_handler = std::function<void(const close_info&)>;

  virtual ~ws_session() = default;

  /// Queues a text frame. One writer per socket drains the queue in order. When the queue already
  /// holds ws_limits::max_send_queue frames, or the frame would take it past max_send_bytes (a slow
  /// peer), the queue is dropped and the session closes with close_code::policy_violation. Frames sent after
  /// close() are dropped silently.
  virtual void send(std::string text) = 0;

  /// Starts the closing handshake after the frames already queued. Idempotent.
  virtual void close(std::uint16_t code, std::string reason = {}) = 0;

  /// Set before run() (for server sessions: inside the route's handler). Called once per message.
  virtual void on_message(message_handler handler) = 0;

  /// Called once when the connection is gone; both handlers are released afterwards, so they may
  /// capture the session's shared_ptr without leaking it.
  virtual void on_close(close_handler handler) = 0;

  /// The peer's IP address.
  [[nodiscard]] virtual const std::string& remote_address() const noexcept = 0;

  /// Runs the read loop and the writer until the connection ends and returns why. Call exactly
  /// once: http_server does it for server sessions; a ws_connect caller does it after installing
  /// the callbacks. Never throws for network errors.
  virtual boost::asio::awaitable<close_info> run() = 0;

 protected:
  ws_session() = default;
  ws_session(const ws_session&) = default;
  ws_session& operator=(const ws_session&) = default;
};

}  // namespace csibot::net
