// prompt_repository's opt-outs (SPEC §4 "/csi optout and /csi optin"): the prompt_optouts table.
#include "storage/database.hpp"
#include "storage/prompt_repository.hpp"
#include "storage/sqlite.hpp"

namespace csibot::storage {

bool prompt_repository::opt_out(std::string_view user, core::timestamp now) {
  transaction tx{db_};
  auto st =
      db_.conn().cached("INSERT INTO prompt_optouts (user, since) VALUES (?1, ?2) ON CONFLICT DO NOTHING");
  st->bind(1, user).bind(2, core::to_millis(now)).run();
  const bool added = db_.conn().changes() > 0;
  // What was queued for them must not go out either, even if the sender never re-checks.
  auto skip = db_.conn().cached(
      "UPDATE prompts SET state = 'skipped', reason = 'opted_out' WHERE user = ?1 AND state = 'pending'");
  skip->bind(1, user).run();
  tx.commit();
  return added;
}

bool prompt_repository::opt_in(std::string_view user) {
  auto st = db_.conn().cached("DELETE FROM prompt_optouts WHERE user = ?1");
  st->bind(1, user).run();
  return db_.conn().changes() > 0;
}

bool prompt_repository::is_opted_out(std::string_view user) const {
  return opted_out_since(user).has_value();
}

std::optional<core::timestamp> prompt_repository::opted_out_since(std::string_view user) const {
  auto st = db_.conn().cached("SELECT since FROM prompt_optouts WHERE user = ?1");
  st->bind(1, user);
  if (!st->step()) return std::nullopt;
  return core::from_millis(st->column_int64(0));
}

}  // namespace csibot::storage
