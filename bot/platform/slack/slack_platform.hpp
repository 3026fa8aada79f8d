#pragma once
/// The Slack platform adapter (PLATFORMS.md §1, SPEC §9): joins the wire formats (payloads, blocks,
/// signature) and the transport (web_api, socket_mode_client) to csibot's dispatcher and outbox.
///
/// Inbound: a Socket Mode envelope, or an HTTP request on /slack/events, /slack/commands or
/// /slack/interactivity, is decoded into a core::inbound and submitted to the dispatch queue (group
/// commit): its replies are written to the outbox in the transaction that handles the event, with the
/// slash command's or click's response_url as the row's reply_to. Redeliveries repeat the event id and
/// the dispatcher ignores them.
/// Outbound: sender() is the outbox's sender for platform "slack" (response_url, chat.postMessage,
/// chat.postEphemeral, chat.update, conversations.open), paced per channel.
///
/// Threading: everything runs on the io_context's one thread (csibot's model), like the dispatch
/// queue and the outbox it feeds.
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>

#include "bot/platform/remote_platform.hpp"
#include "bot/platform/slack/socket_mode.hpp"
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

namespace csibot::platform::slack {

/// Slack refused a token at start (auth.test said invalid_auth, …) or could not be reached. The
/// message is one line naming Slack and the error, never the token.
class start_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Tunables of the adapter; defaults suit production, tests shorten the times.
struct adapter_options {
  /// HTTP mode: larger requests get 413. A click carries the whole message it was on (PLATFORMS.md
  /// §1.6), a digest's 50 blocks of up to 3,000 characters included, URL-encoded: a few hundred KiB.
  /// The same as Socket Mode's largest frame.
  std::size_t max_body = 1024 * 1024;
  std::chrono::milliseconds post_interval{1000};  ///< chat.postMessage pacing per channel (~1/s)
  std::size_t post_burst = 3;
  /// auth.test at start: transient failures (network, 5xx, 429) are tried this often.
  int auth_attempts = 5;
  std::chrono::milliseconds auth_retry{1000};  ///< doubled after each failed attempt
  /// Socket Mode settings; api_url and app_token are taken from the config.
  socket_mode_options socket;
  /// The clock for the signature's replay window; null = the system clock.
  std::function<std::chrono::sys_seconds()> signature_clock;
};

/// For /healthz and /metrics.
struct adapter_status {
  std::string mode;        ///< "socket" or "http"
  bool connected = false;  ///< socket: a socket said hello; http: auth.test passed
  std::string bot_user_id;
  std::string team;
  socket_mode_status socket;         ///< socket mode only
  std::uint64_t received = 0;        ///< events handed to the dispatcher
  std::uint64_t ignored = 0;         ///< payloads decoded to nothing (bot messages, channels, unknown types)
  std::uint64_t refused = 0;         ///< HTTP requests answered 401 or 413
  std::uint64_t events_dropped = 0;  ///< app_rate_limited notices: minutes in which Slack discarded events
};

class slack_platform final : public remote_platform {
 public:
  using clock = std::function<core::timestamp()>;

  /// Borrows `io`, `settings`, `queue` and `db`; they must outlive this object and its coroutines.
  /// Reads the DMs a former run learned from `db` (dm_channels.hpp; throws storage::error when it
  /// cannot) and stores those it learns there.
  slack_platform(boost::asio::io_context& io, const config::slack_settings& settings,
                 runtime::dispatch_queue& queue, storage::database& db, clock now,
                 adapter_options options = {});
  /// Calls stop().
  ~slack_platform() override;

  [[nodiscard]] std::string_view name() const override { return "slack"; }
  /// auth.test with the bot token: learns the bot's user id (to ignore its own messages). Throws
  /// start_error when Slack rejects the token, or stays unreachable for every attempt.
  [[nodiscard]] boost::asio::awaitable<void> authenticate() override;
  /// Socket mode: starts the Socket Mode client (after authenticate()); `on_fatal` hears when Socket
  /// Mode gives up for good (app token refused, Socket Mode switched off). HTTP mode: nothing to do.
  void connect(fatal_handler on_fatal) override;
  /// HTTP mode: POST /slack/events, /slack/commands, /slack/interactivity. Call before server.start().
  void install_routes(net::http_server& server) override;
  /// The outbox's sender for platform "slack".
  [[nodiscard]] runtime::outbox::sender sender() override;
  /// The outbox's pacer for platform "slack": how long a row waits for its channel's chat.postMessage
  /// pace, so that it does not hold a send slot while it waits.
  [[nodiscard]] runtime::outbox::pacer pacer() override;
  /// Who people are on Slack (users.info, users.lookupByEmail, conversations.members), for the
  /// prompt sender and the pulse runner (directory.cpp). Shares this adapter's Web API client.
  [[nodiscard]] std::shared_ptr<runtime::people_directory> directory() override;
  /// Closes the sockets; events already queued are still dispatched. Idempotent.
  void stop() override;

  [[nodiscard]] adapter_status status() const;
  [[nodiscard]] bool connected() const override { return status().connected; }
  /// {"connected", "mode", "bot_user_id", "received", "ignored", "refused"} and, in Socket Mode,
  /// {"connections", "reconnects", "malformed", "fatal"}.
  [[nodiscard]] nlohmann::json health() const override;

  struct impl;

 private:
  std::shared_ptr<impl> impl_;
};

}  // namespace csibot::platform::slack
