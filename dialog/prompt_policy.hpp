#pragma once
/// Who may be asked for feedback without asking first, and when (SPEC §4 "Respect people"). One
/// policy for every proactive prompt: ticket prompts, pulse surveys and their reminders.
///
/// Pure: no clock, no database. The runtime loads a person_state (one query per table, see the
/// field comments), builds a prompt_request and calls decide_prompt with `now`. docs/prompts.md
/// lists the rules and the reason codes.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/settings.hpp"
#include "core/prompt.hpp"
#include "core/time.hpp"

namespace csibot::dialog {

/// What to do with a prompt now.
enum class prompt_verdict {
  ask,   ///< send it now
  wait,  ///< keep it and decide again at prompt_decision::wait_until
  never  ///< drop it (record it as skipped with the reason)
};

/// Why. The names (to_string) are machine-stable: they are stored with skipped prompts, logged and
/// documented in docs/prompts.md. Never rename one; add new ones at the end.
enum class prompt_reason {
  allowed,               ///< ask
  opted_out,             ///< never: `/csi optout`
  resolver,              ///< never: the person resolved the ticket themselves
  ticket_already_asked,  ///< never: a prompt for this ticket exists already
  joined_after_pulse,    ///< never: joined the audience after the pulse started
  prompt_answered,       ///< never (reminder): the prompt was answered
  already_reminded,      ///< never (reminder): one reminder per prompt
  conversation_open,     ///< wait: the person is in a feedback conversation
  ticket_first,          ///< wait (pulse): a ticket prompt for the person goes first
  cooldown,              ///< wait, or never when it ends later than max_prompt_delay
  weekly_budget,         ///< wait, or never when it frees up later than max_prompt_delay (or is 0)
  quiet_hours,           ///< wait: night (or whatever quiet_hours says) in the person's zone
  weekend,               ///< wait: Saturday or Sunday in the person's zone
};

/// "opted_out", "quiet_hours", … (the enumerator's name).
std::string_view to_string(prompt_reason r);

/// A prompt held back by cooldown or budget for longer than this is dropped instead: a ticket is
/// no longer fresh in anyone's mind after three days, and a pulse asks again at its next run.
inline constexpr std::chrono::hours max_prompt_delay{72};

/// How long a pulse prompt waits when a ticket prompt for the same person is already due: the
/// scheduler sends ticket prompts first, so a short pause lets that one go out (and count against
/// cooldown and budget) before the pulse is weighed again.
inline constexpr std::chrono::minutes ticket_first_pause{15};

/// The prompt the runtime would like to send.
struct prompt_request {
  std::string user;     ///< "platform:id"
  std::string service;  ///< service id
  core::prompt_kind kind = core::prompt_kind::pulse;

  // kind == ticket (from the ticket-resolved webhook)
  std::string resolver;                  ///< "platform:id" of who resolved it; "" when not given
  bool ticket_already_prompted = false;  ///< prompt_repository::schedule returned false

  // kind == pulse
  std::optional<core::timestamp> pulse_started_at;  ///< when this pulse run began
  std::optional<core::timestamp> joined_at;  ///< when the person joined the audience; nullopt = unknown

  // kind == reminder
  std::optional<core::prompt_record> original;  ///< the prompt reminded about (required for reminders)
};

/// What is known about the person, filled from storage.
struct person_state {
  std::string time_zone;   ///< IANA zone from the platform profile; "" = unknown (bot.timezone is used)
  bool opted_out = false;  ///< prompt_repository::is_opted_out
  /// expires_at of the open feedback conversation (conversation_repository::find); nullopt = none.
  std::optional<core::timestamp> conversation_until;
  /// due_at of the person's earliest pending ticket prompt, any service; only pulses look at it.
  std::optional<core::timestamp> pending_ticket_due;
  /// Prompts sent to the person, any service, at least since now − max(cooldown, 7 days)
  /// (prompt_repository::history). Older entries are harmless.
  std::vector<core::prompt_record> history;
};

struct prompt_decision {
  prompt_verdict verdict = prompt_verdict::ask;
  prompt_reason reason = prompt_reason::allowed;
  /// verdict == wait: the earliest time every rule allows (later than `now`); otherwise `now`.
  core::timestamp wait_until{};
  /// One sentence for people (logs, `/csi ask` summaries): "Quiet hours for slack:U1 until 08:00 …".
  std::string text;
};

/// Applies the policy (docs/prompts.md). `bot_time_zone` is bot.timezone, used when the person's
/// zone is empty or unknown (then UTC when that is unknown too). `language` is for `text` only.
prompt_decision decide_prompt(const prompt_request& request, const person_state& person,
                              const config::policy_settings& policy, std::string_view bot_time_zone,
                              core::timestamp now, std::string_view language = "en");

/// "HH:MM-HH:MM" as minutes after local midnight; nullopt for "" (no quiet hours), a malformed
/// text, or an empty range such as "08:00-08:00". `start > end` wraps midnight.
struct quiet_range {
  std::chrono::minutes start{};
  std::chrono::minutes end{};
};
std::optional<quiet_range> parse_quiet_hours(std::string_view text);

}  // namespace csibot::dialog
