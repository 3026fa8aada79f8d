#include <sqlite3.h>

#include "storage/codec.hpp"
#include "storage/database.hpp"
#include "storage/hashing.hpp"
#include "storage/repositories.hpp"
#include "storage/sqlite.hpp"

namespace csibot::storage {
namespace {

constexpr std::string_view insert_sql = R"(
INSERT INTO feedback (service, platform, user, rating, scale, reason, impact, usage, source, status,
                      allow_reply, created_at, updated_at, usage_asked)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14))";

constexpr std::string_view update_sql = R"(
UPDATE feedback SET rating = ?2, reason = ?3, impact = ?4, usage = ?5, status = ?6, allow_reply = ?7,
                    updated_at = ?8, usage_asked = ?9
WHERE id = ?1)";

// Every SELECT below reads the columns in the order read_feedback expects.
constexpr std::string_view find_sql = R"(
SELECT id, service, platform, user, rating, scale, reason, impact, usage, source, status, allow_reply,
       created_at, updated_at, usage_asked
FROM feedback WHERE id = ?1)";

constexpr std::string_view all_sql = R"(
SELECT id, service, platform, user, rating, scale, reason, impact, usage, source, status, allow_reply,
       created_at, updated_at, usage_asked
FROM feedback ORDER BY id)";

// Finds the first id created at or after ?1 through the created_at index, then walks the table in id
// order from there: rows stream straight from the b-tree, never sorted in memory, and a recent window
// of a million-row table costs milliseconds. INDEXED BY because the planner otherwise answers min(id)
// by walking the table from its first row.
constexpr std::string_view since_sql = R"(
SELECT id, service, platform, user, rating, scale, reason, impact, usage, source, status, allow_reply,
       created_at, updated_at, usage_asked
FROM feedback
WHERE id >= (SELECT min(id) FROM feedback INDEXED BY feedback_created WHERE created_at >= ?1)
  AND created_at >= ?1
ORDER BY id)";

// Answered from the (service, created_at, rating) index alone.
constexpr std::string_view histogram_sql = R"(
SELECT rating, count(*) FROM feedback
WHERE service = ?1 AND created_at >= ?2 AND created_at < ?3 AND rating IS NOT NULL
GROUP BY rating ORDER BY rating)";

constexpr std::string_view usage_sql = R"(
SELECT EXISTS (SELECT 1 FROM feedback
               WHERE user = ?1 AND service = ?2 AND created_at >= ?3 AND usage_asked = 1))";

std::optional<std::string_view> impact_text(const std::optional<core::impact>& i) {
  if (!i) return std::nullopt;
  return core::to_string(*i);
}

core::feedback read_feedback(const statement& st) {
  core::feedback f;
  f.id = st.column_int64(0);
  f.service = st.column_text(1);
  f.platform = st.column_text(2);
  f.user = st.column_optional_text(3);
  f.rating = st.column_optional_int(4);
  f.scale = require_column(core::parse_scale(st.column_text(5)), "feedback.scale");
  f.reason = st.column_optional_text(6);
  if (!st.is_null(7)) f.impact = require_column(core::parse_impact(st.column_text(7)), "feedback.impact");
  f.usage = st.column_optional_text(8);
  f.source = require_column(core::parse_source(st.column_text(9)), "feedback.source");
  f.status = require_column(core::parse_feedback_status(st.column_text(10)), "feedback.status");
  f.allow_reply = st.column_int(11) != 0;
  f.created_at = core::from_millis(st.column_int64(12));
  f.updated_at = core::from_millis(st.column_int64(13));
  f.usage_asked = st.column_int(14) != 0;
  return f;
}

