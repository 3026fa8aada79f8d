#pragma once
/// What a command handler gets: the request, the catalog, the settings, the database and the time.
#include <functional>
#include <string>
#include <vector>

#include "commands/parser.hpp"
#include "config/settings.hpp"
#include "core/events.hpp"
#include "core/service.hpp"

namespace csibot::storage {
class database;
}

namespace csibot::commands {

class conversations;
class operations;

/// The language to write to a person in ("de", "en") where the running bot knows it (their platform
/// profile, read when they last wrote), "" where it does not. Set by the dispatcher's owner.
using language_lookup = std::function<std::string(const core::ref& person)>;

struct command_env {
  const core::inbound& in;
  const parsed_command& cmd;
  const config::settings& settings;
  const std::vector<core::service>& catalog;
  storage::database& db;
  commands::conversations& talks;
  core::timestamp now;
  std::string language;
  /// Set by a handler that changed the catalog: the dispatcher reloads it before the next event.
  bool catalog_changed = false;
  /// The running bot's health and backups; nullptr where no bot runs (the CLI, unit tests).
  commands::operations* ops = nullptr;
  /// What the bot knows of other people's languages; nullptr (or empty) where nothing is known.
  const language_lookup* languages = nullptr;

  /// A reply only the person sees, where they typed the command.
  core::outbound ephemeral(core::message m) const;
  /// A one-line ephemeral reply (errors, refusals, confirmations).
  core::outbound ephemeral_text(std::string text) const;
  /// A message in the DM between the bot and the person.
  core::outbound direct(core::message m) const;
  /// The language to write to `person` (someone other than the one who typed the command) in: theirs
  /// where known, else the bot's.
  std::string language_for(const core::ref& person) const;
  /// The service with this exact id, or nullptr.
  const core::service* service(std::string_view id) const;
};

}  // namespace csibot::commands
