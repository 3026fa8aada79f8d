#pragma once
/// The reads the insight pass needs (SPEC §5), streaming and on indexes. Storage returns rows and
/// aggregates only: insights/ turns them into figures, and commands/ joins the two (storage and
/// insights never include each other). Methods throw storage::error on SQLite failure.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/feedback.hpp"
#include "core/time.hpp"

namespace csibot::storage {

class database;

/// One rated answer: what the insight pass reads of a feedback row, and nothing about the person.
struct answer_row {
  std::string service;  ///< service id
  core::timestamp created_at{};
  int rating = 0;
  std::optional<std::string> reason;
  std::optional<core::impact> impact;
  std::optional<std::string> usage;
};

/// Rated answers per stated impact; `impact` nullopt counts the answers without one.
struct impact_count {
  std::optional<core::impact> impact;
  std::int64_t count = 0;
};

/// Rating counts of one week, counted back from the end of the period: week 0 is [to − 7 d, to).
struct week_rating_count {
  int weeks_back = 0;
  int rating = 0;
  std::int64_t count = 0;
};

class insight_queries {
 public:
  explicit insight_queries(database& db) : db_(db) {}

  /// Calls `fn` for each rated answer about `service` created in [from, to), oldest first. Rows are
  /// read one at a time (never all held); `fn` must not write to the database. Walks the
  /// (service, created_at, rating) index, so only the period's rows of that service are touched.
  void for_each_answer(std::string_view service, core::timestamp from, core::timestamp to,
                       const std::function<void(const answer_row&)>& fn) const;

  /// Calls `fn` for each rated answer about any service created in [from, to), in created_at order:
  /// the catalog-wide form for digests over many services. Walks the created_at index, whose order
  /// follows the table's, so each table page is read once however many services share it (per
  /// service, each pass would touch most pages again). `fn` must not write to the database.
  void for_each_answer(core::timestamp from, core::timestamp to,
                       const std::function<void(const answer_row&)>& fn) const;

  /// Rated answers about `service` in [from, to) per impact (blocks, slows, minor, none, none
  /// stated), in that order; impacts nobody gave are left out.
  std::vector<impact_count> impact_counts(std::string_view service, core::timestamp from,
                                          core::timestamp to) const;

  /// Rating counts of `service` per week back from `to`, for the weeks in [from, to) and at most
  /// `max_weeks` of them; ordered by weeks_back, then rating. Answered from the index alone.
  std::vector<week_rating_count> weekly_histogram(std::string_view service, core::timestamp from,
                                                  core::timestamp to, int max_weeks) const;

 private:
  database& db_;
};

}  // namespace csibot::storage
