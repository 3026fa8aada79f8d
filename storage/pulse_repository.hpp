#pragma once
/// Pulse surveys and `/csi ask` (SPEC §4): the ledger of pulse runs (migration 0006). A config pulse's
/// slot is recorded in the transaction that schedules its prompts, so each (pulse, slot) runs once
/// across restarts; an ask is recorded by the command and, when it names channels, completed by the
/// runtime once their members are known.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"

namespace csibot::storage {

class database;

enum class pulse_run_kind { pulse, ask };
enum class pulse_run_state { pending, done };

/// One row of pulse_runs.
struct pulse_run {
  std::int64_t id = 0;
  pulse_run_kind kind = pulse_run_kind::pulse;
  std::string pulse;  ///< the config pulse's key; the service id for an ask
  std::string service;
  core::timestamp slot{};  ///< the cron slot, or the time of the command
  pulse_run_state state = pulse_run_state::done;
  std::vector<std::string> audience;  ///< targets as typed or configured ("slack:C1", "user:slack:U1")
  std::string requested_by;           ///< "platform:id" of who asked; "" for config pulses
  std::int64_t members = 0;           ///< people in the audience when the run started
  std::int64_t scheduled = 0;         ///< prompts created (sampled, not already in the run)
  std::int64_t held = 0;              ///< of those, how many the policy held back at the start
  core::timestamp started_at{};

  /// The value of prompts.pulse for this run's prompts: "pulse#12", "ask#13".
  std::string prompt_tag() const;
};

/// Prepared statements only; methods throw storage::error. Writes join the caller's transaction.
class pulse_repository {
 public:
  explicit pulse_repository(database& db) : db_(db) {}

  /// Remembers a config pulse the first time it is seen and returns when that was (the earlier
  /// time when it was known already): slots before it are never run.
  core::timestamp register_pulse(std::string_view key, std::string_view service, core::timestamp now);
  /// The newest slot recorded for a config pulse; nullopt when it never ran.
  std::optional<core::timestamp> last_slot(std::string_view key) const;

  /// Inserts `run` (its id is ignored) and returns the new id; nullopt when it is a config pulse
  /// whose slot was recorded already (then nothing changes).
  std::optional<std::int64_t> add(const pulse_run& run);
  /// Completes a pending ask with its counts. False when it was not pending.
  bool finish(std::int64_t id, std::int64_t members, std::int64_t scheduled, std::int64_t held);
  /// Stores the counts of a run (a config pulse's run, once its prompts exist).
  void set_counts(std::int64_t id, std::int64_t members, std::int64_t scheduled, std::int64_t held);

  std::optional<pulse_run> find(std::int64_t id) const;
  /// Asks waiting for the runtime, oldest first.
  std::vector<pulse_run> pending(std::size_t limit) const;
  /// The newest runs first.
  std::vector<pulse_run> recent(std::size_t limit) const;

 private:
  database& db_;
};

}  // namespace csibot::storage
