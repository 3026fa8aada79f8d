#include "storage/reply_repository.hpp"

#include "storage/database.hpp"
#include "storage/hashing.hpp"
#include "storage/sqlite.hpp"

namespace csibot::storage {
namespace {

// The pseudonym key's HMAC over a text no user reference can equal ("platform:id" never holds the
// unit separator), so a token is never also somebody's pseudonym.
std::string token_input(std::int64_t feedback_id, const core::ref& person) {
  std::string input = "reply-consent\x1f";
  input += std::to_string(feedback_id);
  input += '\x1f';
  input += person.str();
  return input;
}

// Compares every character whatever the first difference: how long a refusal takes says nothing
// about how much of a guessed token was right.
bool same_text(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i)
    diff = static_cast<unsigned char>(diff |
                                      (static_cast<unsigned char>(a[i]) ^ static_cast<unsigned char>(b[i])));
  return diff == 0;
}

}  // namespace

std::string reply_repository::consent_token(std::int64_t feedback_id, const core::ref& person) const {
  constexpr std::string_view prefix = "pseudo:";
  auto hashed = pseudonymise(db_.conn(), token_input(feedback_id, person));
  return hashed.substr(prefix.size());
}

bool reply_repository::token_matches(std::int64_t feedback_id, const core::ref& person,
                                     std::string_view token) const {
  return same_text(consent_token(feedback_id, person), token);
}

bool reply_repository::consent(std::int64_t feedback_id, const core::ref& person, bool keep_link) {
  transaction tx{db_};
  // Only while the feedback has its reason: data retention deletes links together with the comments,
  // and counts on none being written for feedback whose comments it has passed.
  auto allow = db_.conn().cached(
      "UPDATE feedback SET allow_reply = 1 WHERE id = ?1 AND reason IS NOT NULL AND allow_reply = 0");
  allow->bind(1, feedback_id).run();
  bool changed = db_.conn().changes() > 0;
  if (keep_link) {
    auto link = db_.conn().cached(R"(
INSERT INTO reply_links (feedback_id, platform, user)
SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM feedback WHERE id = ?1 AND reason IS NOT NULL)
ON CONFLICT DO NOTHING)");
    link->bind(1, feedback_id).bind(2, person.platform).bind(3, person.id).run();
    changed = db_.conn().changes() > 0 || changed;
  }
  tx.commit();
  return changed;
}

std::optional<reply_recipient> reply_repository::recipient(const core::feedback& f) const {
  // A pseudonym ("pseudo:…") is no reference: only an identified answer names its author.
  if (f.user) {
    if (auto person = core::parse_ref(*f.user)) return reply_recipient{std::move(*person), false};
  }
  auto st = db_.conn().cached("SELECT platform, user FROM reply_links WHERE feedback_id = ?1");
  st->bind(1, f.id);
  if (!st->step()) return std::nullopt;
  return reply_recipient{{st->column_text(0), st->column_text(1)}, true};
}

std::int64_t reply_repository::replies_sent(std::int64_t feedback_id) const {
  auto st = db_.conn().cached("SELECT count(*) FROM feedback_replies WHERE feedback_id = ?1");
  st->bind(1, feedback_id);
  st->step();
  return st->column_int64(0);
}

void reply_repository::record_reply(std::int64_t feedback_id, std::string_view by, core::timestamp at) {
  auto st = db_.conn().cached(
      "INSERT INTO feedback_replies (feedback_id, replied_by, replied_at) VALUES (?1, ?2, ?3)");
  st->bind(1, feedback_id).bind(2, by).bind(3, core::to_millis(at)).run();
}

}  // namespace csibot::storage
