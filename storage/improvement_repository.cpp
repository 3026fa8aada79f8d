#include "storage/improvement_repository.hpp"

#include <sqlite3.h>

#include <string>

#include "storage/codec.hpp"
#include "storage/database.hpp"
#include "storage/sqlite.hpp"

namespace csibot::storage {
namespace {

// Every SELECT of an improvement reads these columns in this order (read_improvement).
#define CSIBOT_IMPROVEMENT_COLUMNS                                                                     \
  "i.id, i.service, i.title, i.business_function, i.expected_effect, i.theme, i.state, i.created_by, " \
  "i.created_at, i.updated_at, i.baseline_score, i.baseline_happy, i.baseline_n, i.baseline_from, "    \
  "i.baseline_to, i.done_at, i.verification, i.after_score, i.after_happy, i.after_n, i.after_from, "  \
  "i.after_to, i.checked_at"

constexpr std::string_view insert_sql = R"(
INSERT INTO improvements (service, title, business_function, expected_effect, theme, state, created_by,
                          created_at, updated_at, baseline_score, baseline_happy, baseline_n,
                          baseline_from, baseline_to)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14))";

constexpr std::string_view update_sql = R"(
UPDATE improvements SET title = ?2, business_function = ?3, expected_effect = ?4, theme = ?5, state = ?6,
  updated_at = ?7, baseline_score = ?8, baseline_happy = ?9, baseline_n = ?10, baseline_from = ?11,
  baseline_to = ?12, done_at = ?13, verification = ?14, after_score = ?15, after_happy = ?16,
  after_n = ?17, after_from = ?18, after_to = ?19, checked_at = ?20
WHERE id = ?1)";

constexpr std::string_view find_sql =
    "SELECT " CSIBOT_IMPROVEMENT_COLUMNS " FROM improvements i WHERE i.id = ?1";
constexpr std::string_view all_sql =
    "SELECT " CSIBOT_IMPROVEMENT_COLUMNS " FROM improvements i ORDER BY i.id";
constexpr std::string_view of_service_sql =
    "SELECT " CSIBOT_IMPROVEMENT_COLUMNS " FROM improvements i WHERE i.service = ?1 ORDER BY i.id";
// Walks the partial index of done, pending improvements only.
constexpr std::string_view awaiting_sql =
    "SELECT " CSIBOT_IMPROVEMENT_COLUMNS
    " FROM improvements i WHERE i.state = 'done' AND i.verification = 'pending' AND i.done_at <= ?1 "
    "ORDER BY i.done_at";
constexpr std::string_view moves_sql =
    "SELECT c.improvement_id, c.at, c.actor, c.state, c.no_effect, " CSIBOT_IMPROVEMENT_COLUMNS
    " FROM improvement_changes c JOIN improvements i ON i.id = c.improvement_id"
    " WHERE c.at >= ?1 AND c.at < ?2 ORDER BY c.at, c.id";
constexpr std::string_view history_sql =
    "SELECT improvement_id, at, actor, state, no_effect FROM improvement_changes WHERE improvement_id = ?1 "
    "ORDER BY id";
#undef CSIBOT_IMPROVEMENT_COLUMNS

std::optional<core::timestamp> optional_time(const statement& st, int column) {
  if (st.is_null(column)) return std::nullopt;
  return core::from_millis(st.column_int64(column));
}

std::optional<std::int64_t> optional_millis(const std::optional<core::timestamp>& t) {
  if (!t) return std::nullopt;
  return core::to_millis(*t);
}

core::improvement read_improvement(const statement& st, int first) {
  const auto col = [first](int k) { return first + k; };
  core::improvement i;
  i.id = st.column_int64(col(0));
  i.service = st.column_text(col(1));
  i.title = st.column_text(col(2));
  i.business_function = st.column_optional_text(col(3));
  i.expected_effect = st.column_optional_text(col(4));
  i.theme = st.column_optional_text(col(5));
  i.state = require_column(core::parse_improvement_state(st.column_text(col(6))), "improvements.state");
  i.created_by = st.column_text(col(7));
  i.created_at = core::from_millis(st.column_int64(col(8)));
  i.updated_at = core::from_millis(st.column_int64(col(9)));
  i.baseline = {st.column_double(col(10)), st.column_int64(col(11)), st.column_int64(col(12)),
                core::from_millis(st.column_int64(col(13))), core::from_millis(st.column_int64(col(14)))};
  i.done_at = optional_time(st, col(15));
  i.verification =
      require_column(core::parse_verification(st.column_text(col(16))), "improvements.verification");
  if (!st.is_null(col(19))) {
    i.after = core::measurement{st.column_double(col(17)), st.column_int64(col(18)), st.column_int64(col(19)),
                                core::from_millis(st.column_int64(col(20))),
                                core::from_millis(st.column_int64(col(21)))};
  }
  i.checked_at = optional_time(st, col(22));
  return i;
}

core::improvement_change read_change(const statement& st) {
  core::improvement_change c;
  c.improvement_id = st.column_int64(0);
  c.at = core::from_millis(st.column_int64(1));
  c.actor = st.column_text(2);
  c.state = require_column(core::parse_improvement_state(st.column_text(3)), "improvement_changes.state");
  c.no_effect = st.column_int(4) != 0;
  return c;
}

}  // namespace

