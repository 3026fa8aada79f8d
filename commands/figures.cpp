#include "commands/figures.hpp"

#include <fmt/format.h>

#include "core/i18n.hpp"
#include "core/markup.hpp"
#include "insights/numbers.hpp"
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
  return insights::figures_withheld(svc, s.n, min_group);  // the digest's rule, so that both agree
}

std::string score_text(core::scale scale, const insights::summary& s, std::optional<double> target) {
  const std::string value = insights::score_number(scale, s.score, insights::target_decimals(target), target);
  return scale == core::scale::nps10 ? value : value + " %";
}

std::string interval_text(core::scale scale, const insights::summary& s) {
  const std::string bounds = insights::interval_number(scale, s.score_interval.low, s.score_interval.high);
  return scale == core::scale::nps10 ? bounds : bounds + " %";
}

std::string mean_text(const insights::summary& s, const std::string& language) {
  return core::decimal(s.mean, language);
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

std::string usage_text(const core::service& svc, const insights::service_insight& in, int min_group,
                       const std::string& language) {
  if (in.figures.n == 0) return core::tr(language, "stats.none");
  if (hide_figures(svc, in.figures, min_group)) return core::tr(language, "stats.too_few");
  std::string out;
  for (const auto& u : in.usage)
    out += (out.empty() ? "" : ", ") + fmt::format("{} ({})", core::literal(u.label), u.count);  // as typed
  return out.empty() ? core::tr(language, "service.nobody_said") : out;
}

std::string impact_text(const core::service& svc, const insights::service_insight& in, int min_group,
                        const std::string& language) {
  if (in.figures.n == 0) return core::tr(language, "stats.none");
  if (hide_figures(svc, in.figures, min_group)) return core::tr(language, "stats.too_few");
  // The mix is a figure of its own: six answers of which two state an impact show those two people's
  // choice, which an anonymous service must not single out (SPEC §5). The insight keeps no mix then.
  if (in.impacts_withheld) return core::tr(language, "stats.too_few");
  const auto stated = in.impacts.stated();
  if (stated == 0) return core::tr(language, "service.nobody_said");
  std::string out;
  for (const auto i : {core::impact::blocks, core::impact::slows, core::impact::minor, core::impact::none}) {
    out += fmt::format(
        "{}{} {} %", out.empty() ? "" : ", ",
        core::tr(language, "insights.impact." + std::string{core::to_string(i)}),
        insights::share_text(100.0 * static_cast<double>(in.impacts.count(i)) / static_cast<double>(stated)));
  }
  return out + " " + core::tr(language, "service.of_answers", {{"n", std::to_string(stated)}});
}

std::string response_rate_text(const insights::service_insight& in, const std::string& language) {
  if (!in.response_rate || !in.responses) return core::tr(language, "stats.response_na");
  return core::tr(language, "stats.response_rate",
                  {{"rate", insights::share_text(*in.response_rate)},
                   {"answered", std::to_string(in.responses->answered)},
                   {"sent", std::to_string(in.responses->sent)}});
}

}  // namespace csibot::commands
