#pragma once
/// The Mattermost REST API v4 as csibot uses it (PLATFORMS.md §2.1, §2.3): JSON bodies, the token in
/// `Authorization: Bearer …`, one uniform result type. The client never sleeps or retries: its
/// caller (the durable outbox) owns retry policy, using rest_result::outcome and retry_after.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bot/net/http_client.hpp"
#include "bot/platform/mattermost/rest_result.hpp"

namespace csibot::platform::mattermost {

/// users/me, users/{id}, users/email/{email}: what csibot needs about a person. Empty unless ok.
struct user_result : rest_result {
  std::string id;
  std::string username;
  std::string email;
  std::string locale;    ///< e.g. "en", "de"
  std::string timezone;  ///< IANA name in effect (automatic or manual, as the user chose); may be ""
  bool is_bot = false;
};

/// channels/direct: the DM channel's id (empty unless ok).
struct channel_result : rest_result {
  std::string channel_id;
};

/// posts, posts/{id}/patch, posts/ephemeral: where the post is. Empty unless ok.
struct post_result : rest_result {
  std::string post_id;
  std::string channel_id;
  std::int64_t create_at = 0;  ///< ms since the epoch
};

/// channels/{id}/posts?since=: the posts created or changed after `since`, oldest first (by
/// create_at). Edited and deleted posts are included, as Mattermost returns them (delete_at > 0).
struct posts_result : rest_result {
  std::vector<nlohmann::json> posts;  ///< Post objects as Mattermost sent them
};

/// channels/{id}/members: one page of user ids.
struct members_result : rest_result {
  std::vector<std::string> user_ids;
  bool more = false;  ///< the page was full: ask for the next one
};

/// A Mattermost REST client for one token over a keep-alive net::http_client. Coroutines; several
/// calls may run at once. Failures are values, never exceptions, and each failure is logged once
/// here (warn) with describe(): callers need not log them again. Threading: calls may run on any
/// executor of `io`; the DM cache and the rate-limit window are guarded by a mutex. The object must
/// outlive the calls it started.
class rest_api {
 public:
  /// `server_url` is config `mattermost.url` ("https://chat.example.com"; a trailing '/' or
  /// "/api/v4" is accepted); `token` is the bot's access token.
  rest_api(boost::asio::io_context& io, std::string server_url, std::string token,
           net::client_options options = {});
  ~rest_api();
  rest_api(const rest_api&) = delete;
  rest_api& operator=(const rest_api&) = delete;

  /// `<server>/api/v4`, without a trailing '/'.
  [[nodiscard]] const std::string& base_url() const noexcept;

  /// Any call: `method` ("GET", …) on `<base_url><path>` ("/users/me"), JSON `body` unless null.
  /// `name` names the call in logs instead of the path (paths may hold e-mail addresses).
  [[nodiscard]] boost::asio::awaitable<rest_result> call(std::string method, std::string path,
                                                         nlohmann::json body, std::string name);

  [[nodiscard]] boost::asio::awaitable<user_result> users_me();
  [[nodiscard]] boost::asio::awaitable<user_result> user(std::string user_id);
  [[nodiscard]] boost::asio::awaitable<user_result> user_by_email(std::string email);
  /// POST /channels/direct ["<bot>","<user>"]. A successful answer is cached per pair for the life
  /// of this object (a DM channel id never changes), so only the first call goes to Mattermost.
  [[nodiscard]] boost::asio::awaitable<channel_result> direct_channel(std::string bot_id,
                                                                      std::string user_id);
  /// POST /posts; `body` holds channel_id, message, root_id, props as Mattermost expects them.
  [[nodiscard]] boost::asio::awaitable<post_result> create_post(nlohmann::json body);
  /// PUT /posts/{id}/patch with message and/or props.
  [[nodiscard]] boost::asio::awaitable<post_result> patch_post(std::string post_id, nlohmann::json body);
  /// POST /posts/ephemeral {"user_id":…,"post":post}: shown to that user only.
  [[nodiscard]] boost::asio::awaitable<post_result> ephemeral_post(std::string user_id, nlohmann::json post);
  /// GET /channels/{id}/posts?since=<ms>: missed-event recovery after a resync.
  [[nodiscard]] boost::asio::awaitable<posts_result> posts_since(std::string channel_id,
                                                                 std::int64_t since_ms);
  /// GET /channels/{id}/members?page=&per_page= (per_page clamped to 1…200, Mattermost's maximum).
  [[nodiscard]] boost::asio::awaitable<members_result> channel_members(std::string channel_id, unsigned page,
                                                                       unsigned per_page = 200);
  /// POSTs a CommandResponse to a slash command's response_url: no token (the URL is the
  /// credential, and it is never logged).
  [[nodiscard]] boost::asio::awaitable<rest_result> post_to_response_url(std::string url,
                                                                         nlohmann::json body);

  /// The X-Ratelimit-* headers of the most recent response that had them; nullopt before that (or
  /// when the server has rate limiting off). A caller can pace itself on `remaining`.
  [[nodiscard]] std::optional<rate_window> last_rate_window() const;

  struct state;

 private:
  std::shared_ptr<state> state_;
};

}  // namespace csibot::platform::mattermost
