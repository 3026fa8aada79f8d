#include "commands/figures.hpp"

#include <fmt/format.h>

#include "storage/repositories.hpp"

namespace csibot::commands {

insights::summary figures_for(storage::database& db, const core::service& svc, const core::period& p) {
  const storage::feedback_repository repo{db};
  std::vector<insights::rating_bucket> buckets;
  for (const auto& c : repo.rating_histogram(svc.id, p.from, p.to))
    buckets.push_back({c.rating, c.count});
  return insights::summarize(svc.scale, buckets);
}

bool hide_figures(const core::service& svc, const insights::summary& s, int min_group) {
  return svc.anonymity != core::anonymity::identified && s.n < min_group;
}

std::string score_text(core::scale scale, const insights::summary& s) {
  if (scale == core::scale::nps10) return fmt::format("{:+.0f}", s.score);
  return fmt::format("{:.0f} %", s.score);
}

std::string interval_text(core::scale scale, const insights::summary& s) {
  if (scale == core::scale::nps10)
    return fmt::format("{:+.0f}…{:+.0f}", s.score_interval.low, s.score_interval.high);
  return fmt::format("{:.0f}–{:.0f} %", s.score_interval.low, s.score_interval.high);
}

std::string mean_text(const insights::summary& s) {
  return fmt::format("{:.1f}", s.mean);
}

std::string score_name(core::scale scale) {
  switch (scale) {
    case core::scale::csat5:
      return "CSAT";
    case core::scale::nps10:
      return "NPS";
    case core::scale::ces7:
      return "CES";
    case core::scale::thumbs:
      return "\xF0\x9F\x91\x8D";
  }
  return "CSAT";
}

}  // namespace csibot::commands
