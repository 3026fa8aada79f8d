#include "commands/prompt_people.hpp"

#include <algorithm>

#include "core/ref.hpp"
#include "storage/prompt_repository.hpp"
#include "storage/repositories.hpp"

namespace csibot::commands {

dialog::person_state load_person(storage::database& db, const config::settings& settings,
                                 std::string_view user, std::string time_zone, core::timestamp now) {
  const storage::prompt_repository prompts{db};
  dialog::person_state p;
  p.time_zone = std::move(time_zone);
  p.opted_out = prompts.is_opted_out(user);
  // The cooldown and the rolling week are the furthest the policy looks back.
  const std::chrono::milliseconds look_back =
      std::max<std::chrono::milliseconds>(settings.policy.cooldown, std::chrono::days{7});
  p.history = prompts.history(user, now - look_back);
  p.pending_ticket_due = prompts.pending_ticket_due(user);
  if (const auto ref = core::parse_ref(user)) {
    // An expired row is closed by the housekeeping; it no longer counts as open.
    const auto talk = storage::conversation_repository{db}.find(ref->platform, ref->id);
    if (talk && talk->expires_at > now) p.conversation_until = talk->expires_at;
  }
  return p;
}

}  // namespace csibot::commands