std::int64_t improvement_repository::add(const core::improvement& i) {
  auto st = db_.conn().cached(insert_sql);
  st->bind(1, i.service).bind(2, i.title).bind(3, i.business_function).bind(4, i.expected_effect);
  st->bind(5, i.theme).bind(6, core::to_string(i.state)).bind(7, i.created_by);
  st->bind(8, core::to_millis(i.created_at)).bind(9, core::to_millis(i.updated_at));
  st->bind(10, i.baseline.score).bind(11, i.baseline.happy).bind(12, i.baseline.n);
  st->bind(13, core::to_millis(i.baseline.from)).bind(14, core::to_millis(i.baseline.to));
  st->run();
  const auto id = db_.conn().last_insert_rowid();
  link_feedback(id, i.feedback_ids);
  return id;
}

void improvement_repository::update(const core::improvement& i) {
  auto st = db_.conn().cached(update_sql);
  st->bind(1, i.id).bind(2, i.title).bind(3, i.business_function).bind(4, i.expected_effect);
  st->bind(5, i.theme).bind(6, core::to_string(i.state)).bind(7, core::to_millis(i.updated_at));
  st->bind(8, i.baseline.score).bind(9, i.baseline.happy).bind(10, i.baseline.n);
  st->bind(11, core::to_millis(i.baseline.from)).bind(12, core::to_millis(i.baseline.to));
  st->bind(13, optional_millis(i.done_at)).bind(14, core::to_string(i.verification));
  if (i.after) {
    st->bind(15, i.after->score).bind(16, i.after->happy).bind(17, i.after->n);
    st->bind(18, core::to_millis(i.after->from)).bind(19, core::to_millis(i.after->to));
  } else {
    for (int p = 15; p <= 19; ++p)
      st->bind(p, nullptr);
  }
  st->bind(20, optional_millis(i.checked_at));
  st->run();
  // A lost update would silently drop a person's change; the id comes from a find() just before.
  if (db_.conn().changes() == 0) throw error(SQLITE_NOTFOUND, "storage: UPDATE improvements matched no row");
}

std::optional<core::improvement> improvement_repository::find(std::int64_t id) const {
  std::optional<core::improvement> out;
  {
    auto st = db_.conn().cached(find_sql);
    st->bind(1, id);
    if (!st->step()) return std::nullopt;
    out = read_improvement(*st, 0);
  }
  out->feedback_ids = linked_feedback(id);
  return out;
}

std::vector<core::improvement> improvement_repository::list(std::optional<std::string_view> service) const {
  std::vector<core::improvement> out;
  {
    auto st = db_.conn().cached(service ? of_service_sql : all_sql);
    if (service) st->bind(1, *service);
    while (st->step())
      out.push_back(read_improvement(*st, 0));
  }
  for (auto& i : out)
    i.feedback_ids = linked_feedback(i.id);
  return out;
}

std::vector<core::improvement> improvement_repository::awaiting_verification(core::timestamp done_by) const {
  std::vector<core::improvement> out;
  {
    auto st = db_.conn().cached(awaiting_sql);
    st->bind(1, core::to_millis(done_by));
    while (st->step())
      out.push_back(read_improvement(*st, 0));
  }
  for (auto& i : out)
    i.feedback_ids = linked_feedback(i.id);
  return out;
}

std::size_t improvement_repository::link_feedback(std::int64_t id,
                                                  const std::vector<std::int64_t>& feedback_ids) {
  std::size_t added = 0;
  for (const auto f : feedback_ids) {
    auto st = db_.conn().cached(
        "INSERT INTO improvement_feedback (improvement_id, feedback_id) VALUES (?1, ?2) "
        "ON CONFLICT (improvement_id, feedback_id) DO NOTHING");
    st->bind(1, id).bind(2, f);
    st->run();
    added += static_cast<std::size_t>(db_.conn().changes());
  }
  return added;
}

void improvement_repository::record_change(const core::improvement_change& c) {
  auto st = db_.conn().cached(
      "INSERT INTO improvement_changes (improvement_id, at, actor, state, no_effect) VALUES (?1, ?2, ?3, ?4, "
      "?5)");
  st->bind(1, c.improvement_id).bind(2, core::to_millis(c.at)).bind(3, c.actor);
  st->bind(4, core::to_string(c.state)).bind(5, c.no_effect ? 1 : 0);
  st->run();
}

std::vector<improvement_move_row> improvement_repository::moves(core::timestamp from,
                                                                core::timestamp to) const {
  std::vector<improvement_move_row> out;
  {
    auto st = db_.conn().cached(moves_sql);
    st->bind(1, core::to_millis(from)).bind(2, core::to_millis(to));
    while (st->step())
      out.push_back({read_change(*st), read_improvement(*st, 5)});
  }
  for (auto& m : out)
    m.item.feedback_ids = linked_feedback(m.item.id);
  return out;
}

std::vector<core::improvement_change> improvement_repository::history(std::int64_t id) const {
  std::vector<core::improvement_change> out;
  auto st = db_.conn().cached(history_sql);
  st->bind(1, id);
  while (st->step())
    out.push_back(read_change(*st));
  return out;
}

std::vector<std::int64_t> improvement_repository::linked_feedback(std::int64_t id) const {
  std::vector<std::int64_t> out;
  auto st = db_.conn().cached(
      "SELECT feedback_id FROM improvement_feedback WHERE improvement_id = ?1 ORDER BY feedback_id");
  st->bind(1, id);
  while (st->step())
    out.push_back(st->column_int64(0));
  return out;
}

}  // namespace csibot::storage
