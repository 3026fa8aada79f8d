#pragma once
/// The input side of the insight pass: what analyse() needs about one service in one period, as
/// plain data, and the accumulator that fills it from a stream of stored answers.
///
/// Typical glue (commands/, which may see both storage and insights):
///   insights::text_rules rules{settings.synonyms};                 // once per pass
///   insights::service_accumulator acc{svc, period, rules};
///   queries.for_each_answer(svc.id, period.from, period.to, [&](const storage::answer_row& r) {
///     acc.add({r.created_at, r.rating, r.reason ? *r.reason : std::string_view{}, r.impact,
///              r.usage ? *r.usage : std::string_view{}});
///   });
///   const auto before = period.previous();
///   for (const auto& c : feedback.rating_histogram(svc.id, before.from, before.to))
///     acc.add_previous(c.rating, c.count);
///   inputs.push_back(std::move(acc).finish());
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/feedback.hpp"
#include "core/period.hpp"
#include "core/service.hpp"
#include "insights/metrics.hpp"
#include "insights/themes.hpp"

namespace csibot::insights {

/// One rated answer as the pass reads it. The views need only live for the call to add().
struct answer {
  core::timestamp created_at{};
  int rating = 0;
  std::string_view reason;  ///< empty when skipped
  std::optional<core::impact> impact;
  std::string_view usage;  ///< empty when skipped or not asked
};

/// "How does this affect your work?" over the rated answers of a period.
struct impact_mix {
  std::int64_t blocks = 0;
  std::int64_t slows = 0;
  std::int64_t minor = 0;
  std::int64_t none = 0;
  std::int64_t unanswered = 0;  ///< rated answers without an impact (skipped, cancelled, expired)

  void add(std::optional<core::impact> i, std::int64_t count = 1);
  std::int64_t count(core::impact i) const;
  std::int64_t stated() const { return blocks + slows + minor + none; }
  friend bool operator==(const impact_mix&, const impact_mix&) = default;
};

/// Proactive prompts sent and answered in the period (SPEC §4).
struct response_counts {
  std::int64_t sent = 0;
  std::int64_t answered = 0;
};

/// Everything analyse() needs about one service in one period. Tests fill it by hand; the pass
/// fills it with service_accumulator.
struct service_input {
  core::service service;
  std::vector<rating_bucket> ratings;   ///< the period's rating histogram
  std::vector<rating_bucket> previous;  ///< the previous equal period's
  impact_mix impacts;
  /// Rating histogram per week, oldest first: the period's last sparkline_weeks weeks counted back
  /// from its end, or from now when the period ends later (the current quarter: weeks that have not
  /// happened are not drawn), so the newest week is whole; the oldest may be cut short by the start.
  std::vector<std::vector<rating_bucket>> weeks;
  theme_accumulator themes;
  usage_accumulator usage;
  /// Prompts sent and answered in the period (commands::build_digest counts them); nullopt = not
  /// counted, and no rate is shown. A rate is never estimated.
  std::optional<response_counts> responses;
};

/// Weeks a period of this length is drawn with: whole or partial weeks, at most sparkline_weeks.
std::size_t week_count(const core::period& p);
/// The same for the part of `p` up to `now`: the weeks of a period that is still running.
std::size_t week_count(const core::period& p, core::timestamp now);

/// Builds a service_input from the period's answers, one at a time.
class service_accumulator {
 public:
  /// `rules` must outlive the accumulator and the input it returns. The weeks are counted back from
  /// the earlier of p.to and `now` (the default: a period that is over).
  service_accumulator(core::service svc, const core::period& p, const text_rules& rules,
                      core::timestamp now = core::timestamp::max());

  /// One rated answer created in [p.from, p.to). Ratings outside the service's scale are ignored.
  void add(const answer& a);
  /// `count` answers with `rating` in the previous equal period (from an aggregate query).
  void add_previous(int rating, std::int64_t count);
  void set_responses(response_counts r) { input_.responses = r; }

  /// The filled input; the accumulator is spent.
  service_input finish() &&;

 private:
  service_input input_;
  core::period period_;
  core::timestamp weeks_end_;                     // the newest drawn week ends here: min(period_.to, now)
  std::vector<std::int64_t> ratings_;             // by rating − scale_min
  std::vector<std::vector<std::int64_t>> weeks_;  // [weeks back][rating − scale_min]
};

}  // namespace csibot::insights
