#include "insights/metrics.hpp"

#include <algorithm>
#include <cmath>

namespace csibot::insights {

interval wilson(std::int64_t successes, std::int64_t n, double z) {
  if (n <= 0) return {};
  const double nn = static_cast<double>(n);
  const double p = static_cast<double>(successes) / nn;
  const double z2 = z * z;
  const double centre = (p + z2 / (2 * nn)) / (1 + z2 / nn);
  const double half = z * std::sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn)) / (1 + z2 / nn);
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

interval nps_interval(std::int64_t promoters, std::int64_t detractors, std::int64_t n, double z) {
  if (n <= 0) return {};
  // Adjusted Wald: three made-up answers, a quarter promoter, a quarter detractor, half passive.
  const double m = static_cast<double>(n) + 3;
  const double p = (static_cast<double>(promoters) + 0.75) / m;
  const double d = (static_cast<double>(detractors) + 0.75) / m;
  const double centre = p - d;
  // NPS is a difference of two shares of one sample; its variance is (p + d − (p − d)²) / n.
  const double half = z * std::sqrt(std::max(0.0, p + d - centre * centre) / m);
  // The observed NPS stays inside: one promoter alone would otherwise end at +98.
  const double observed = static_cast<double>(promoters - detractors) * 100 / static_cast<double>(n);
  return {std::clamp(std::min((centre - half) * 100, observed), -100.0, 100.0),
          std::clamp(std::max((centre + half) * 100, observed), -100.0, 100.0)};
}

summary summarize(core::scale s, const std::vector<rating_bucket>& buckets) {
  summary out;
  out.scale = s;
  double total = 0;
  for (const auto& b : buckets) {
    if (!core::in_range(s, b.rating) || b.count <= 0) continue;
    out.n += b.count;
    total += static_cast<double>(b.rating) * static_cast<double>(b.count);
    if (core::is_happy(s, b.rating)) out.happy += b.count;
    if (core::is_unhappy(s, b.rating)) out.unhappy += b.count;
  }
  if (out.n == 0) return out;
  const double n = static_cast<double>(out.n);
  out.mean = total / n;
  if (s == core::scale::nps10) {
    out.score = static_cast<double>(out.happy - out.unhappy) * 100 / n;
    out.score_interval = nps_interval(out.happy, out.unhappy, out.n);
  } else {
    const auto w = wilson(out.happy, out.n);
    out.score = static_cast<double>(out.happy) * 100 / n;  // exact when whole: 57 of 100 is 57, not 56.99…
    out.score_interval = {w.low * 100, w.high * 100};
  }
  return out;
}

double two_proportion_z(std::int64_t x1, std::int64_t n1, std::int64_t x2, std::int64_t n2) {
  if (n1 <= 0 || n2 <= 0) return 0;
  const double a = static_cast<double>(n1);
  const double b = static_cast<double>(n2);
  const double pooled = static_cast<double>(x1 + x2) / (a + b);
  const double se = std::sqrt(pooled * (1 - pooled) * (1 / a + 1 / b));
  if (se <= 0) return 0;
  return (static_cast<double>(x1) / a - static_cast<double>(x2) / b) / se;
}

double nps_z(std::int64_t p1, std::int64_t d1, std::int64_t n1, std::int64_t p2, std::int64_t d2,
             std::int64_t n2) {
  if (n1 <= 0 || n2 <= 0) return 0;
  const double a = static_cast<double>(n1);
  const double b = static_cast<double>(n2);
  const double promoters = static_cast<double>(p1 + p2) / (a + b);
  const double detractors = static_cast<double>(d1 + d2) / (a + b);
  const double spread = promoters + detractors - (promoters - detractors) * (promoters - detractors);
  const double se = std::sqrt(std::max(0.0, spread) * (1 / a + 1 / b));
  if (se <= 0) return 0;
  const double now = static_cast<double>(p1 - d1) / a;
  const double before = static_cast<double>(p2 - d2) / b;
  return (now - before) / se;
}

}  // namespace csibot::insights
