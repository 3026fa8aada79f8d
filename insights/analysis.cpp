#include "insights/analysis.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "insights/sparkline.hpp"

namespace csibot::insights {
namespace {

constexpr core::impact heaviest_first[] = {core::impact::blocks, core::impact::slows, core::impact::minor,
                                           core::impact::none};

double percent(std::int64_t part, std::int64_t whole) {
  return whole > 0 ? static_cast<double>(part) * 100 / static_cast<double>(whole) : 0;
}

double mean_impact_weight(const impact_mix& m) {
  if (m.stated() == 0) return 1;
  double total = 0;
  for (auto i : heaviest_first)
    total += core::impact_weight(i) * static_cast<double>(m.count(i));
  return total / static_cast<double>(m.stated());
}

double median(std::vector<std::int64_t> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const std::size_t mid = values.size() / 2;
  if (values.size() % 2 == 1) return static_cast<double>(values[mid]);
  return (static_cast<double>(values[mid - 1]) + static_cast<double>(values[mid])) / 2;
}

// The weeks split the period's answers into groups: each week, and whatever came before the drawn
// weeks (a long period draws only its last weeks). Blanking a small group alone does not hide it,
// because the period's n and score are shown beside the others: 5 answers at 80 % in week 1, a blank
// week 2 and n = 6 at 66.7 % say the lone answer was unhappy. So every group with answers needs
// min_group, or no week is shown at all.
bool weeks_single_out(core::scale s, const service_input& in, std::int64_t n, int min_group) {
  std::int64_t in_weeks = 0;
  for (const auto& week : in.weeks) {
    const std::int64_t answers = summarize(s, week).n;
    if (answers > 0 && answers < min_group) return true;
    in_weeks += answers;
  }
  const std::int64_t earlier = n - in_weeks;
  return earlier > 0 && earlier < min_group;
}

}  // namespace

bool figures_withheld(const core::service& svc, std::int64_t n, int min_group) {
  // No answers single nobody out: they read "no answers", as /csi stats shows 0.
  return svc.anonymity != core::anonymity::identified && n > 0 && n < min_group;
}

double priority_score(double criticality_weight, double unhappy_share, double impact_weight, std::int64_t n) {
  if (n <= 0) return 0;
  return criticality_weight * unhappy_share * impact_weight * std::log1p(static_cast<double>(n));
}

bool is_retire_candidate(const impact_mix& impacts, std::int64_t n, double median_n, int min_group) {
  if (impacts.stated() < min_group || n <= 0) return false;
  const double share = static_cast<double>(impacts.none) / static_cast<double>(impacts.stated());
  return share >= retire_no_impact_share && static_cast<double>(n) <= median_n;
}

service_insight analyse_service(const service_input& in, const analysis_options& o) {
  service_insight out;
  out.service = in.service;
  const core::scale s = in.service.scale;
  out.figures = summarize(s, in.ratings);
  out.hidden = figures_withheld(in.service, out.figures.n, o.min_group);
  if (out.hidden) {
    // Nothing but n may be shown, so nothing else is kept where a renderer could reach it.
    const std::int64_t n = out.figures.n;
    out.figures = summary{};
    out.figures.n = n;
    return out;
  }
  out.previous = summarize(s, in.previous);
  // The previous period of an anonymous service is its own group: below min_group it is too few.
  // Its n is withheld too, but it had answers: "too few to tell", never "no answers before".
  out.previous_withheld = figures_withheld(in.service, out.previous.n, o.min_group);
  if (out.previous_withheld) out.previous = summary{};
  out.change = compare(out.figures, out.previous);
  out.happy_pct = percent(out.figures.happy, out.figures.n);
  out.unhappy_pct = percent(out.figures.unhappy, out.figures.n);
  out.impacts_withheld = in.service.anonymity != core::anonymity::identified && in.impacts.stated() > 0 &&
                         std::cmp_less(in.impacts.stated(), o.min_group);
  // A withheld mix counts as unstated everywhere, the priority included: the text says "impact not
  // stated", and a priority weighted by the few answers would let a reader work their weight back out.
  if (!out.impacts_withheld) {
    out.impacts = in.impacts;
    out.impact_weight = mean_impact_weight(in.impacts);
    out.no_impact_pct = percent(in.impacts.none, in.impacts.stated());
    out.hurt_pct = percent(in.impacts.blocks + in.impacts.slows, in.impacts.stated());
  }
  // A week of an anonymous service is a group too (weeks_single_out): all weeks or none.
  out.weeks_withheld = in.service.anonymity != core::anonymity::identified &&
                       weeks_single_out(s, in, out.figures.n, o.min_group);
  if (!out.weeks_withheld) {
    out.weekly_scores = weekly_scores(s, in.weeks);
    out.sparkline = score_sparkline(s, out.weekly_scores);
  }
  out.themes = in.themes.top(o.themes, o.min_theme_count);
  // SPEC §5: never a quote for an anonymous service below min_group. A theme is a group of its own:
  // its quote is one of a few comments, which the few who wrote them can tell apart. Its count and
  // mean stay, as a week's score does when every week is large enough.
  if (in.service.anonymity != core::anonymity::identified) {
    for (auto& t : out.themes)
      if (t.count < o.min_group) t.quote.clear();
  }
  out.usage = in.usage.top(o.usage, o.min_theme_count);
  out.responses = in.responses;
  if (in.responses && in.responses->sent > 0)
    out.response_rate = percent(in.responses->answered, in.responses->sent);
  if (in.service.target && out.figures.n > 0) out.target_met = out.figures.score >= *in.service.target;
  out.priority = priority_score(o.weights.of(in.service.criticality), out.unhappy_pct / 100,
                                out.impact_weight, out.figures.n);
  return out;
}

catalog_insight analyse(const std::vector<service_input>& inputs, const analysis_options& o) {
  catalog_insight out;
  out.min_group = o.min_group;
  std::vector<std::int64_t> volumes;
  for (const auto& in : inputs) {
    out.services.push_back(analyse_service(in, o));
    // Only shown n: with the others beside it, a median that counted a hidden n would give it back.
    const auto& s = out.services.back();
    if (s.figures.n > 0 && !s.hidden) volumes.push_back(s.figures.n);
  }
  out.median_n = median(o.catalog_volumes.empty() ? std::move(volumes) : o.catalog_volumes);
  for (std::size_t i = 0; i < out.services.size(); ++i) {
    auto& si = out.services[i];
    if (si.hidden) continue;
    if (si.priority > 0) out.priorities.push_back(i);
    si.retire = is_retire_candidate(si.impacts, si.figures.n, out.median_n, o.min_group);
    if (si.retire) out.retire.push_back(i);
  }
  std::stable_sort(out.priorities.begin(), out.priorities.end(), [&](std::size_t a, std::size_t b) {
    return out.services[a].priority > out.services[b].priority;
  });
  return out;
}

}  // namespace csibot::insights
