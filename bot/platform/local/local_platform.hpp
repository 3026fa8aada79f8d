#pragma once
/// The built-in local platform (SPEC §9): a web chat served by csibot itself, so that anyone can use
/// the bot without a chat account. The browser speaks the JSON protocol of docs/local-chat.md over
/// the WebSocket at /local/ws; channels and messages persist in SQLite so a reload shows history.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "bot/platform/local/codec.hpp"
#include "core/events.hpp"
#include "core/time.hpp"

namespace csibot::commands {
class dispatcher;
}
namespace csibot::config {
struct settings;
}
namespace csibot::net {
class ws_session;
class http_server;
}  // namespace csibot::net
namespace csibot::storage {
class database;
}
namespace csibot::runtime {
class people_directory;
}

namespace csibot::platform::local {

/// Per-session limits. Defaults suit people typing; tests shorten them.
struct options {
  std::size_t burst = 20;              ///< frames a session may send at once
  std::size_t frames_per_second = 20;  ///< sustained rate; frames above it get "rate_limited"
  std::size_t history = 200;           ///< messages per channel in a history frame
};

/// The adapter between browser sessions and commands::dispatcher. Turns client frames into
/// core::inbound, persists every shown message, and routes core::outbound: `direct` → the user's DM
/// channel "dm:<user>"; `channel` → everyone; `ephemeral` → only that user's sessions (stored for that
/// user only, so their own history shows it); `update` → replaces a stored body and broadcasts it.
///
/// Threading: not thread-safe. attach(), deliver() and every session callback must run on one
/// thread (csibot runs its io_context on one thread; post deliver() there). Lifetime: `db`,
/// `dispatcher` and `settings` must outlive this object; sessions may outlive it (their callbacks then
/// do nothing).
class local_platform {
 public:
  using clock = std::function<core::timestamp()>;

  /// Creates the channels "general" and every local digest channel of the catalog. `now` is called
  /// for message timestamps and the rate limit. Throws storage::error when the database fails.
  local_platform(storage::database& db, commands::dispatcher& dispatcher, const config::settings& settings,
                 clock now, local::options opts = {});
  ~local_platform();
  local_platform(const local_platform&) = delete;
  local_platform& operator=(const local_platform&) = delete;

  /// Installs the callbacks on a freshly upgraded session. Several sessions of one user (two tabs)
  /// all see that user's messages. The first frame must be "hello".
  void attach(std::shared_ptr<net::ws_session> session);

  /// Shows bot output: stores and sends it to the sessions that may see it. Entries for another
  /// platform are skipped. Never throws: a failure is logged and the entry dropped.
  void deliver(const std::vector<core::outbound>& out);

  /// Group commit (ARCHITECTURE §6): the frames that arrive while a batch is pending are handled in
  /// one transaction, one disk flush for all, and what they cause is sent only once it committed.
  /// `post` runs a function later on the io thread, after the frames already read (asio::post);
  /// csibot installs it at start. Without it, each frame is a batch of its own, handled at once.
  using poster = std::function<void(std::function<void()>)>;
  void batch_with(poster post);
  /// Batches handled so far (each one transaction).
  std::uint64_t batches() const;

  /// What this chat's commands send to people on other platforms (an owner's answer to feedback
  /// given on Slack, news of an improvement): the runtime writes it into its outbox. Without one,
  /// such messages are dropped with a warning (no platform here could carry them).
  using forward_fn = std::function<void(const std::vector<core::outbound>&)>;
  void forward_others(forward_fn forward);

  /// The public channels, ordered by id.
  std::vector<channel_info> channels() const;
  /// Sessions currently attached (said hello or not).
  std::size_t session_count() const;
  /// The locale `user`'s latest hello gave (their browser's language), "" when unknown. Kept in the
  /// database (storage::local_chat_repository), so it outlives a restart; the chat keeps no other
  /// profile.
  std::string locale_of(std::string_view user) const;
  /// Who people are in the local chat, for the prompt sender and the pulse runner (directory.cpp):
  /// a channel's members are the people who wrote in it; a profile is only the locale above; no
  /// e-mail addresses.
  std::shared_ptr<runtime::people_directory> directory();
  /// The settings given at construction (install_routes reads bot.listen and bot.public_url).
  const config::settings& settings() const noexcept;

  /// The bot's author id and name in the chat; no person can take this name.
  static constexpr std::string_view bot_id = "csibot";

  struct impl;

 private:
  std::shared_ptr<impl> impl_;
};

/// Registers the chat page (GET /, /index.html, /app.css, /app.js) and the WebSocket route
/// /local/ws on `server`, before server.start(). `platform` must outlive the server. Requests whose
/// Host is not a name of the bot get 403, and a socket opened by another site's page (its Origin) is
/// closed with 1008 before it is attached (guard.hpp, docs/local-chat.md "Who may connect").
void install_routes(net::http_server& server, local_platform& platform);

}  // namespace csibot::platform::local
