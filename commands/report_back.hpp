#pragma once
/// "You said … — we did …" (SPEC §6): when an improvement becomes done, the people whose feedback is
/// linked to it hear what was done about it, unless they opted out (`/csi optout`).
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "config/settings.hpp"
#include "core/events.hpp"
#include "core/improvement.hpp"
#include "core/service.hpp"

namespace csibot::storage {
class database;
}

namespace csibot::commands {

/// Whom an improvement's report reached, and the messages that reach them.
struct report_back {
  std::vector<core::outbound> messages;  ///< one DM per person, on their platform
  std::size_t told = 0;                  ///< people told (= messages.size())
  /// "platform:id" of each person told, for the owner's confirmation — only when every one of them
  /// gave identified feedback; empty otherwise, as a pseudonymous or anonymous answer names nobody.
  std::vector<std::string> names;
};

/// The report of improvement `i` (of service `svc`; nullptr once it left the catalog), just done at
/// `now`: one DM per person who gave feedback linked to it and can be reached — the id an identified
/// answer stored, or the link its author allowed under a pseudonymous or anonymous one — on a platform
/// this bot runs, and has not opted out. Several linked answers of one person make one message. It quotes
/// their reason, says what was done (title, expected effect) and that csibot now checks whether it made a
/// difference. Written in each person's language where `language_for` knows it (command_env::language_for).
/// Reads only.
report_back tell_linked_people(storage::database& db, const config::settings& settings,
                               const core::service* svc, const core::improvement& i, core::timestamp now,
                               const std::function<std::string(const core::ref&)>& language_for);

}  // namespace csibot::commands
