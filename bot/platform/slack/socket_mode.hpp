#pragma once
/// Slack Socket Mode (PLATFORMS.md §1.2): apps.connections.open with the app token, a WebSocket to the
/// URL it returns, `hello`, envelopes acknowledged on receipt, `disconnect` handled by connecting a
/// replacement before dropping the old socket, and reconnects with full-jitter back-off.
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "bot/net/http_client.hpp"
#include "bot/net/ws_client.hpp"
#include "bot/platform/slack/payloads.hpp"
#include "bot/protocol/backoff.hpp"

namespace csibot::platform::slack {

/// WebSocket settings for Socket Mode: Beast pings after 5 s of silence and gives up after 10 s (Slack's
/// own client wants a pong within 5 s); frames up to 16 MiB are read, so that
/// socket_mode_options::max_frame, not a 1009 close, handles big ones.
[[nodiscard]] net::ws_client_options default_socket_mode_ws_options();

/// Settings of socket_mode_client. Defaults suit production; tests shorten the times.
struct socket_mode_options {
  std::string api_url = "https://slack.com/api/";  ///< config slack.api_url
  std::string app_token;                           ///< xapp-…, scope connections:write
  /// The bot's own user id (auth.test): its own messages, echoed back as events, are ignored.
  std::string bot_user_id;
  std::size_t connections = 1;  ///< parallel connections, 1…10 (Slack's limit)
  /// Back-off between failed attempts (full jitter): attempt n waits up to min(cap, base × 2^n).
  std::chrono::milliseconds backoff_base{1000};
  std::chrono::milliseconds backoff_cap{30'000};
  protocol::backoff::random_source random;          ///< null = protocol::backoff::system_random()
  std::chrono::milliseconds hello_timeout{10'000};  ///< a socket without `hello` by then is replaced
  std::size_t max_frame = 1024 * 1024;  ///< bigger frames are logged and skipped, the socket stays
  std::size_t dedupe_window = 4096;     ///< recent envelope ids remembered to drop redeliveries
  net::client_options http;             ///< apps.connections.open
  net::ws_client_options ws = default_socket_mode_ws_options();
  /// Where the sockets run (read, ack, write), borrowed; null = the client's own io_context. An
  /// io_context with a thread of its own acks each envelope on receipt, however busy the client's
  /// thread is with what earlier envelopes asked for (Slack's deadline is 3 s; csibot's aim, 5 ms).
  boost::asio::io_context* socket_io = nullptr;
};

/// Health of the client for /healthz and /metrics. A snapshot, safe to take from any thread.
struct socket_mode_status {
  bool running = false;          ///< start() was called and the client has not fully stopped yet
  bool connected = false;        ///< at least one socket said hello and is open
  std::size_t connections = 0;   ///< open sockets that said hello
  std::uint64_t reconnects = 0;  ///< sockets (re)established after the first one of each slot
  std::uint64_t envelopes = 0;   ///< envelopes handed to the handler
  std::uint64_t duplicates = 0;  ///< envelopes acknowledged but not handed on again (same id)
  std::uint64_t malformed = 0;   ///< frames skipped (invalid JSON, missing fields, too big)
  std::string fatal;             ///< why the client gave up ("invalid_auth", "link_disabled"); empty = not
};

/// One parsed Socket Mode frame. Pure; exposed for tests.
struct socket_frame {
  enum class kind { envelope, hello, disconnect, other, malformed };
  kind what = kind::malformed;
  std::string envelope_id;  ///< set for envelopes, and for malformed frames that still carry one
  std::string type;         ///< envelope type (events_api, slash_commands, interactive) or frame type
  int retry_attempt = 0;
  nlohmann::json payload;   ///< envelope payload (an object)
  std::string reason;       ///< disconnect reason; for malformed frames what is wrong
  int num_connections = 0;  ///< hello
};

/// Reads one text frame. A frame above `max_frame` bytes is malformed without being parsed.
[[nodiscard]] socket_frame parse_socket_frame(std::string_view text, std::size_t max_frame);

/// The acknowledgement for an envelope: {"envelope_id":"…"} (Slack accepts it without a payload).
[[nodiscard]] std::string ack_frame(std::string_view envelope_id);

/// A new envelope as the handler gets it: its payload already decoded (payloads.hpp) on the socket's
/// thread, where the frame was read. The payload's JSON tree is then built and freed by one thread,
/// and the client's thread, busy with storing and replying, gets only the event.
struct socket_envelope {
  std::string envelope_id;
  std::string type;  ///< events_api, slash_commands, interactive, or a type newer than this code
  int retry_attempt = 0;
  decoded payload;
};

/// A Socket Mode client with one or more parallel connections. Every envelope is acknowledged on
/// its socket *before* the handler runs (the 3 s deadline never depends on the handler), and an
/// envelope id seen recently on any connection is acknowledged but not handed on twice.
///
/// Threading: handlers run on the client's strand of `io`, one at a time; they must not block. start(),
/// stop() and status() may be called from any thread. Lifetime: the object may be destroyed after
/// stop(); its coroutines then finish on `io` without touching it (run `io` until status().running
/// is false to wait for that, e.g. before destroying `io`).
class socket_mode_client {
 public:
  /// Called for every new envelope (retry_attempt 0 on first delivery). Not called after stop().
  using envelope_handler = std::function<void(socket_envelope envelope)>;
  /// Called once when the client gives up: the app token is refused (invalid_auth, not_authed, …) or
  /// Socket Mode was switched off (link_disabled). The client has stopped; nothing reconnects.
  using fatal_handler = std::function<void(std::string reason)>;

  socket_mode_client(boost::asio::io_context& io, socket_mode_options options, envelope_handler on_envelope,
                     fatal_handler on_fatal);
  /// Calls stop().
  ~socket_mode_client();
  socket_mode_client(const socket_mode_client&) = delete;
  socket_mode_client& operator=(const socket_mode_client&) = delete;

  /// Starts the connections. Returns at once; progress shows in status(). Call once.
  void start();
  /// Closes every socket with 1000 and stops reconnecting; idempotent. No handler runs after this
  /// returns. An apps.connections.open or connect in flight finishes first (bounded by its timeout).
  void stop();

  [[nodiscard]] socket_mode_status status() const;

  struct impl;

 private:
  std::shared_ptr<impl> impl_;
};

}  // namespace csibot::platform::slack
