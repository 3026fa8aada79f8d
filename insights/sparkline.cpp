#include "insights/sparkline.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>

namespace csibot::insights {

std::vector<std::optional<double>> weekly_scores(core::scale s,
                                                 const std::vector<std::vector<rating_bucket>>& weeks,
                                                 std::int64_t min_answers) {
  std::vector<std::optional<double>> out;
  out.reserve(weeks.size());
  for (const auto& week : weeks) {
    const summary sum = summarize(s, week);
    if (sum.n == 0 || sum.n < min_answers) {
      out.emplace_back(std::nullopt);
    } else {
      out.emplace_back(sum.score);
    }
  }
  return out;
}

std::string sparkline(const std::vector<std::optional<double>>& values, double low, double high) {
  static constexpr std::array<std::string_view, 8> bars{"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
  std::string out;
  for (const auto& v : values) {
    if (!v || high <= low) {
      out += "·";
      continue;
    }
    const double share = std::clamp((*v - low) / (high - low), 0.0, 1.0);
    // Eight equal bands; the top value lands in the last one, not past it.
    const auto band = std::min<std::size_t>(7, static_cast<std::size_t>(std::floor(share * 8)));
    out += bars[band];
  }
  return out;
}

std::string score_sparkline(core::scale s, const std::vector<std::optional<double>>& scores) {
  return s == core::scale::nps10 ? sparkline(scores, -100, 100) : sparkline(scores, 0, 100);
}

}  // namespace csibot::insights
