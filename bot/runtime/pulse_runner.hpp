#pragma once
/// Pulse surveys and `/csi ask` at run time (SPEC §4; docs/prompts.md "Pulses"). Each pass runs the
/// config's `[[pulse]]` slots that are due (cron in bot.timezone) and completes the asks that wait
/// for channel members: the audience is listed through each platform's people directory at the
/// run's start (a snapshot: who joins later is not back-filled), then commands::run_pulse samples,
/// spreads and schedules the prompts; the prompt loop sends them under the policy.
///
/// Restart-safe like the digest scheduler: a slot is recorded (storage pulse_runs) in the
/// transaction that schedules its prompts, so it runs at most once; a slot missed while csibot was
/// down runs once at start (only the newest, within catch_up); slots before a pulse entry was first
/// seen never run. A listing that fails leaves nothing recorded, and the next pass tries again.
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>

#include "bot/runtime/prompt_loop.hpp"

namespace csibot::runtime {

/// The newest slot of `schedule` (cron in `time_zone`) in (`after`, `now`], looking back at most
/// pulse_runner::catch_up; nullopt when none (or the schedule does not parse).
std::optional<core::timestamp> latest_pulse_slot(std::string_view schedule, std::string_view time_zone,
                                                 core::timestamp after, core::timestamp now);

class pulse_runner {
 public:
  /// Borrows `db` and `settings` (they must outlive it).
  pulse_runner(storage::database& db, const config::settings& settings, proactive_hooks hooks);

  /// Remembers the config's pulses (first seen at `now`: earlier slots never run). Throws
  /// storage::error; pass() registers them too when this failed.
  void sync_config(core::timestamp now);

  /// Runs what is due at `now`. Returns how many runs completed. Never throws.
  [[nodiscard]] boost::asio::awaitable<std::size_t> pass(core::timestamp now);

  /// The next slot of any config pulse after `now`.
  [[nodiscard]] std::optional<core::timestamp> next_slot(core::timestamp now) const;

  /// How far back a missed slot still runs: a pulse missed for longer starts with its next slot.
  static constexpr std::chrono::days catch_up{31};

  struct state;

 private:
  std::shared_ptr<state> state_;
};

}  // namespace csibot::runtime
