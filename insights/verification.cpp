#include "insights/verification.hpp"

#include <algorithm>
#include <cmath>

namespace csibot::insights {

core::period after_period(core::timestamp done_at, const core::measurement& baseline) {
  return {done_at, done_at + (baseline.to - baseline.from), {}};
}

summary as_summary(const core::measurement& m, core::scale scale) {
  summary s;
  s.scale = scale;
  s.n = m.n;
  s.happy = m.happy;
  s.score = m.score;
  if (scale == core::scale::nps10) {
    // NPS = (promoters − detractors) / n × 100 was stored exactly enough to give the count back.
    const auto detractors =
        std::llround(static_cast<double>(m.happy) - m.score * static_cast<double>(m.n) / 100);
    s.unhappy = std::clamp<std::int64_t>(detractors, 0, std::max<std::int64_t>(0, m.n - m.happy));
  }
  return s;
}

verification_result verify(const core::measurement& baseline, const summary& after, core::timestamp done_at,
                           core::timestamp now, const verification_rule& rule) {
  verification_result r;
  if (now < after_period(done_at, baseline).to) return r;
  if (after.n < rule.min_answers) {
    r.verdict = verification_verdict::too_few;
    return r;
  }
  // Nothing to compare with: no change can be shown, however good the after figures look.
  if (baseline.n < rule.min_answers) {
    r.verdict = verification_verdict::no_effect;
    r.baseline_too_small = true;
    return r;
  }
  r.change = compare(after, as_summary(baseline, after.scale), rule.min_answers, rule.z_limit);
  r.verdict =
      r.change.change == change::better ? verification_verdict::verified : verification_verdict::no_effect;
  return r;
}

}  // namespace csibot::insights
