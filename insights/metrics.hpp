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

/// Adjusted-Wald 95 % interval of an NPS in points (Sauro and Lewis, MeasuringU): the normal
/// interval of the NPS of promoters + 0.75, detractors + 0.75 and n + 3, so that it keeps its doubt
/// at the extremes, where the plain normal interval shrinks to nothing (3 promoters of 3: +100…+100).
/// Clamped to −100…+100 and widened, where needed, to hold the observed NPS. {0, 0} for n = 0.
interval nps_interval(std::int64_t promoters, std::int64_t detractors, std::int64_t n,
                      double z = 1.959963984540054);

struct summary {
  core::scale scale = core::scale::csat5;  ///< what `score` and the change test mean
  std::int64_t n = 0;
  double mean = 0;
  /// csat5: % of 4–5; ces7: % of 6–7; thumbs: % up — each with a Wilson interval in %.
  /// nps10: promoters − detractors in points (−100…100) with an adjusted-Wald interval.
  double score = 0;
  interval score_interval;
  std::int64_t happy = 0;    ///< CSAT 4–5, NPS promoters, CES 6–7, thumbs up
  std::int64_t unhappy = 0;  ///< CSAT 1–2, NPS detractors, CES 1–3, thumbs down
};

/// Summarises rating counts on scale `s`; ratings outside the scale are ignored.
summary summarize(core::scale s, const std::vector<rating_bucket>& buckets);

/// Pooled two-proportion z statistic of x1/n1 against x2/n2:
///   p = (x1 + x2) / (n1 + n2),  z = (x1/n1 − x2/n2) / sqrt(p (1 − p) (1/n1 + 1/n2)).
/// Positive when the first share is the larger. 0 when either n is 0 or both shares are 0 % or 100 %
/// (no spread to measure against).
double two_proportion_z(std::int64_t x1, std::int64_t n1, std::int64_t x2, std::int64_t n2);

/// z statistic of one NPS against another: promoters p1 and detractors d1 of n1 against p2, d2 of
/// n2. The promoter share alone misses a move between detractors and passives, so the test is on
/// NPS itself, with the variance of an NPS estimate, pooled under "no change" like two_proportion_z:
///   P = (p1 + p2) / (n1 + n2),  D = (d1 + d2) / (n1 + n2),
///   z = (p1/n1 − d1/n1 − p2/n2 + d2/n2) / sqrt((P + D − (P − D)²) (1/n1 + 1/n2)).
/// Pooled rather than each period's own variance, which is 0 for all promoters or all detractors and
/// would call 10 promoters against 10 detractors "within noise". Positive when the first NPS is the
/// higher; 0 when either n is 0 or there is no spread (everyone gave the same kind of answer).
double nps_z(std::int64_t p1, std::int64_t d1, std::int64_t n1, std::int64_t p2, std::int64_t d2,
             std::int64_t n2);

}  // namespace csibot::insights
