#pragma once
/// An in-process fake Mattermost server for tests and load tools (PLATFORMS.md §2): REST under
/// /api/v4 (users, DMs, posts, ephemeral posts, posts?since, channel members), response_url hooks,
/// the WebSocket at /api/v4/websocket (header or challenge auth, hello, per-connection seq, ping
/// replies, resume by connection_id/sequence_number), and the server's calls into the bot (slash
/// commands, button clicks). Real wire format on 127.0.0.1:<ephemeral port>; records everything with
/// one global seq; injects faults (429, 5xx, closed connections, dropped sockets, lost events).
///
/// Threading: the server runs on its own thread(s); every public member is thread-safe. Snapshot
/// getters suit run_until() when the code under test runs on the test's io_context; wait_for_*()
/// and the webhook drivers block, and suit code under test that runs on another thread or process.
#include <memory>
#include <string_view>

#include "support/fake_mattermost/records.hpp"

namespace csibot::testing {

/// The bot's own account on the fake server.
mm_user csibot_bot_user();

struct fake_mattermost_options {
  std::string token = "mm-bot-token";  ///< the bot's access token
  // A function, not a braced aggregate: GCC 12 at -O3 sees the aggregate's nested strings in a
  // defaulted options temporary as maybe-uninitialized.
  mm_user bot = csibot_bot_user();
  std::string team_id = "teamid00000000000000000000";
  std::string server_version = "10.5.0.12345.abcdef0123.true";
  std::size_t threads = 1;
  std::chrono::milliseconds ws_ping_interval{60'000};  ///< WS ping frames from the server
};

class fake_mattermost {
 public:
  explicit fake_mattermost(fake_mattermost_options options = {});
  ~fake_mattermost();  ///< stops the server; open sockets are torn down
  fake_mattermost(const fake_mattermost&) = delete;
  fake_mattermost& operator=(const fake_mattermost&) = delete;

  [[nodiscard]] std::uint16_t port() const noexcept;
  [[nodiscard]] std::string url() const;  ///< "http://127.0.0.1:<port>": config mattermost.url
  [[nodiscard]] const fake_mattermost_options& options() const noexcept;
  /// A fresh "<url>/hooks/commands/<id>", valid for 5 uses (as Mattermost's).
  [[nodiscard]] std::string new_response_url();

  // --- Set-up ----------------------------------------------------------------------------------------
  void add_user(mm_user user);           ///< replaces a user with the same id
  void add_channel(mm_channel channel);  ///< replaces a channel with the same id
  /// The DM channel between the bot and `user_id` (created as POST /channels/direct would, the user
  /// too if unknown); returns its id. For pushing a person's direct message to the bot.
  std::string direct_channel(std::string user_id);
  /// A new 26-character id, unique within this fake.
  [[nodiscard]] std::string new_id();
  /// The next `count` calls of `endpoint` (see mm_call::endpoint) answer `f` after the token
  /// check. Adds to earlier faults (FIFO).
  void fail_next(std::string endpoint, std::size_t count, mm_fault f);
  /// X-Ratelimit-Limit/Remaining sent with every REST answer; limit 0 = no such headers (default).
  void set_rate_limit(std::uint32_t limit, std::uint32_t remaining);
  /// POST /posts/ephemeral answers 403 when false (not granted by default in Mattermost).
  void set_allow_ephemeral(bool allow);

  // --- Stored data ---------------------------------------------------------------------------------
  [[nodiscard]] std::vector<mm_call> calls(std::string_view endpoint = {}) const;
  [[nodiscard]] std::size_t call_count(std::string_view endpoint) const;
  /// Every stored post (people's and the bot's), in creation order.
  [[nodiscard]] std::vector<nlohmann::json> posts() const;
  /// Posts by `user_id`, in creation order (the bot's replies: posts_by(options().bot.id)).
  [[nodiscard]] std::vector<nlohmann::json> posts_by(std::string_view user_id) const;
  [[nodiscard]] std::optional<nlohmann::json> post(std::string_view id) const;
  [[nodiscard]] std::vector<mm_ephemeral> ephemerals() const;
  [[nodiscard]] std::vector<mm_response_post> responses() const;
  [[nodiscard]] std::optional<mm_channel> channel(std::string_view id) const;

