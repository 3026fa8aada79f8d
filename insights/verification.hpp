#pragma once
/// "Did we get there?" (SPEC §6): the rule that decides whether a done improvement worked. Pure: the
/// caller measures, this decides. The after-period has the baseline's length and starts when the
/// improvement was done; a verdict is given once it is over and enough people have answered.
#include <cstdint>

#include "core/improvement.hpp"
#include "core/period.hpp"
#include "insights/metrics.hpp"
#include "insights/trend.hpp"

namespace csibot::insights {

struct verification_rule {
  /// Answers the after figures need (bot.min_group): fewer, and the improvement stays pending.
  std::int64_t min_answers = 5;
  /// |z| a change needs to count as beyond noise: the trend's rule (insights/trend.hpp).
  double z_limit = trend_z;
};

enum class verification_verdict {
  not_due,    ///< the after-period is not over yet
  too_few,    ///< over, but fewer than min_answers answers since done: still pending
  verified,   ///< the score rose beyond noise
  no_effect,  ///< no rise beyond noise (or a fall), or a baseline too small to compare with
};

struct verification_result {
  verification_verdict verdict = verification_verdict::not_due;
  /// The after figures against the baseline (change::too_few when not judged).
  trend change;
  /// The baseline had fewer than min_answers answers, so no change could be shown at all.
  bool baseline_too_small = false;
};

/// The after-period of an improvement done at `done_at` whose baseline is `baseline`:
/// [done_at, done_at + the baseline's length).
core::period after_period(core::timestamp done_at, const core::measurement& baseline);

/// A measurement on scale `s` as the trend rule reads it. A measurement stores promoters (happy), n
/// and NPS, not detractors: they are given back by detractors = promoters − NPS × n / 100.
summary as_summary(const core::measurement& m, core::scale s);

/// The verdict at `now` for `after`, the figures measured from `done_at` (over the after-period, or,
/// when that had too few answers, up to now: the improvement waits for enough answers; its scale is
/// `after.scale`). Verified when the score of `after` is above the baseline's with |z| ≥ z_limit (the
/// test of insights::compare: the happy share, or NPS itself); every other judged outcome is no
/// measurable effect.
verification_result verify(const core::measurement& baseline, const summary& after, core::timestamp done_at,
                           core::timestamp now, const verification_rule& rule = {});

}  // namespace csibot::insights
