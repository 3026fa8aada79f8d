#include "insights/numbers.hpp"

#include <fmt/format.h>

#include <cmath>

namespace csibot::insights {
namespace {

// A score computed as count × 100 / n is exact when it is whole; the nudge keeps a product such as
// 85.5 × 10 = 854.9999… from being cut a step too low.
constexpr double nudge = 1e-9;

double step_of(int decimals) {
  return std::pow(10.0, -decimals);
}

double rounded(double v, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(v * scale) / scale;
}

double cut(double v, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::floor(v * scale + nudge) / scale;
}

double raised(double v, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::ceil(v * scale - nudge) / scale;
}

std::string fixed(double v, int decimals) {
  return fmt::format("{:.{}f}", v, decimals);
}

// Rounded, but never onto a mark the value has not reached: a target it is below, or the end of
// the range (only everyone is 100 %, only no one 0 %).
double shown(double v, int decimals, double top, std::optional<double> target) {
  double r = rounded(v, decimals);
  if (target && v < *target && r >= *target) r = cut(v, decimals);
  // A target finer than max_target_decimals: a score that meets it is not rounded below it either.
  if (target && v >= *target && r < *target) r = raised(v, decimals);
  const double step = step_of(decimals);
  if (r >= top) r = top - step;
  if (r <= -top) r = -top + step;
  return r;
}

}  // namespace

int target_decimals(std::optional<double> target) {
  if (!target) return 0;
  for (int d = 0; d < max_target_decimals; ++d) {
    const double scaled = *target * std::pow(10.0, d);
    if (std::abs(scaled - std::round(scaled)) < 1e-6) return d;
  }
  return max_target_decimals;
}

std::string share_text(double percent, int decimals, std::optional<double> target) {
  if (percent <= 0) return "0";
  if (percent >= 100) return "100";
  const double r = shown(percent, decimals, 100, target);
  if (r <= 0) return "<" + fixed(step_of(decimals), decimals);
  return fixed(r, decimals);
}

std::string nps_text(double points, int decimals, std::optional<double> target) {
  if (points == 0) return "0";
  if (points >= 100) return "+100";
  if (points <= -100) return "-100";
  const double r = shown(points, decimals, 100, target);
  if (r == 0) return (points > 0 ? "+<" : "-<") + fixed(step_of(decimals), decimals);
  return fmt::format("{:+.{}f}", r, decimals);
}

std::string score_number(core::scale s, double value, int decimals, std::optional<double> target) {
  return s == core::scale::nps10 ? nps_text(value, decimals, target) : share_text(value, decimals, target);
}

std::string target_number(core::scale s, double target) {
  if (s != core::scale::nps10 || target == 0) return fmt::format("{:g}", target);
  return fmt::format("{:+g}", target);
}

std::string delta_text(double points) {
  return nps_text(points, 0, std::nullopt);
}

std::string bound_number(core::scale s, double bound) {
  const double r = std::round(bound) + 0.0;  // + 0.0: never "-0"
  return s == core::scale::nps10 && r != 0 ? fmt::format("{:+.0f}", r) : fixed(r, 0);
}

std::string interval_number(core::scale s, double low, double high) {
  return bound_number(s, low) + (s == core::scale::nps10 ? "…" : "–") + bound_number(s, high);
}

std::string with_unit(core::scale s, const std::string& number) {
  return s == core::scale::nps10 ? number : number + " %";
}

}  // namespace csibot::insights
