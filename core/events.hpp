#pragma once
/// What crosses the boundary between a platform adapter and the commands layer.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/message.hpp"
#include "core/ref.hpp"
#include "core/time.hpp"

namespace csibot::core {

/// A button click.
struct action {
  std::string action_id;
  std::string value;
  std::string message_id;  ///< the platform's id of the message that held the button, if known
};

/// Something a person did, already turned into platform-neutral form by an adapter.
struct inbound {
  std::string platform;   ///< "local", "slack", ...
  std::string user;       ///< the platform's user id (no "platform:" prefix)
  std::string user_name;  ///< display name where known
  std::string channel;    ///< where it happened (the DM channel for direct messages)
  bool is_dm = false;
  /// For a slash command: the command as typed ("/csi"), with `text` holding its arguments.
  std::optional<std::string> command;
  std::string text;  ///< message text, or the slash command's arguments
  std::optional<core::action> action;
  std::string event_id;  ///< the platform's id for this delivery; redeliveries repeat it
  std::string locale;    ///< "en", "de-DE", ... empty when unknown
  std::string team;      ///< workspace / team id where the platform has one
  /// People and channels the text names, as the platform itself resolved them: "@bob" or "~ops" as
  /// typed → the platform's id. Mattermost lists them beside a slash command; Slack escapes them
  /// inline ("<@U123|bob>") instead, so for Slack this stays empty.
  std::vector<std::pair<std::string, std::string>> mentions{};

  core::ref user_ref() const { return {platform, user}; }
};

/// How a reply is delivered.
enum class delivery {
  ephemeral,  ///< only `user` sees it, in `channel`
  channel,    ///< posted into `channel` for everyone
  direct,     ///< into the DM between the bot and `user` (the adapter opens it)
  update      ///< replaces the message `replaces` (e.g. rating buttons after a click)
};

/// Something the bot says.
struct outbound {
  delivery kind = delivery::ephemeral;
  std::string platform;
  std::string channel;
  std::string user;
  std::string replaces;
  message body;
};

}  // namespace csibot::core
