#pragma once
/// An in-process fake of Slack for tests and load tools (PLATFORMS.md §5): the Web API under /api/,
/// apps.connections.open handing out single-use ws:// tickets, the Socket Mode WebSocket (hello,
/// envelopes, acks, disconnect, abrupt drops, redelivery), and response_url endpoints. It speaks the
/// real wire format on 127.0.0.1:<ephemeral port>, records everything, and injects faults.
///
/// Threading: the server runs on its own thread(s) and io_context; every public member is
/// thread-safe. Snapshot getters (calls(), acks(), …) suit run_until() predicates when the code under
/// test runs on the test's io_context; the blocking wait_for_*() helpers suit code that runs
/// elsewhere (another thread, a child process) — they would starve an io_context run by the same
/// thread. Every record carries a `seq` from one counter, so tests can assert what came first.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace csibot::testing {

struct fake_slack_options {
  std::string bot_token = "xoxb-fake";  ///< accepted by every Web API method except apps.connections.open
  std::string app_token = "xapp-fake";  ///< accepted by apps.connections.open only
  std::string team_id = "T0001";
  std::string team = "Fake";
  std::string bot_user_id = "UBOT";
  std::string bot_id = "B0001";
  std::string app_id = "A0001";
  std::size_t threads = 1;  ///< server threads; a load tool may want 2
  /// false: the records of response_url POSTs, Web API calls and posted messages keep no bodies
  /// (response_post::body and raw and api_call::args are empty, messages() holds nulls), only what
  /// came when. For a load tool, which counts records: parsing and copying every body costs the fake
  /// CPU that it takes from the same cores as the bot's.
  bool record_bodies = true;
};

/// What a Web API call (or a fault) should answer instead of the normal response.
struct fault {
  enum class kind { rate_limited, http_error, slack_error, pass };
  kind what = kind::slack_error;
  std::chrono::seconds retry_after{0};  ///< rate_limited: the Retry-After header
  unsigned status = 500;                ///< http_error
  std::string error;                    ///< slack_error: {"ok":false,"error":…} with HTTP 200

  static fault rate_limited(std::chrono::seconds retry_after) {
    return {kind::rate_limited, retry_after, 429, {}};
  }
  static fault http(unsigned status = 500) { return {kind::http_error, {}, status, {}}; }
  static fault slack(std::string error) { return {kind::slack_error, {}, 200, std::move(error)}; }
  /// The normal answer: queued ahead of a fault, it lets a call through first (a failure of the 2nd
  /// part of a message: fail_next(m, 1, pass()), then fail_next(m, 1, http(500))).
  static fault pass() { return {kind::pass, {}, 200, {}}; }
};

/// One request to /api/<method>.
struct api_call {
  std::uint64_t seq = 0;
  std::string method;         ///< "chat.postMessage"
  nlohmann::json args;        ///< the JSON body, or the form fields as strings
  std::string authorization;  ///< the Authorization header as sent ("Bearer xoxb-…"), or ""
  std::string content_type;
  unsigned status = 0;  ///< HTTP status answered
  std::string error;    ///< the "error" answered, "" when ok
};

/// One POST to a response_url (/respond/<id>).
struct response_post {
  std::uint64_t seq = 0;
  std::string id;
  nlohmann::json body;  ///< parsed JSON; null when the body was not JSON (see raw)
  std::string raw;
  std::string authorization;                 ///< must stay empty: the URL is the credential
  std::chrono::steady_clock::time_point at;  ///< when the fake read it
  /// The channel of the command the URL was issued for (push_slash_command), where Slack shows an
  /// "in_channel" response to everyone; "" for a URL from new_response_url() without a channel.
  std::string channel;
};

/// What chat.postMessage to a channel meets (PLATFORMS.md §1.7): a channel not named otherwise is
/// one csibot may post in.
enum class channel_access {
  member,      ///< posts are taken
  not_member,  ///< a public channel the bot has not joined: not_in_channel
  hidden,      ///< a private channel (or other people's DM) the bot cannot see: channel_not_found
  archived,    ///< is_archived
};

/// One acknowledgement frame from the client.
struct ack_record {
  std::uint64_t seq = 0;
  std::string envelope_id;
  std::uint64_t connection = 0;
  nlohmann::json payload;  ///< null when the ack had none
  std::chrono::steady_clock::time_point at;
  /// When the fake wrote the envelope this ack answers to the socket (its latest write, for a
  /// redelivered one); the epoch for an unknown envelope id. `at - envelope_written` is the ack's
  /// latency as Slack sees it, without the time the frame waited in the fake's own queue.
  std::chrono::steady_clock::time_point envelope_written{};
};

/// One Socket Mode WebSocket, open or gone.
struct ws_connection_record {
  std::uint64_t id = 0;  ///< 1, 2, … in upgrade order
  std::string ticket;    ///< from the apps.connections.open that issued its URL
  std::uint64_t opened_seq = 0;
  std::uint64_t closed_seq = 0;  ///< 0 while open
  bool open = false;
  bool dropped = false;          ///< the fake tore it down without a close frame
  std::uint16_t close_code = 0;  ///< the client's close code when it closed the socket
  std::size_t frames_received = 0;
};

