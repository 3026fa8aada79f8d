#pragma once
/// Change of a service's score against the previous equal period, and whether it is beyond noise.
#include <cstdint>

#include "core/scale.hpp"
#include "insights/metrics.hpp"

namespace csibot::insights {

/// better / worse: the score moved beyond noise; within_noise: it did not; too_few: either
/// period has fewer than `min_trend_answers` answers, so no direction is claimed at all.
enum class change { better, worse, within_noise, too_few };

/// Answers each period needs before a change is judged (never an arrow on five answers).
inline constexpr std::int64_t min_trend_answers = 10;
/// |z| at or above this is beyond noise: the two-sided 5 % level of the normal distribution.
inline constexpr double trend_z = 1.96;

struct trend {
  insights::change change = change::too_few;
  double z = 0;      ///< z of the score, now against before (0 when too_few)
  double delta = 0;  ///< score now − score before, in the scale's points (% or NPS points)
  std::int64_t previous_n = 0;
};

/// The rule: a pooled two-proportion z-test on the happy share (CSAT 4–5, CES 6–7, thumbs up) of
/// `now` against `before`, or for NPS (`now.scale`) the pooled test of NPS itself (nps_z), which
/// sees detractors as well as promoters; |z| ≥ `z_limit` is better or worse, anything less is within
/// noise; fewer than `min_n` answers on either side is too_few.
trend compare(const summary& now, const summary& before, std::int64_t min_n = min_trend_answers,
              double z_limit = trend_z);

}  // namespace csibot::insights