// What may be kept of the person (SPEC §2): the id, a keyed hash of it, or nothing at all.
std::optional<std::string> stored_user(connection& conn, const std::optional<std::string>& user,
                                       core::anonymity a) {
  if (!user) return std::nullopt;
  switch (a) {
    case core::anonymity::identified:
      return *user;
    case core::anonymity::pseudonymous:
      return pseudonymise(conn, *user);
    case core::anonymity::anonymous:
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

std::int64_t feedback_repository::insert(const core::feedback& f, core::anonymity a) {
  connection& conn = db_.conn();
  const std::optional<std::string> user = stored_user(conn, f.user, a);
  auto st = conn.cached(insert_sql);
  // Every feedback passes here: `f`, `user` and the names of the enums outlive run(), so the texts
  // are bound where they are.
  st->bind_borrowed(1, f.service)
      .bind_borrowed(2, f.platform)
      .bind_borrowed(3, user)
      .bind(4, f.rating)
      .bind_borrowed(5, core::to_string(f.scale));
  st->bind_borrowed(6, f.reason)
      .bind_borrowed(7, impact_text(f.impact))
      .bind_borrowed(8, f.usage)
      .bind_borrowed(9, core::to_string(f.source));
  st->bind(10, core::to_string(f.status)).bind(11, f.allow_reply ? 1 : 0);
  st->bind(12, core::to_millis(f.created_at)).bind(13, core::to_millis(f.updated_at));
  st->bind(14, f.usage_asked ? 1 : 0);
  st->run();
  return conn.last_insert_rowid();
}

void feedback_repository::update(const core::feedback& f) {
  auto st = db_.conn().cached(update_sql);
  st->bind(1, f.id).bind(2, f.rating).bind(3, f.reason).bind(4, impact_text(f.impact)).bind(5, f.usage);
  st->bind(6, core::to_string(f.status))
      .bind(7, f.allow_reply ? 1 : 0)
      .bind(8, core::to_millis(f.updated_at))
      .bind(9, f.usage_asked ? 1 : 0);
  st->run();
  // A lost update would silently drop what the person said; the id comes from our own insert.
  if (db_.conn().changes() == 0) throw error(SQLITE_NOTFOUND, "storage: UPDATE feedback matched no row");
}

std::optional<core::feedback> feedback_repository::find(std::int64_t id) const {
  auto st = db_.conn().cached(find_sql);
  st->bind(1, id);
  if (!st->step()) return std::nullopt;
  return read_feedback(*st);
}

void feedback_repository::for_each(std::optional<core::timestamp> since,
                                   const std::function<void(const core::feedback&)>& fn) const {
  auto st = db_.conn().cached(since ? since_sql : all_sql);
  if (since) st->bind(1, core::to_millis(*since));
  while (st->step())
    fn(read_feedback(*st));
}

std::vector<rating_count> feedback_repository::rating_histogram(std::string_view service,
                                                                core::timestamp from,
                                                                core::timestamp to) const {
  std::vector<rating_count> out;
  auto st = db_.conn().cached(histogram_sql);
  st->bind(1, service).bind(2, core::to_millis(from)).bind(3, core::to_millis(to));
  while (st->step())
    out.push_back({st->column_int(0), st->column_int64(1)});
  return out;
}

bool feedback_repository::usage_asked_since(std::string_view service, std::string_view user,
                                            core::anonymity a, core::timestamp since) const {
  const std::optional<std::string> stored = stored_user(db_.conn(), std::string(user), a);
  if (!stored) return false;  // anonymous: nothing links an answer to the person
  auto st = db_.conn().cached(usage_sql);
  st->bind(1, *stored).bind(2, service).bind(3, core::to_millis(since));
  st->step();
  return st->column_int(0) != 0;
}

std::int64_t feedback_repository::count() const {
  auto st = db_.conn().cached("SELECT count(*) FROM feedback");
  st->step();
  return st->column_int64(0);
}

bool feedback_repository::any_for(std::string_view service) const {
  auto st = db_.conn().cached("SELECT EXISTS (SELECT 1 FROM feedback WHERE service = ?1)");
  st->bind(1, service);
  st->step();
  return st->column_int64(0) != 0;
}

}  // namespace csibot::storage
