#include "insights/trend.hpp"

#include <cmath>

namespace csibot::insights {

trend compare(const summary& now, const summary& before, std::int64_t min_n, double z_limit) {
  trend t;
  t.previous_n = before.n;
  if (now.n < min_n || before.n < min_n) return t;
  t.delta = now.score - before.score;
  // NPS moves between three groups: a detractor turned passive changes it without a new promoter.
  t.z = now.scale == core::scale::nps10
            ? nps_z(now.happy, now.unhappy, now.n, before.happy, before.unhappy, before.n)
            : two_proportion_z(now.happy, now.n, before.happy, before.n);
  if (std::abs(t.z) < z_limit) {
    t.change = change::within_noise;
  } else {
    t.change = t.z > 0 ? change::better : change::worse;
  }
  return t;
}

}  // namespace csibot::insights
