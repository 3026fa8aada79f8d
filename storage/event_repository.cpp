#include "storage/database.hpp"
#include "storage/repositories.hpp"
#include "storage/sqlite.hpp"

namespace csibot::storage {

bool event_repository::first_seen(std::string_view platform, std::string_view event_id, core::timestamp now,
                                  std::chrono::milliseconds ttl) {
  // One statement, so that check and record cannot race: a new id is inserted; a known id whose time
  // to live ran out (not purged yet) counts as new again and gets a fresh expiry; a live one changes
  // nothing. changes() tells the cases apart.
  auto st = db_.conn().cached(R"(
INSERT INTO processed_events (platform, event_id, expires_at) VALUES (?1, ?2, ?3)
ON CONFLICT (platform, event_id) DO UPDATE SET expires_at = excluded.expires_at
WHERE processed_events.expires_at <= ?4)");
  st->bind_borrowed(1, platform).bind_borrowed(2, event_id);  // parameters: alive until we return
  st->bind(3, core::to_millis(now + ttl)).bind(4, core::to_millis(now));
  st->run();
  return db_.conn().changes() > 0;
}

std::int64_t event_repository::purge(core::timestamp now) {
  auto st = db_.conn().cached("DELETE FROM processed_events WHERE expires_at <= ?1");
  st->bind(1, core::to_millis(now));
  st->run();
  return db_.conn().changes();
}

}  // namespace csibot::storage
