#pragma once
/// The CSI register's glue between storage (rows) and insights (the verification rule): baselines,
/// the verification pass every read runs first, and the moves a digest reports (SPEC §6, §7).
#include <chrono>
#include <string>
#include <vector>

#include "commands/verdict_notice.hpp"
#include "config/settings.hpp"
#include "core/improvement.hpp"
#include "core/period.hpp"
#include "core/service.hpp"
#include "insights/improvement_words.hpp"

namespace csibot::storage {
class database;
}

namespace csibot::commands {

/// How far back an improvement's baseline looks from `add`.
inline constexpr std::chrono::days baseline_length{30};

/// Who is named in the audit log and the history for what csibot decides itself.
inline constexpr std::string_view automatic_actor = "csibot";

/// The service's figures over `p` on its scale: the same ones `/csi stats` shows.
core::measurement measure(storage::database& db, const core::service& svc, const core::period& p);

/// Stores the move `change` of improvement `i` in its history and the audit log (`action`,
/// subject "#<id>", `detail`).
void record_move(storage::database& db, const core::improvement& i, const core::improvement_change& change,
                 std::string_view action, std::string detail);

/// The verification pass: every done improvement of `services` whose verdict is pending is measured
/// from its done_at (insights/verification.hpp) and the outcome stored — `verified` (the state),
/// "no measurable effect" (the flag), or, while too few have answered, the figures so far. Each
/// verdict is recorded in the history (dated when its evidence was complete) and audited as csibot's
/// (dated now). Each verdict is also written into the outbox, in the same transaction, as one direct
/// message per owner of the service (verdict_messages; in their language where `language_for` knows
/// it, else bot.language): the improvement leaves "awaiting verification" in that transaction, so a
/// verdict is told exactly once, whoever reached it — a command, the digest scheduler, the dashboard
/// or `csibot digest` in another process (a running bot's outbox sends rows that process wrote).
/// Runs before every read of the register, so that what people see is current. Returns the
/// improvements that got a verdict. Throws storage::error when the database fails.
std::vector<core::improvement> check_improvements(storage::database& db, const config::settings& settings,
                                                  const std::vector<core::service>& services,
                                                  core::timestamp now,
                                                  const owner_language& language_for = {});

/// The moves of `services`' improvements in `p`, for a digest (insights::compose_digest keeps the
/// last of each).
std::vector<insights::improvement_move> improvement_moves(storage::database& db,
                                                          const std::vector<core::service>& services,
                                                          const core::period& p);

}  // namespace csibot::commands
