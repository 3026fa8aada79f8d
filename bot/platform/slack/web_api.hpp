#pragma once
/// The Slack Web API as csibot uses it (PLATFORMS.md §1.7): JSON bodies, the token in
/// `Authorization: Bearer …`, one uniform result type (api_result.hpp). The client never sleeps or
/// retries: its caller (the durable outbox) owns retry policy, using api_result::outcome and
/// retry_after.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bot/net/http_client.hpp"
#include "bot/platform/slack/api_result.hpp"

namespace csibot::platform::slack {

/// The one HTTP operation web_api needs. The default sends over net::http_client and its keep-alive
/// pool; another transport can take its place without touching web_api or its callers.
class http_transport {
 public:
  virtual ~http_transport() = default;
  /// POSTs `body` to `url`; never throws for network errors (they come back in http_result).
  virtual boost::asio::awaitable<net::http_result> post(std::string url, net::header_map headers,
                                                        std::string body) = 0;

 protected:
  http_transport() = default;
  http_transport(const http_transport&) = default;
  http_transport& operator=(const http_transport&) = default;
};

/// The default transport: net::http_client, connections kept alive and reused per host.
[[nodiscard]] std::shared_ptr<http_transport> make_http_client_transport(boost::asio::io_context& io,
                                                                         net::client_options options = {});

/// A Slack Web API client for one token. Coroutines; several calls may run at once. Failures are
/// values (api_result), never exceptions, and each failure is logged once here (warn) with
/// describe(): callers need not log them again. Threading: calls may run on any executor of `io`;
/// the DM cache is guarded by a mutex. The object must outlive the calls it started.
class web_api {
 public:
  /// `api_url` is config `slack.api_url` ("https://slack.com/api/", a trailing '/' is added when
  /// missing); `token` is the bot token (xoxb-…) or, for apps.connections.open, the app token.
  /// `transport` null = make_http_client_transport(io).
  web_api(boost::asio::io_context& io, std::string api_url, std::string token,
          std::shared_ptr<http_transport> transport = nullptr);
  ~web_api();
  web_api(const web_api&) = delete;
  web_api& operator=(const web_api&) = delete;

  /// POSTs `args` (a JSON object) to `<api_url><method>`.
  [[nodiscard]] boost::asio::awaitable<api_result> call(std::string method, nlohmann::json args);
  /// POSTs `body`, a JSON object already written as text (blocks.hpp), to `<api_url><method>`.
  [[nodiscard]] boost::asio::awaitable<api_result> call_raw(std::string method, std::string body);

  [[nodiscard]] boost::asio::awaitable<auth_info> auth_test();
  /// chat.postMessage; `body` holds channel, text, blocks, thread_ts, … as Slack expects them.
  [[nodiscard]] boost::asio::awaitable<message_result> post_message(nlohmann::json body);
  /// chat.postEphemeral (channel, user, text, blocks).
  [[nodiscard]] boost::asio::awaitable<message_result> post_ephemeral(nlohmann::json body);
  /// chat.update (channel, ts, text, blocks).
  [[nodiscard]] boost::asio::awaitable<message_result> update(nlohmann::json body);
  /// conversations.open users=<user>; a successful answer is cached per user for the life of this
  /// object (a DM channel id never changes), with those remember_dm() was given, so only the first
  /// call per user goes to Slack.
  [[nodiscard]] boost::asio::awaitable<dm_result> open_dm(std::string user);
  /// The DM channel open_dm() already learned for `user`, or "" (no call to Slack).
  [[nodiscard]] std::string cached_dm(const std::string& user) const;
  /// Learns `channel` as the bot's DM with `user` without asking Slack (a message.im event came
  /// from it, or the adapter stored it before a restart), unless one is known already.
  void remember_dm(const std::string& user, const std::string& channel);
  /// Called with each DM learned after this call (by open_dm() or remember_dm()), once per user, on
  /// the thread that learned it: the adapter stores them (dm_channels.hpp).
  void on_dm_learned(std::function<void(const std::string& user, const std::string& channel)> listener);
  /// users.info with include_locale (form-encoded, like the other read methods below).
  [[nodiscard]] boost::asio::awaitable<user_result> user_info(std::string user);
  /// users.lookupByEmail (Tier 3). Slack answers users_not_found (fatal) for an unknown address.
  /// Sent form-encoded: Slack's read methods do not take JSON bodies.
  [[nodiscard]] boost::asio::awaitable<user_result> lookup_by_email(std::string email);
  /// One page of conversations.members (Tier 4): `cursor` "" for the first; `limit` ≤ 1000 (Slack
  /// recommends ≤ 200). Form-encoded like lookup_by_email.
  [[nodiscard]] boost::asio::awaitable<members_page> conversation_members(std::string channel,
                                                                          std::string cursor,
                                                                          int limit = 200);
  /// POSTs `args` form-encoded (application/x-www-form-urlencoded) to `<api_url><method>`.
  [[nodiscard]] boost::asio::awaitable<api_result> call_form(
      std::string method, std::vector<std::pair<std::string, std::string>> args);
  /// POSTs `body` to a response_url from a slash command or interaction payload: no token (the URL
  /// is the credential, and it is never logged).
  [[nodiscard]] boost::asio::awaitable<api_result> respond(std::string response_url, nlohmann::json body);
  /// respond() with `body` already written as JSON text (blocks.hpp).
  [[nodiscard]] boost::asio::awaitable<api_result> respond_raw(std::string response_url, std::string body);

  struct state;

 private:
  std::shared_ptr<state> state_;
};

}  // namespace csibot::platform::slack
