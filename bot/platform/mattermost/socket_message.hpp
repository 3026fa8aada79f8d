#pragma once
/// The few things the event socket reads from and writes to Mattermost's WebSocket (PLATFORMS.md
/// §2.2) for its own bookkeeping, and its reconnect timing. Pure: no sockets, no clock.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace csibot::platform::mattermost {

/// The server's read limit for client messages (SocketMaxMessageSizeKb = 8 KiB).
inline constexpr std::size_t max_client_frame = 8 * 1024;

/// What a server frame is, as far as the socket's bookkeeping cares.
struct socket_message {
  enum class kind {
    event,  ///< has "event" (and normally "seq")
    reply,  ///< has "seq_reply": the answer to one of the client's requests
    other,  ///< not JSON, not an object, or neither of the above: passed on, not counted
  };
  kind what = kind::other;
  std::string event;                ///< event name ("hello", "posted")
  std::optional<std::int64_t> seq;  ///< events: the server's sequence number, when it is an integer
  std::int64_t seq_reply = 0;       ///< replies
  std::string status;               ///< replies: "OK" or "FAIL"
  std::string error_id;             ///< FAIL replies: error.id
  std::string connection_id;        ///< hello: data.connection_id
};

/// Reads one server frame.
[[nodiscard]] socket_message parse_socket_message(std::string_view text);

/// {"seq":seq,"action":action,"data":data}; "" when that is more than max_client_frame bytes.
[[nodiscard]] std::string request_frame(std::int64_t seq, std::string_view action,
                                        const nlohmann::json& data);

/// The WebSocket URL for config mattermost.url: http→ws, https→wss, plus "/api/v4/websocket"
/// (a trailing '/' or "/api/v4" in the URL is accepted). Other schemes are left for ws_client to
/// refuse.
[[nodiscard]] std::string websocket_url(std::string server_url);

/// `url` + "?connection_id=…&sequence_number=…" when `connection_id` is not empty: the server may
/// then resume the connection and replay what it sent meanwhile.
[[nodiscard]] std::string resume_url(const std::string& url, std::string_view connection_id,
                                     std::int64_t sequence_number);

/// Reconnect timing of Mattermost's JS client (PLATFORMS.md §2.2): `base` for the first failures,
/// then base × failures² after more than `quadratic_after` consecutive ones, at most `cap`, plus a
/// random 0…`jitter` so that many clients dropped together do not return together.
struct reconnect_policy {
  std::chrono::milliseconds base{3000};
  std::chrono::milliseconds cap{300'000};
  std::chrono::milliseconds jitter{2000};
  std::uint32_t quadratic_after = 7;
};

/// The wait before the next attempt after `failures` (≥ 1) consecutive failures; `random` in [0, 1)
/// (values outside are clamped). Never negative, never above cap + jitter, no overflow.
[[nodiscard]] std::chrono::milliseconds reconnect_delay(const reconnect_policy& policy,
                                                        std::uint32_t failures, double random) noexcept;

}  // namespace csibot::platform::mattermost