  // --- WebSocket -----------------------------------------------------------------------------------
  /// A person posts `message` in `channel_id` (a channel unknown so far is created as type "O"):
  /// the post is stored (posts?since finds it) and a `posted` event goes to every connection.
  /// Returns the post id.
  std::string push_post(std::string user_id, std::string channel_id, std::string message,
                        std::string root_id = {});
  /// As push_post, but no event is sent: the event is lost, only REST recovery finds the post.
  std::string store_post(std::string user_id, std::string channel_id, std::string message,
                         std::string root_id = {});
  /// As store_post, for a post written `written_ago` before now and edited now (update_at and
  /// edit_at now): posts?since lists it, as Mattermost lists every post changed since.
  std::string store_edited_post(std::string user_id, std::string channel_id, std::string message,
                                std::chrono::milliseconds written_ago);
  /// Any event with the next seq: {"event":…,"data":…,"broadcast":…,"seq":n}.
  void push_event(std::string event, nlohmann::json data,
                  nlohmann::json broadcast = nlohmann::json::object());
  /// `frame` verbatim (no seq consumed) to one or every open socket.
  void send_raw(std::string frame, std::optional<std::uint64_t> socket = std::nullopt);
  /// The next `count` events consume a seq but are not sent (kept for replay on resume): the
  /// client sees a gap.
  void lose_next_events(std::size_t count);
  /// TCP reset without a close frame, for one or every open socket.
  void drop(std::optional<std::uint64_t> socket = std::nullopt);
  /// true (default): a reconnect with a known connection_id and a sequence_number still held is
  /// resumed (no hello, missed events replayed); false: always a new connection_id and hello.
  void set_resume(bool resume);
  /// false: the upgrade's Authorization header is ignored (as behind a proxy that strips it), so a
  /// socket authenticates only by challenge. Default true.
  void set_header_auth(bool accept);
  /// false: ping requests get no reply (a dead server, as far as the JS client can tell).
  void set_answer_pings(bool answer);
  /// false: posts made through REST by the bot are not echoed as `posted` events (default true,
  /// as Mattermost does).
  void set_echo_own_posts(bool echo);

  [[nodiscard]] std::vector<mm_socket_record> sockets() const;
  [[nodiscard]] std::size_t open_sockets() const;  ///< open and authenticated
  [[nodiscard]] std::vector<mm_ws_request> requests(std::string_view action = {}) const;

  // --- The server calling the bot (blocking; the bot must run on another thread) ------------------
  /// POSTs a slash command form to `<bot_base_url>/mattermost/command` with `Authorization: Token
  /// <token>`; fields not given get defaults (command "/csi", a fresh response_url, user and channel
  /// of the first person and channel added, …).
  mm_webhook_reply send_slash_command(std::string bot_base_url, mm_form fields, std::string token);
  /// What Mattermost POSTs to a button's integration url when `user_id` clicks it on `post_id`; an
  /// answer with `update` is applied to the stored post, `ephemeral_text` recorded as an ephemeral.
  mm_webhook_reply click(std::string integration_url, nlohmann::json context, std::string user_id,
                         std::string channel_id, std::string post_id);

  // --- Blocking waits ------------------------------------------------------------------------------
  bool wait_for_calls(std::string_view endpoint, std::size_t count, std::chrono::milliseconds timeout) const;
  bool wait_for_posts_by(std::string_view user_id, std::size_t count,
                         std::chrono::milliseconds timeout) const;
  bool wait_for_ephemerals(std::size_t count, std::chrono::milliseconds timeout) const;
  bool wait_for_responses(std::size_t count, std::chrono::milliseconds timeout) const;
  bool wait_for_open_sockets(std::size_t count, std::chrono::milliseconds timeout) const;
  bool wait_for_requests(std::string_view action, std::size_t count, std::chrono::milliseconds timeout) const;

  struct state;
  class server;

 private:
  std::shared_ptr<state> state_;
  std::unique_ptr<server> server_;
};

}  // namespace csibot::testing
