#pragma once
/// Headline figures of a service from its rating counts: n, mean, and the scale's score with a
/// 95 % interval (SPEC §5). Pure; fed by aggregate queries, never by all rows.
#include <cstdint>
#include <optional>
#include <vector>

#include "core/scale.hpp"

namespace csibot::insights {

struct rating_bucket {
  int rating = 0;
  std::int64_t count = 0;
};

struct interval {
  double low = 0;
  double high = 0;
};

/// Wilson score interval for `successes` of `n` at ~95 % (z = 1.96). {0, 0} for n = 0.
interval wilson(std::int64_t successes, std::int64_t n, double z = 1.959963984540054);

struct summary {
  std::int64_t n = 0;
  double mean = 0;
  /// csat5: % of 4–5; ces7: % of 6–7; thumbs: % up — each with a Wilson interval in %.
  /// nps10: promoters − detractors in points (−100…100) with a normal-approximation interval.
  double score = 0;
  interval score_interval;
  std::int64_t happy = 0;
  std::int64_t unhappy = 0;
};

/// Summarises rating counts on scale `s`; ratings outside the scale are ignored.
summary summarize(core::scale s, const std::vector<rating_bucket>& buckets);

}  // namespace csibot::insights
