#pragma once
/// Internal to bot/platform/local: the state behind local_platform, shared by its .cpp files.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bot/net/ws_session.hpp"
#include "bot/platform/local/local_platform.hpp"
#include "storage/local_chat_repository.hpp"

namespace csibot::platform::local {

/// One browser tab. `user` stays empty until the hello frame.
struct session_state {
  std::weak_ptr<net::ws_session> socket;
  std::string user;
  std::string name;
  std::string locale;
  double tokens = 0;  // token bucket of the rate limit
  core::timestamp refilled_at{};
  bool told_rate_limited = false;  // one error frame per burst, so a flood does not double itself
  bool closed = false;             // gone, but frames of it wait for their batch (batch.cpp)
};

/// A client frame waiting for its batch (batch.cpp).
struct pending_frame {
  // Its address is the session's key in `sessions`; holding it keeps that address from being reused
  // by a new session until the batch ran.
  std::shared_ptr<net::ws_session> session;
  std::string text;
};

/// A frame for a browser, held back until the batch that made it has committed.
struct held_frame {
  std::weak_ptr<net::ws_session> socket;
  std::string text;
};

struct local_platform::impl : std::enable_shared_from_this<local_platform::impl> {
  impl(storage::database& database, commands::dispatcher& dispatch, const config::settings& config,
       clock now_fn, local::options opts);

  // batch.cpp: group commit of client frames.
  /// Takes a frame from a session: refused at once when over the rate limit, else queued for the
  /// next batch (which the first frame of a batch schedules, or runs at once without `schedule`).
  void on_frame(const net::ws_session* key, std::string_view text);
  /// The session is gone. Frames it sent before still run in their batch (a click followed at once
  /// by closing the tab is an answer all the same); its state goes when that batch is over.
  void on_close(const net::ws_session* key);
  /// Handles every queued frame in one transaction and sends what they caused once it committed.
  void run_batch();
  /// One frame inside the batch, in a savepoint of its own: a frame that fails is undone alone,
  /// answered with an error, and shows nothing of what it did.
  void run_in_batch(const pending_frame& f, std::vector<const net::ws_session*>& greeted);
  /// The batch could not commit: nothing of it happened, so every frame is answered with an error
  /// and every session it greeted is nameless again.
  void fail_batch(const std::vector<pending_frame>& frames,
                  const std::vector<const net::ws_session*>& greeted);

  // session.cpp: client frames.
  /// What a frame asks for; throws when the database fails (run_in_batch answers that).
  void handle_frame(session_state& s, std::string_view text);
  void on_hello(session_state& s, const hello_frame& f);
  void on_message(session_state& s, const message_frame& f);
  void on_action(session_state& s, const action_frame& f);
  void on_history(session_state& s, const history_frame& f);
  bool take_token(session_state& s);
  /// Remembers the locale of `user`'s hello in the database, for messages to them that someone
  /// else causes, also after a restart. A failure is logged: the hello goes on without it.
  void remember_locale(const std::string& user, const std::string& locale);
  /// "" when none is remembered, or when reading it failed (logged).
  std::string locale_of(std::string_view user) const;

  // delivery.cpp: bot output and fan-out.
  /// The replies to a frame: this chat's own are shown here, others handed to `forward`.
  void route(const std::vector<core::outbound>& out);
  /// One message of this chat (callers leave out other platforms': route() and deliver()).
  void deliver_one(const core::outbound& out);
  /// Stores `m` and sends it to everyone who may see it; returns it with its id.
  storage::local_chat_message post(storage::local_chat_message m, std::string_view client_id = {});
  void publish(const storage::local_chat_message& m, const std::string& frame);
  void ensure_public_channel(const std::string& id);
  std::vector<channel_info> channel_list(const std::string& user) const;
  core::inbound inbound_for(const session_state& s, std::string channel);

  /// Sends `frame` to the session, or holds it while a batch runs (see held).
  void send(const session_state& s, std::string frame);
  void error(const session_state& s, std::string_view code, std::string_view message);

  storage::database& db;
  commands::dispatcher& dispatcher;
  const config::settings& settings;
  clock now;
  local::options limits;
  storage::local_chat_repository repo;
  std::map<const net::ws_session*, session_state> sessions;
  std::string event_prefix;  // random per process, so event ids never repeat across restarts
  std::uint64_t events = 0;
  local_platform::forward_fn forward;       // see local_platform::forward_others
  local_platform::poster schedule;          // see local_platform::batch_with
  std::vector<pending_frame> pending;       // frames for the next batch, in the order they arrived
  std::vector<held_frame>* held = nullptr;  // while a batch runs: its output, sent after its COMMIT
  std::size_t closed_waiting = 0;           // sessions closed while frames of theirs wait for the batch
  std::uint64_t batches = 0;
};

/// "dm:<user>".
std::string dm_channel(std::string_view user);
/// True when `user` may read `channel` (and a message in it visible to `visible_to`, when set).
bool may_see(std::string_view user, std::string_view channel, const std::optional<std::string>& visible_to);

}  // namespace csibot::platform::local