class fake_slack {
 public:
  explicit fake_slack(fake_slack_options options = {});
  /// Stops the server; open sockets are torn down (clients see a reset).
  ~fake_slack();
  fake_slack(const fake_slack&) = delete;
  fake_slack& operator=(const fake_slack&) = delete;

  [[nodiscard]] std::uint16_t port() const noexcept;
  /// "http://127.0.0.1:<port>/api/": config slack.api_url.
  [[nodiscard]] std::string api_url() const;
  /// A fresh "http://127.0.0.1:<port>/respond/<n>", issued for a command in `channel` (see
  /// response_post::channel).
  [[nodiscard]] std::string new_response_url(std::string channel = {});
  [[nodiscard]] const fake_slack_options& options() const noexcept;

  // --- Web API -----------------------------------------------------------------------------------
  /// The next `count` calls of `method` ("chat.postMessage", "apps.connections.open", or "respond"
  /// for response_url POSTs) answer `f` after the token check. Adds to earlier faults (FIFO).
  void fail_next(std::string method, std::size_t count, fault f);
  /// users.info for `user` answers these instead of the defaults ("en-US", "UTC", 0).
  void set_user(std::string user, std::string locale, std::string tz, int tz_offset_seconds = 0);
  /// users.lookupByEmail finds `user` for `email` (compared in lower case); others: users_not_found.
  void set_email(std::string email, std::string user);
  /// conversations.members of `channel` lists `members` (paged by `limit` with a cursor); other
  /// channels answer channel_not_found.
  void set_members(std::string channel, std::vector<std::string> members);
  /// chat.postMessage to `channel` answers as `access` says (the error with HTTP 200, nothing posted).
  void set_channel_access(std::string channel, channel_access access);
  /// Every call, or only those of `method`.
  [[nodiscard]] std::vector<api_call> calls(std::string_view method = {}) const;
  [[nodiscard]] std::size_t call_count(std::string_view method) const;
  /// chat.postMessage arguments that were answered ok, in order.
  [[nodiscard]] std::vector<nlohmann::json> messages() const;
  /// The ts each of messages() was given, in the same order (a click on a message names it).
  [[nodiscard]] std::vector<std::string> message_ts() const;
  [[nodiscard]] std::vector<response_post> responses() const;
  [[nodiscard]] std::size_t response_count() const;

  // --- Socket Mode -------------------------------------------------------------------------------
  /// Sends an envelope on an open connection (round robin over those not told to disconnect) and
  /// returns its envelope_id; without an open connection it is queued for the next one's hello.
  /// `connection` pins it to one socket (ignored when that socket is not open).
  std::string push_envelope(std::string type, nlohmann::json payload,
                            std::optional<std::uint64_t> connection = std::nullopt);
  /// The same with the payload as JSON text, put into the frame as it is (the load tool's way:
  /// no tree to build and dump per envelope).
  std::string push_envelope_text(std::string type, std::string payload,
                                 std::optional<std::uint64_t> connection = std::nullopt);
  /// A slash_commands envelope as Slack sends it, with a fresh response_url of this fake for `channel`.
  std::string push_slash_command(std::string command, std::string text, std::string user = "U0001",
                                 std::string channel = "C0001");
  /// Sends an envelope again with retry_attempt + 1 (as after a missed ack), preferring a connection
  /// other than the one it went to last. False when the id is unknown or no socket is open.
  bool redeliver(const std::string& envelope_id, std::optional<std::uint64_t> connection = std::nullopt);
  /// Sends `frame` verbatim (garbage, odd shapes) to one or to every open socket.
  void send_raw(std::string frame, std::optional<std::uint64_t> connection = std::nullopt);
  /// {"type":"disconnect","reason":…} to one or to every open socket; the socket stays open (the
  /// client is expected to replace and close it).
  void disconnect(std::string reason, std::optional<std::uint64_t> connection = std::nullopt);
  /// Tears sockets down without a close frame (TCP reset), like a network failure.
  void drop(std::optional<std::uint64_t> connection = std::nullopt);

  [[nodiscard]] std::vector<ws_connection_record> connections() const;
  [[nodiscard]] std::size_t open_connections() const;
  /// Every ack, or those for one envelope.
  [[nodiscard]] std::vector<ack_record> acks(std::string_view envelope_id = {}) const;
  [[nodiscard]] std::size_t ack_count(std::string_view envelope_id) const;

  // --- Blocking waits (for code under test that runs on another thread) -------------------------
  bool wait_for_messages(std::size_t count, std::chrono::milliseconds timeout) const;
  bool wait_for_responses(std::size_t count, std::chrono::milliseconds timeout) const;
  bool wait_for_calls(std::string_view method, std::size_t count, std::chrono::milliseconds timeout) const;
  bool wait_for_ack(std::string_view envelope_id, std::chrono::milliseconds timeout) const;
  bool wait_for_open_connections(std::size_t count, std::chrono::milliseconds timeout) const;

  struct state;
  class server;

 private:
  std::shared_ptr<state> state_;
  std::unique_ptr<server> server_;
};

}  // namespace csibot::testing
