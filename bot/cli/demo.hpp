#pragma once
/// `csibot demo [--days 90] [--scale N]` (SPEC §10): seeds synthetic feedback for the catalog into the
/// configured database, once; the caller then runs the bot as `csibot run` does.
#include <cstddef>
#include <cstdint>
#include <iosfwd>

#include "bot/cli/commands.hpp"
#include "config/settings.hpp"
#include "core/time.hpp"

namespace csibot::storage {
class database;
}

namespace csibot::cli {

/// The seed `csibot demo` uses: the same demo every time, so that benchmarks compare like with like.
constexpr std::uint64_t demo_seed = 20261130;

/// Rows written per transaction. synchronous=FULL makes every commit a disk flush, and with SQLite's
/// default 2 MiB page cache each commit rewrites most of the (user, service) index it touched: 50,000
/// seeds a million rows about twice as fast as 1,000 (docs/demo.md has the measurements).
constexpr std::size_t demo_batch_rows = 50'000;

/// What seed_demo did.
struct demo_seeded {
  std::size_t rows = 0;          ///< answers inserted (0 when skipped)
  std::size_t services = 0;      ///< services the demo covers (see demo_catalog)
  std::int64_t existing = 0;     ///< answers the database held before; > 0 means seeding was skipped
  bool interrupted = false;      ///< with existing > 0: an earlier seeding of this file never finished
  std::size_t improvements = 0;  ///< improvements added to the register (demo_register.hpp)
  std::size_t prompts = 0;       ///< prompts sent, answered or not (demo_prompts.hpp)
};

/// Seeds `days` days of synthetic feedback ending at `now` for demo_catalog(settings.services, scale):
/// upserts the synthetic "svc-NN" services of a scaled demo, then inserts the answers in transactions
/// of demo_batch_rows rows, each with its service's anonymity and the prompts behind it, then the demo's CSI
/// register. Idempotent: a database that already holds any feedback is left untouched (a database with real
/// answers must never get synthetic ones mixed in). An exception or a kill part-way leaves the committed
/// batches in place and the marker "demo_seed" at "started", so that the next call reports the seeding as
/// interrupted. Throws std::invalid_argument for days or scale < 1, storage::error on SQLite failure.
demo_seeded seed_demo(storage::database& db, const config::settings& settings, int days, int scale,
                      core::timestamp now, std::uint64_t rng_seed);

/// The `csibot demo` seeding step: loads the config like every subcommand (the built-in demo when
/// none is found), opens and migrates the database, seeds it and prints
/// "seeded N answers over D days for S services" (or why it did not) on `out`.
/// Returns 0, 1 for bad flags or config (days outside 1..3650, scale outside 1..1000), 2 on failure.
int demo(const config_flag& config, int days, int scale, std::ostream& out, std::ostream& err);

}  // namespace csibot::cli
