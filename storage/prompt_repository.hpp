#pragma once
/// Proactive prompts and opt-outs (SPEC §4). The repository remembers; dialog/prompt_policy decides.
/// The runtime's loop: schedule() from a webhook or a pulse run, due() → decide_prompt() with
/// history()/is_opted_out()/pending_ticket_due() → mark_sent | reschedule | mark_skipped.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/prompt.hpp"
#include "core/time.hpp"

namespace csibot::storage {

class database;

enum class prompt_state { pending, sent, answered, cancelled, skipped };

/// One row of the prompts table.
struct prompt_row {
  std::int64_t id = 0;
  std::string user;      ///< "platform:id"
  std::string platform;  ///< the part of `user` before ':' (filled by the repository)
  std::string service;
  core::prompt_kind kind = core::prompt_kind::pulse;  ///< ticket or pulse
  std::optional<std::string> ticket;                  ///< set exactly for ticket prompts
  std::optional<std::string> pulse;                   ///< the pulse run's id, for pulse prompts
  core::timestamp due_at{};
  prompt_state state = prompt_state::pending;
  std::string reason;  ///< the policy's latest reason code ("quiet_hours", …); "" at first
  std::optional<core::timestamp> sent_at;
  std::optional<core::timestamp> answered_at;
  std::optional<core::timestamp> reminded_at;
  core::timestamp created_at{};
  /// Ticket prompts: who resolved the ticket ("platform:id" or "email:<address>"); nullopt = unknown.
  std::optional<std::string> resolver;
  /// Set when the policy made the reminder wait: not weighed again before then.
  std::optional<core::timestamp> remind_at;
  /// The policy's code when no reminder will go out ("opted_out", …); "" while one still may.
  std::string reminder_reason;
};

/// Prompts sent and answered in a period, for a service's response rate.
struct prompt_counts {
  std::int64_t sent = 0;      ///< sent in the period (answered ones included)
  std::int64_t answered = 0;  ///< of those, answered (whenever)
  friend bool operator==(const prompt_counts&, const prompt_counts&) = default;
};

/// What schedule() did.
struct schedule_result {
  std::int64_t id = 0;   ///< the prompt's id (the existing one when not new)
  bool created = false;  ///< false: this ticket, or this person in this pulse run, was known already
};

/// Prepared statements only; methods throw storage::error. Writes join the caller's transaction.
/// State changes happen only from the state named; they return false (and change nothing) otherwise,
/// so that two racing paths (a reopened ticket and the sender) cannot both win.
class prompt_repository {
 public:
  explicit prompt_repository(database& db) : db_(db) {}

  /// Adds a pending prompt from `p` (user, service, kind, ticket or pulse, due_at, created_at,
  /// resolver; the rest is ignored). A ticket already known for the service is not added again — unless its
  /// prompt was cancelled (reopened) before it went out: then it is pending again with the new due
  /// time, and that counts as created. The same for a person already in a pulse run.
  schedule_result schedule(const prompt_row& p);

  /// Cancels the pending prompt of a reopened ticket. False when there is none (unknown, already
  /// sent, already cancelled).
  bool cancel_ticket(std::string_view service, std::string_view ticket);

  /// Pending prompts with due_at <= now: ticket prompts first (they win over pulses), then by due
  /// time and id. At most `limit`.
  std::vector<prompt_row> due(core::timestamp now, std::size_t limit) const;
  /// The same for the prompts of one platform ("slack", "local", "email" for unresolved addresses).
  std::vector<prompt_row> due_for(std::string_view platform, core::timestamp now, std::size_t limit) const;
  /// The earliest due_at of any pending prompt; nullopt when none is pending.
  std::optional<core::timestamp> next_due() const;
  /// A pending prompt's user was resolved (an e-mail address to "slack:U…"): user and platform change.
  bool set_user(std::int64_t id, std::string_view user);

  std::optional<prompt_row> find(std::int64_t id) const;

  bool mark_sent(std::int64_t id, core::timestamp now);  ///< pending → sent
  /// sent → answered. `at` is nullopt for an anonymous service's prompt: the time an answer arrived
  /// would name its author, since it matches the feedback's created_at (SPEC §2).
  bool mark_answered(std::int64_t id, std::optional<core::timestamp> at);
  bool mark_reminded(std::int64_t id, core::timestamp now);  ///< sent and not yet reminded
  /// pending → skipped, with the policy's reason code.
  bool mark_skipped(std::int64_t id, std::string_view reason);
  /// A pending prompt waits: new due time and the reason code for the wait.
  bool reschedule(std::int64_t id, core::timestamp due_at, std::string_view reason);

  /// The newest sent, unanswered prompt of `user` about `service` (to mark it answered).
  std::optional<prompt_row> open_prompt(std::string_view user, std::string_view service) const;
  /// Sent, unanswered, not yet reminded prompts sent at or before `sent_before`, oldest first, that
  /// the policy may weigh now: no reminder was ruled out (skip_reminder) and a wait it asked for
  /// (defer_reminder) is over at `now`.
  std::vector<prompt_row> reminders_due(core::timestamp sent_before, core::timestamp now,
                                        std::size_t limit) const;
  /// The reminder waits until `at` (the policy's `wait`); `reason` is recorded in `reason`.
  bool defer_reminder(std::int64_t id, core::timestamp at, std::string_view reason);
  /// No reminder will go out for this prompt (the policy's `never`); the prompt stays sent.
  bool skip_reminder(std::int64_t id, std::string_view reason);

  /// The prompts that reached `user` (sent or answered) at or after `since`, oldest first: the
  /// policy's history. Pass since = now − max(cooldown, 7 days).
  std::vector<core::prompt_record> history(std::string_view user, core::timestamp since) const;
  /// due_at of the earliest pending prompt of `user` about `service` other than prompt `except`:
  /// whichever of two goes out first puts the other in its cooldown.
  std::optional<core::timestamp> other_pending_due(std::string_view user, std::string_view service,
                                                   std::int64_t except) const;
  /// due_at of the earliest pending ticket prompt of `user`, any service (ticket before pulse).
  std::optional<core::timestamp> pending_ticket_due(std::string_view user) const;

  /// Opts `user` out (permanent until opt_in) and skips their pending prompts with reason
  /// "opted_out". False when they had opted out already (their `since` is kept).
  bool opt_out(std::string_view user, core::timestamp now);
  /// False when `user` had not opted out.
  bool opt_in(std::string_view user);
  bool is_opted_out(std::string_view user) const;
  /// When `user` opted out; nullopt when they have not.
  std::optional<core::timestamp> opted_out_since(std::string_view user) const;

  /// Prompts about `service` sent in [from, to), and how many of them were answered.
  prompt_counts response_counts(std::string_view service, core::timestamp from, core::timestamp to) const;

 private:
  database& db_;
};

std::string_view to_string(prompt_state s);

}  // namespace csibot::storage
