#pragma once
// Rows in state 'sent': earlier versions kept a sent message for a week, and the databases they left
// still hold such rows until storage::retention purges them. Today's outbox deletes a row it sent.
#include <cstdint>

#include "core/time.hpp"
#include "storage/database.hpp"
#include "storage/sqlite.hpp"

namespace csibot::storage::test {

inline void mark_sent_as_earlier_versions_did(database& db, std::int64_t id, core::timestamp at) {
  auto st = db.conn().prepare(
      "UPDATE outbox SET state = 'sent', attempts = attempts + 1, platform_message_id = 'ts', sent_at = ?2 "
      "WHERE id = ?1");
  st.bind(1, id).bind(2, core::to_millis(at)).run();
}

}  // namespace csibot::storage::test
