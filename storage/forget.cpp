#include "storage/forget.hpp"

#include "storage/database.hpp"
#include "storage/hashing.hpp"
#include "storage/sqlite.hpp"

namespace csibot::storage {
namespace {

// Runs `sql` with ?1 = `value` and returns how many rows it changed.
std::int64_t change(database& db, std::string_view sql, std::string_view value) {
  auto st = db.conn().cached(sql);
  st->bind(1, value).run();
  return db.conn().changes();
}

}  // namespace

forget_result forget_person(database& db, const core::ref& person) {
  forget_result r;
  const auto user = person.str();
  // First the answers only a reply link ties to them (anonymous ones, which stored no user): once the
  // links are gone nothing could find those words again. Pseudonymous ones are found below.
  auto linked = db.conn().cached(R"(
UPDATE feedback SET reason = NULL, usage = NULL, allow_reply = 0
WHERE user IS NULL AND id IN (SELECT feedback_id FROM reply_links WHERE platform = ?1 AND user = ?2))");
  linked->bind(1, person.platform).bind(2, person.id).run();
  r.feedback_unlinked += db.conn().changes();
  auto links = db.conn().cached("DELETE FROM reply_links WHERE platform = ?1 AND user = ?2");
  links->bind(1, person.platform).bind(2, person.id).run();
  r.reply_links_deleted = db.conn().changes();
  // Each form the feedback table may hold: the id (identified services) and the keyed pseudonym
  // (pseudonymous ones); anonymous answers never named anybody.
  for (const auto& stored : {user, pseudonymise(db.conn(), user)}) {
    r.feedback_unlinked += change(
        db, "UPDATE feedback SET user = NULL, reason = NULL, usage = NULL, allow_reply = 0 WHERE user = ?1",
        stored);
  }
  // Rare and whole-table: skipped and cancelled prompts are in no per-person index, and a full
  // pass over the prompts once per request is cheaper than an index kept for it on every write.
  r.prompts_deleted = change(db, "DELETE FROM prompts WHERE user = ?1", user);
  auto conversation = db.conn().cached("DELETE FROM conversations WHERE platform = ?1 AND user = ?2");
  conversation->bind(1, person.platform).bind(2, person.id).run();
  r.conversations_deleted = db.conn().changes();
  if (person.platform == "local") {
    auto chat = db.conn().cached(
        "DELETE FROM local_messages WHERE channel = ?2 OR (author = ?1 AND bot = 0) OR visible_to = ?1");
    chat->bind(1, person.id).bind(2, "dm:" + person.id).run();
    r.chat_messages_deleted = db.conn().changes();
    auto locale = db.conn().cached("DELETE FROM local_locales WHERE user = ?1");
    locale->bind(1, person.id).run();
  }
  return r;
}

}  // namespace csibot::storage
