#pragma once
/// `csibot run`'s side of data retention (SPEC §10, `bot.retention_days`; storage/retention.hpp says
/// what is forgotten): run from the once-a-minute housekeeping.
#include <boost/asio/awaitable.hpp>

#include "core/time.hpp"

namespace csibot::storage {
class database;
}

namespace csibot::runtime {

/// Runs storage::retention at `now` in batches until nothing is left, letting the io_context run
/// other handlers (dispatch batches, sends) between two, so that the first pass over years of
/// history does not hold them up. `retention_days` 0 keeps comments for ever. Logs one line when
/// anything was removed; throws storage::error when SQLite fails (the batches before it stay done).
boost::asio::awaitable<void> apply_retention(storage::database& db, int retention_days, core::timestamp now);

}  // namespace csibot::runtime
