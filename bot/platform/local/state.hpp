#pragma once
/// Internal to bot/platform/local: the state behind local_platform, shared by its .cpp files.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

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
};

struct local_platform::impl {
  impl(storage::database& database, commands::dispatcher& dispatch, const config::settings& config,
       clock now_fn, local::options opts);

  // session.cpp: client frames.
  void on_frame(const net::ws_session* key, std::string_view text);
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

  static void send(const session_state& s, std::string frame);
  static void error(const session_state& s, std::string_view code, std::string_view message);

  storage::database& db;
  commands::dispatcher& dispatcher;
  const config::settings& settings;
  clock now;
  local::options limits;
  storage::local_chat_repository repo;
  std::map<const net::ws_session*, session_state> sessions;
  std::string event_prefix;  // random per process, so event ids never repeat across restarts
  std::uint64_t events = 0;
  local_platform::forward_fn forward;  // see local_platform::forward_others
};

/// "dm:<user>".
std::string dm_channel(std::string_view user);
/// True when `user` may read `channel` (and a message in it visible to `visible_to`, when set).
bool may_see(std::string_view user, std::string_view channel, const std::optional<std::string>& visible_to);

}  // namespace csibot::platform::local
