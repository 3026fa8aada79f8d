#pragma once
/// What fake_mattermost is configured with and what it records. Plain values, no Asio.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace csibot::testing {

/// A person (or bot) the fake knows: users/{id}, users/email/{email}, DMs, posts.
struct mm_user {
  std::string id;  ///< 26 characters, like Mattermost's
  std::string username;
  std::string email;
  std::string locale = "en";
  std::string timezone = "UTC";  ///< IANA; sent as automaticTimezone with useAutomaticTimezone "true"
  bool is_bot = false;
};

/// A channel the fake knows; members in the order channels/{id}/members pages them.
struct mm_channel {
  std::string id;
  std::string type = "O";  ///< O public, P private, D direct, G group
  std::string name;        ///< D: "<a>__<b>" (sorted ids)
  std::string display_name;
  std::string team_id;  ///< "" for D and G
  /// Posting takes membership, except in a public channel ("O"), where Mattermost lets any account of
  /// the team post (create_post_public): POST /posts elsewhere answers 403 to a bot that is no member.
  std::vector<std::string> members;
  std::int64_t delete_at = 0;  ///< ms; not 0: archived, and POST /posts into it answers 400
};

/// What the next calls of an endpoint answer instead of the normal response.
struct mm_fault {
  enum class kind { rate_limited, http_error, close_connection, pass };
  kind what = kind::http_error;
  std::chrono::seconds reset{1};  ///< rate_limited: X-Ratelimit-Reset (and Retry-After)
  unsigned status = 500;          ///< http_error

  static mm_fault rate_limited(std::chrono::seconds reset) { return {kind::rate_limited, reset, 429}; }
  static mm_fault http(unsigned status = 500) { return {kind::http_error, std::chrono::seconds{0}, status}; }
  /// The connection is closed after the request is read, without any response.
  static mm_fault close() { return {kind::close_connection, std::chrono::seconds{0}, 0}; }
  /// The normal answer: queued ahead of a fault, it lets a call through first (a failure of the 2nd
  /// post of a message: fail_next(e, 1, pass()), then fail_next(e, 1, http(500))).
  static mm_fault pass() { return {kind::pass, std::chrono::seconds{0}, 0}; }
};

/// One HTTP request to the fake (REST under /api/v4 or a response_url under /hooks/commands/).
struct mm_call {
  std::uint64_t seq = 0;
  /// "users.me", "users.get", "users.email", "channels.direct", "channels.posts", "channels.members",
  /// "posts.create", "posts.patch", "posts.ephemeral", "hooks.command", or "unknown".
  std::string endpoint;
  std::string method;
  std::string path;  ///< without the query
  std::string query;
  std::string authorization;  ///< as sent, or ""
  std::string content_type;
  nlohmann::json body;   ///< parsed JSON; null when empty or not JSON
  unsigned status = 0;   ///< answered; 0 when the connection was closed instead
  std::string error_id;  ///< Mattermost error id answered, "" when ok
};

/// An ephemeral post (POST /posts/ephemeral or a click's ephemeral_text).
struct mm_ephemeral {
  std::uint64_t seq = 0;
  std::string user_id;
  std::string channel_id;
  nlohmann::json post;
};

/// One POST to a response_url.
struct mm_response_post {
  std::uint64_t seq = 0;
  std::string hook_id;
  nlohmann::json body;  ///< null when not JSON (see raw)
  std::string raw;
  std::string authorization;  ///< should stay empty: the URL is the credential
  /// The channel of the slash command the URL was sent with (send_slash_command), where Mattermost
  /// shows an "in_channel" response to everyone; "" for a URL from new_response_url().
  std::string channel_id;
};

/// One WebSocket, open or gone.
struct mm_socket_record {
  std::uint64_t id = 0;  ///< 1, 2, … in upgrade order
  std::uint64_t opened_seq = 0;
  std::uint64_t closed_seq = 0;  ///< 0 while open
  bool open = false;
  bool dropped = false;                        ///< torn down by the fake without a close frame
  std::string auth;                            ///< "header", "challenge", or "" (never authenticated)
  bool refused = false;                        ///< closed by the fake for a bad token
  std::string connection_id;                   ///< the logical connection it served
  bool resumed = false;                        ///< took over connection_id without a hello
  std::string asked_connection_id;             ///< ?connection_id= of the upgrade
  std::optional<std::int64_t> asked_sequence;  ///< ?sequence_number= of the upgrade
  std::uint16_t close_code = 0;                ///< the client's close code
  std::size_t frames_received = 0;
};

/// One request frame from a client socket.
struct mm_ws_request {
  std::uint64_t seq = 0;
  std::uint64_t socket = 0;
  std::int64_t client_seq = 0;
  std::string action;
  nlohmann::json data;
  std::size_t size = 0;  ///< bytes on the wire
};

/// The answer of the bot to a request the fake sent it (slash command, button click).
struct mm_webhook_reply {
  unsigned status = 0;  ///< 0 = no HTTP answer (see error)
  std::string content_type;
  std::string body;
  std::string error;
};

/// Form fields, repeated keys allowed (user_mentions, …).
using mm_form = std::vector<std::pair<std::string, std::string>>;

}  // namespace csibot::testing
