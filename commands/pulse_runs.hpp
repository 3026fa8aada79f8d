#pragma once
/// Pulse runs and `/csi ask` in storage (SPEC §4): turning an audience, once listed, into scheduled
/// pulse prompts, recorded with the run so that a slot runs once. The runtime lists the audience (a
/// platform call) and owns the transaction; the prompt sender later sends under the policy.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "commands/audience.hpp"
#include "config/settings.hpp"
#include "core/message.hpp"
#include "core/service.hpp"
#include "core/time.hpp"
#include "storage/pulse_repository.hpp"

namespace csibot::commands {

/// The identity of a config `[[pulse]]` entry: its content (service, schedule, audience, sample,
/// spread). An edited entry is a new pulse that starts with its next slot, as with digests.
std::string pulse_key(const config::pulse_settings& p);

/// Whom a service's customers are: its `customers` references (channels or users, `any`).
std::vector<target> customer_targets(const core::service& svc);
/// Whom a config pulse addresses: its `audience`, else the service's customers.
std::vector<target> pulse_targets(const config::pulse_settings& p, const std::vector<core::service>& catalog);

struct run_counts {
  std::int64_t members = 0;    ///< people in the audience (before sampling)
  std::int64_t scheduled = 0;  ///< prompts created
  std::int64_t held = 0;       ///< of those, held back by the policy when they fall due (estimate)
};

/// Creates a pending pulse prompt for each of `people` ("platform:id"), due at `due[i]`, tagged with
/// the run, and counts those the policy would hold back at that time (in bot.timezone: profiles are
/// the runtime's). Joins the caller's transaction. `run.id` must be set.
run_counts schedule_run(storage::database& db, const config::settings& settings,
                        const storage::pulse_run& run, const std::vector<std::string>& people,
                        const std::vector<core::timestamp>& due, core::timestamp now);

/// A config pulse's `slot`, its audience listed at `now` (the run's start, so nobody who joins later
/// is added: no back-fill): records the run, samples `members` by `p.sample`, spreads them over the
/// run's window and schedules their prompts. Nullopt (and nothing written) when the slot ran already.
/// Joins the caller's transaction.
std::optional<storage::pulse_run> run_pulse(storage::database& db, const config::settings& settings,
                                            const config::pulse_settings& p, core::timestamp slot,
                                            std::vector<std::string> members, core::timestamp now);

/// A pending `/csi ask`, its audience listed: schedules a prompt for every member (due now, no
/// sample) and marks the run done with its counts. Nullopt when it was not pending any more.
std::optional<storage::pulse_run> complete_ask(storage::database& db, const config::settings& settings,
                                               storage::pulse_run run, std::vector<std::string> members,
                                               core::timestamp now);

/// What an ask achieved, for the person who asked: counts and what the policy holds back.
core::message ask_report(const storage::pulse_run& run, const core::service& svc,
                         const config::settings& settings, const std::string& language);

}  // namespace csibot::commands
