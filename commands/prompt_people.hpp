#pragma once
/// What the prompt policy needs to know about a person, read from storage (docs/prompts.md
/// "Storage"): opt-out, the prompts they had, a pending ticket prompt, an open conversation.
#include <string>
#include <string_view>

#include "config/settings.hpp"
#include "core/time.hpp"
#include "dialog/prompt_policy.hpp"

namespace csibot::storage {
class database;
}

namespace csibot::commands {

/// The policy's view of `user` ("platform:id") at `now`. `time_zone` is the person's zone from the
/// platform profile ("" = unknown: the policy uses bot.timezone). Four indexed queries.
dialog::person_state load_person(storage::database& db, const config::settings& settings,
                                 std::string_view user, std::string time_zone, core::timestamp now);

}  // namespace csibot::commands
