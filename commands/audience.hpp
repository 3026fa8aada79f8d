#pragma once
/// Whom a pulse or `/csi ask` addresses: users and channels as typed in chat or written in config.
/// Channels are expanded into their members by the runtime (a platform API call); a user is itself.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/ref.hpp"

namespace csibot::commands {

enum class target_kind {
  user,     ///< one person
  channel,  ///< everyone in the channel
  any,      ///< a config reference ("slack:C0CUSTOMERS"): the platform tells which it is
};

struct target {
  target_kind kind = target_kind::any;
  core::ref ref;

  /// "user:slack:U1", "channel:local:general", or "slack:C1" for `any` (stored in pulse_runs).
  std::string str() const;
  friend bool operator==(const target&, const target&) = default;
};

/// Reads target::str() back; nullopt for anything else.
std::optional<target> parse_stored_target(std::string_view text);

/// What the platform resolved of the command's text: "@bob" / "~ops" → id (core::inbound::mentions).
using mentions = std::vector<std::pair<std::string, std::string>>;

/// One word of `/csi ask` typed on `platform`: "@alice" and Slack's escaped "<@U123|alice>" are
/// users, "#general", "~town-square" and "<#C123|general>" channels, and "platform:id" is left to the
/// platform (`any`). A word the platform resolved (`resolved`) stands for that id. Nullopt when the
/// word is none of these, and for Slack's unescaped "@alice" / "#general" unless the name is an id:
/// Slack sends names as plain text then, and a name is not something its API can look up.
std::optional<target> parse_ask_target(std::string_view word, std::string_view platform,
                                       const mentions& resolved = {});

/// True for a word Slack sent unescaped ("@alice", "#general") that is not an id: the slash command
/// lacks "Escape channels, users, and links" (`should_escape: true`).
bool unescaped_slack_name(std::string_view word, std::string_view platform);

/// True when expanding `targets` needs no platform call (every one is a user).
bool only_users(const std::vector<target>& targets);

/// "#general, @alice" for people: channels with '#', users with '@', others as platform:id.
std::string describe(const std::vector<target>& targets);

}  // namespace csibot::commands
