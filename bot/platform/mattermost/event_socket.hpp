#pragma once
/// The Mattermost WebSocket event client (PLATFORMS.md §2.2): connects to `/api/v4/websocket` with
/// the token on the upgrade *and* in an authentication_challenge, learns the connection_id from
/// `hello`, checks that the server's `seq` has no gap, pings at application level, and reconnects
/// with the JS client's back-off, asking the server to resume (connection_id, sequence_number).
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
#include "bot/platform/mattermost/socket_message.hpp"

namespace csibot::platform::mattermost {

/// WebSocket settings for the event socket: frames up to 1 MiB (a 16,383-character post, JSON
/// inside JSON, can pass the default 64 KiB, and a 1009 close would only fetch it again).
[[nodiscard]] net::ws_client_options default_event_socket_ws_options();

/// Settings of event_socket. Defaults are the JS client's; tests shorten the times.
struct event_socket_options {
  std::string server_url;  ///< config mattermost.url: http(s)://host[:port][/prefix]
  std::string token;       ///< the bot's access token
  /// Application-level ping period; a ping still unanswered when the next one is due means a dead
  /// connection (closed with 4000 and reconnected), as the JS client does.
  std::chrono::milliseconds ping_interval{30'000};
  /// A socket that shows no sign of life (hello, a reply, an event) this long after opening is
  /// closed; with a refused token the server closes it sooner.
  std::chrono::milliseconds hello_timeout{10'000};
  reconnect_policy reconnect;      ///< back-off between attempts
  std::function<double()> random;  ///< jitter source in [0, 1); null = a seeded std::mt19937_64
  net::client_options http;        ///< users/me, asked when the socket is refused (is it the token?)
  net::ws_client_options ws = default_event_socket_ws_options();
};

/// Health of the client for /healthz and /metrics. A snapshot, safe to take from any thread.
struct event_socket_status {
  bool running = false;            ///< start() was called and the client has not fully stopped yet
  bool connected = false;          ///< the open socket is authenticated (hello, reply or event seen)
  std::string connection_id;       ///< from the last hello
  std::uint64_t reconnects = 0;    ///< connections established after the first one
  std::uint64_t events = 0;        ///< frames handed to on_event
  std::uint64_t gaps = 0;          ///< sequence gaps seen (each forces a reconnect)
  std::uint64_t resyncs = 0;       ///< new connection ids after a reconnect (on_resync calls)
  std::uint64_t missed_pongs = 0;  ///< pings without reply (each forces a reconnect)
  std::string last_error;          ///< why the last connection ended or failed; "" = never
  std::string fatal;               ///< why the client gave up (token refused); "" = it did not
};

/// Callbacks of event_socket. All run on the client's strand, one at a time, and must not block.
struct event_socket_handlers {
  /// Every server event frame, verbatim, in seq order: hello, posted, … Also frames that are not
  /// JSON or lack fields: the decoder (the wire library) judges them; the socket stays open.
  /// Replies to the client's own requests (seq_reply) are consumed here and not passed on.
  std::function<void(std::string_view frame)> on_event;
  /// A reconnect came back with a different connection_id: the server did not keep the events
  /// sent meanwhile. Fetch what was missed through REST (rest_api::posts_since).
  std::function<void()> on_resync;
  /// The token was refused (the server closed the socket during authentication and users/me
  /// answered 401). The client has stopped; nothing reconnects.
  std::function<void(std::string reason)> on_fatal;
};

/// The event client. Threading: everything runs on one strand of `io`; start(), stop(), send() and
/// status() may be called from any thread. Lifetime: the object may be destroyed after stop(); its
/// coroutines then finish on `io` without touching it (run `io` until status().running is false
/// to wait for that, e.g. before destroying `io`).
class event_socket {
 public:
  event_socket(boost::asio::io_context& io, event_socket_options options, event_socket_handlers handlers);
  /// Calls stop().
  ~event_socket();
  event_socket(const event_socket&) = delete;
  event_socket& operator=(const event_socket&) = delete;

  /// Starts connecting. Returns at once; progress shows in status(). Call once.
  void start();
  /// Closes the socket with 1000 and stops reconnecting; idempotent. No handler runs after this
  /// returns. A connect in flight finishes first (bounded by its timeout).
  void stop();
  /// Sends a request {"seq":n,"action":…,"data":…} (user_typing, …) on the open socket. False when
  /// no authenticated socket is open or the frame would exceed the server's 8 KiB read limit.
  bool send(std::string action, nlohmann::json data);

  [[nodiscard]] event_socket_status status() const;

  struct impl;

 private:
  std::shared_ptr<impl> impl_;
};

}  // namespace csibot::platform::mattermost
