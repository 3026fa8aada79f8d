#pragma once
/// `/csi admin` in `csibot run` (docs/admin.md): commands::operations for the running bot. Reads the
/// bot's health from the places that own it (database, outbox table, metrics, platforms) and runs
/// online backups on backup_job's worker. When a backup ends it audits the outcome and DMs the admin
/// the way every proactive message goes: staged in the durable outbox inside the transaction that
/// records it, published after the commit (as the digest scheduler and the pulse runner do).
///
/// Threading: the io thread only, like the dispatcher that calls it.
#include <chrono>
#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "bot/runtime/backup_job.hpp"
#include "bot/runtime/metrics.hpp"
#include "commands/operations.hpp"
#include "config/settings.hpp"

namespace csibot::storage {
class database;
}

namespace csibot::runtime {

/// What the app lends the operations; each may be empty.
struct operations_hooks {
  /// The platforms running here, as the status shows them (see platform_health_of).
  std::function<std::vector<commands::platform_health>()> platforms;
  /// Events the dispatcher finished since start.
  std::function<event_totals()> events;
  /// Writes messages for chat-server platforms into the outbox, inside the caller's transaction.
  std::function<void(const std::vector<core::outbound>&)> stage;
  /// Shows committed messages (the local chat) and wakes the outbox.
  std::function<void(const std::vector<core::outbound>&)> publish;
};

class operations final : public commands::operations {
 public:
  using clock = std::function<core::timestamp()>;

  /// Borrows `io`, `db` and `settings`, which must outlive this object (destroy it before them: its
  /// destructor waits for a running backup). `started` is when the bot started, for the uptime.
  operations(boost::asio::io_context& io, storage::database& db, const config::settings& settings,
             operations_hooks hooks, clock now,
             std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now());

  commands::bot_health health() override;
  commands::backup_start start_backup(const core::inbound& requester, const std::string& language,
                                      core::timestamp now) override;

  /// At shutdown: a running backup is let finish and its outcome recorded (the DM to a chat-server
  /// platform then waits in the outbox for the next start). Says so in the log.
  void stop();

 private:
  commands::database_health database_health() const;
  void read_backups(commands::bot_health& h) const;
  void finished(const core::ref& requester, const std::string& language, const commands::backup_outcome& o);

  storage::database& db_;
  const config::settings& settings_;
  operations_hooks hooks_;
  clock now_;
  std::chrono::steady_clock::time_point started_;
  std::string running_event_;  // "platform:event id" of the request the running backup answers
  backup_job backups_;         // last: destroyed first, while everything its `done` uses still lives
};

/// A platform's row in the status from what its /healthz entry reports: every member but "connected"
/// becomes a detail ("reconnects" → "4"), in the order of its keys; strings shown as they are.
commands::platform_health platform_health_of(std::string_view name, bool connected,
                                             const nlohmann::json& health);

}  // namespace csibot::runtime
