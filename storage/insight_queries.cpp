#include "storage/insight_queries.hpp"

#include <algorithm>
#include <chrono>

#include "storage/codec.hpp"
#include "storage/database.hpp"
#include "storage/sqlite.hpp"

namespace csibot::storage {
namespace {

// The range and "rating IS NOT NULL" are decided in the (service, created_at, rating) index; only
// the rows that pass are looked up for their text columns.
constexpr std::string_view answers_sql = R"(
SELECT service, created_at, rating, reason, impact, usage FROM feedback INDEXED BY feedback_service_created
WHERE service = ?1 AND created_at >= ?2 AND created_at < ?3 AND rating IS NOT NULL
ORDER BY created_at)";

constexpr std::string_view all_answers_sql = R"(
SELECT service, created_at, rating, reason, impact, usage FROM feedback INDEXED BY feedback_created
WHERE created_at >= ?1 AND created_at < ?2 AND rating IS NOT NULL
ORDER BY created_at)";

constexpr std::string_view impacts_sql = R"(
SELECT impact, count(*) FROM feedback INDEXED BY feedback_service_created
WHERE service = ?1 AND created_at >= ?2 AND created_at < ?3 AND rating IS NOT NULL
GROUP BY impact)";

// Integer division of a non-negative difference: week 0 is [to − 7 d, to). Covered by the index.
constexpr std::string_view weekly_sql = R"(
SELECT (?3 - 1 - created_at) / ?4 AS weeks_back, rating, count(*) FROM feedback
WHERE service = ?1 AND created_at >= ?2 AND created_at < ?3 AND rating IS NOT NULL
GROUP BY weeks_back, rating ORDER BY weeks_back, rating)";

constexpr std::int64_t week_ms = std::chrono::duration_cast<core::milliseconds>(std::chrono::days{7}).count();

int impact_order(const std::optional<core::impact>& i) {
  return i ? static_cast<int>(*i) : 4;
}

// Both answer queries return the columns in this order.
void stream_answers(statement& st, const std::function<void(const answer_row&)>& fn) {
  answer_row row;
  while (st.step()) {
    row.service = st.column_text(0);
    row.created_at = core::from_millis(st.column_int64(1));
    row.rating = st.column_int(2);
    row.reason = st.column_optional_text(3);
    row.impact.reset();
    if (!st.is_null(4)) row.impact = require_column(core::parse_impact(st.column_text(4)), "feedback.impact");
    row.usage = st.column_optional_text(5);
    fn(row);
  }
}

}  // namespace

void insight_queries::for_each_answer(std::string_view service, core::timestamp from, core::timestamp to,
                                      const std::function<void(const answer_row&)>& fn) const {
  auto st = db_.conn().cached(answers_sql);
  st->bind(1, service).bind(2, core::to_millis(from)).bind(3, core::to_millis(to));
  stream_answers(*st, fn);
}

void insight_queries::for_each_answer(core::timestamp from, core::timestamp to,
                                      const std::function<void(const answer_row&)>& fn) const {
  auto st = db_.conn().cached(all_answers_sql);
  st->bind(1, core::to_millis(from)).bind(2, core::to_millis(to));
  stream_answers(*st, fn);
}

std::vector<impact_count> insight_queries::impact_counts(std::string_view service, core::timestamp from,
                                                         core::timestamp to) const {
  std::vector<impact_count> out;
  auto st = db_.conn().cached(impacts_sql);
  st->bind(1, service).bind(2, core::to_millis(from)).bind(3, core::to_millis(to));
  while (st->step()) {
    impact_count c;
    if (!st->is_null(0)) c.impact = require_column(core::parse_impact(st->column_text(0)), "feedback.impact");
    c.count = st->column_int64(1);
    out.push_back(c);
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return impact_order(a.impact) < impact_order(b.impact); });
  return out;
}

std::vector<week_rating_count> insight_queries::weekly_histogram(std::string_view service,
                                                                 core::timestamp from, core::timestamp to,
                                                                 int max_weeks) const {
  std::vector<week_rating_count> out;
  if (max_weeks <= 0 || to <= from) return out;
  const std::int64_t end = core::to_millis(to);
  // Only the weeks drawn are read: the start moves up to the oldest of them.
  const std::int64_t start = std::max(core::to_millis(from), end - week_ms * max_weeks);
  auto st = db_.conn().cached(weekly_sql);
  st->bind(1, service).bind(2, start).bind(3, end).bind(4, week_ms);
  while (st->step())
    out.push_back({st->column_int(0), st->column_int(1), st->column_int64(2)});
  return out;
}

}  // namespace csibot::storage
