#pragma once
/// The Mattermost platform adapter (PLATFORMS.md §2, SPEC §9): joins the wire formats (events,
/// requests, render, responses) and the transport (rest_api, event_socket) to csibot's dispatcher and
/// outbox, like slack_platform does for Slack.
///
/// Inbound: a `posted` direct message from the event socket, a slash command on /mattermost/command or
/// a button click on /mattermost/actions becomes a core::inbound (platform "mattermost") submitted to
/// the dispatch queue (group commit); the replies are written to the outbox in the transaction that
/// handles the event, with the slash command's response_url as the row's reply_to. The event id is
/// the post id (trigger id for commands and clicks), so a replayed event is ignored by the dispatcher.
/// Missed events: the direct channels the bot knows, with the newest post seen in each, are kept in a
/// small table (channel_book); after a new connection id (the server lost events) and after a restart
/// their posts since then are fetched over REST and submitted again (docs/mattermost.md).
/// Outbound: sender() is the outbox's sender for platform "mattermost" (response_url, POST /posts,
/// /posts/ephemeral, PUT /posts/{id}/patch, POST /channels/direct); pacer() obeys X-Ratelimit-*.
///
/// Threading: everything runs on the io_context's one thread (csibot's model), like the dispatch queue
/// and the outbox it feeds.
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>

#include "bot/platform/mattermost/event_socket.hpp"
#include "bot/platform/remote_platform.hpp"
#include "bot/runtime/outbox.hpp"
#include "config/settings.hpp"
#include "core/time.hpp"

namespace boost::asio {
class io_context;
}
namespace csibot::net {
class http_server;
}
namespace csibot::storage {
class database;
}
namespace csibot::runtime {
class dispatch_queue;
class people_directory;
}  // namespace csibot::runtime

namespace csibot::platform::mattermost {

/// Mattermost refused the bot token at start (users/me answered 401), or could not be reached. The
/// message is one line naming Mattermost and the error, never the token.
class start_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Tunables of the adapter; defaults suit production, tests shorten the times.
struct adapter_options {
  /// Webhooks: larger requests get 413. A command may hold 16,383 runes, which the form sends as up to
  /// 12 bytes each (4 UTF-8 bytes, each as %XX): 192 KiB, plus the other fields. Below that a long
  /// command in Chinese would be refused instead of reaching the 4,000-character cut (SPEC §12).
  std::size_t max_body = 256 * 1024;
  /// users/me at start: transient failures (network, 5xx, 429) are tried this often.
  int auth_attempts = 5;
  std::chrono::milliseconds auth_retry{1000};  ///< doubled after each failed attempt
  /// Recovery never reaches further back than this: the dispatcher forgets event ids after 24 h, so an
  /// older post could be answered twice.
  std::chrono::milliseconds recovery_window{std::chrono::hours{23}};
  /// Taken off a channel's newest post before asking for posts since then: a person's post created
  /// just before the bot's own (still in flight on the socket) must not fall behind the mark.
  std::chrono::milliseconds recovery_margin{std::chrono::minutes{1}};
  /// The channel book is written at most this often (one deferred transaction for all changes).
  std::chrono::milliseconds book_flush_interval{2000};
  /// Event socket settings; server_url and token are taken from the config.
  event_socket_options socket;
};

/// For /healthz and /metrics.
struct adapter_status {
  bool connected = false;  ///< the event socket is open and authenticated
  std::string bot_user_id;
  std::string bot_username;
  event_socket_status socket;
  std::uint64_t received = 0;    ///< events handed to the dispatcher (socket, webhooks, recovery)
  std::uint64_t ignored = 0;     ///< decoded to nothing (the bot's own posts, channels, other events)
  std::uint64_t malformed = 0;   ///< socket frames that could not be read (skipped)
  std::uint64_t refused = 0;     ///< webhook requests answered 401, 403 or 413
  std::uint64_t recoveries = 0;  ///< recovery passes run (after a restart or a lost connection)
  std::uint64_t recovered = 0;   ///< posts recovery submitted that were new to the dispatcher
  std::size_t dm_channels = 0;   ///< direct channels in the channel book
};

class mattermost_platform final : public remote_platform {
 public:
  using clock = std::function<core::timestamp()>;

  /// Borrows `io`, `settings`, `queue` and `db` (the dispatcher's database, for the channel book); they
  /// must outlive this object and its coroutines. `public_url` is bot.public_url: buttons call back
  /// at `{public_url}/mattermost/actions`. Throws storage::error if the channel book cannot be read.
  mattermost_platform(boost::asio::io_context& io, const config::mattermost_settings& settings,
                      std::string public_url, runtime::dispatch_queue& queue, storage::database& db,
                      clock now, adapter_options options = {});
  /// Calls stop().
  ~mattermost_platform() override;

  [[nodiscard]] std::string_view name() const override { return "mattermost"; }
  /// users/me with the bot token: learns the bot's user id (to ignore its own posts and to open DMs).
  /// Throws start_error when Mattermost rejects the token, or stays unreachable for every attempt.
  [[nodiscard]] boost::asio::awaitable<void> authenticate() override;
  /// Starts the event socket (after authenticate()); `on_fatal` hears when it gives up for good (the
  /// token was refused).
  void connect(fatal_handler on_fatal) override;
  /// POST /mattermost/command and /mattermost/actions. Call before server.start().
  void install_routes(net::http_server& server) override;
  /// Where buttons call back, when it is known only after the server bound its port (listen ":0").
  void set_public_url(std::string public_url) override;
  /// The outbox's sender for platform "mattermost".
  [[nodiscard]] runtime::outbox::sender sender() override;
  /// The outbox's pacer for platform "mattermost": the wait while the server's rate-limit window is
  /// used up (X-Ratelimit-Remaining 0, or after a 429).
  [[nodiscard]] runtime::outbox::pacer pacer() override;
  /// Who people are on Mattermost (users/{id}, users/email/{email}, channels/{id}/members), for the
  /// prompt sender and the pulse runner (directory.cpp). Shares this adapter's REST client.
  [[nodiscard]] std::shared_ptr<runtime::people_directory> directory() override;
  /// Closes the socket and writes the channel book; events already queued are still dispatched.
  /// Idempotent.
  void stop() override;

  [[nodiscard]] adapter_status status() const;
  [[nodiscard]] bool connected() const override { return status().connected; }
  /// {"connected", "bot_user_id", "connection_id", "reconnects", "received", …}.
  [[nodiscard]] nlohmann::json health() const override;

  struct impl;

 private:
  std::shared_ptr<impl> impl_;
};

}  // namespace csibot::platform::mattermost
