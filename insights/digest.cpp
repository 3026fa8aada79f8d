#include "insights/digest.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/i18n.hpp"
#include "core/markup.hpp"
#include "core/period_text.hpp"
#include "core/service.hpp"
#include "insights/numbers.hpp"

namespace csibot::insights {
namespace {

constexpr std::size_t max_theme_lines = 5;
constexpr std::size_t max_improvement_lines = 10;

std::string number(double v) {
  return share_text(v);
}

std::string target_text(const service_insight& s, const std::string& lang) {
  if (!s.service.target || !s.target_met) return core::tr(lang, "digest.target.none");
  const std::string target = target_number(s.service.scale, *s.service.target);
  return core::tr(lang, *s.target_met ? "digest.target.met" : "digest.target.not_met", {{"target", target}});
}

std::vector<std::string> table_row(const service_insight& s, const std::string& lang) {
  const std::string n = std::to_string(s.figures.n);
  // Cells are neutral markup: the name is escaped like in every line below it.
  const std::string name = core::markup_name(s.service);
  // No answers first: 0 is no group to protect, and "too few" would say there were some.
  if (s.figures.n == 0) return {name, core::tr(lang, "digest.no_answers"), "", "", n, ""};
  if (s.hidden) return {name, core::tr(lang, "digest.too_few"), "", "", "", ""};
  return {name, score_text(s, lang), change_text(s, lang), weekly_text(s, lang), n, target_text(s, lang)};
}

core::table service_table(const catalog_insight& data, const std::string& lang) {
  core::table t;
  for (const char* col : {"service", "score", "change", "weeks", "n", "target"})
    t.columns.push_back(core::tr(lang, std::string{"digest.col."} + col));
  for (const auto& s : data.services)
    t.rows.push_back(table_row(s, lang));
  return t;
}

digest_section priorities(const catalog_insight& data, const digest_options& o) {
  digest_section sec{"priorities", core::tr(o.language, "digest.priorities.title"), {}, true};
  for (std::size_t i = 0; i < data.priorities.size() && i < o.top_priorities; ++i) {
    const auto& s = data.services[data.priorities[i]];
    sec.lines.push_back(
        core::tr(o.language, "digest.priorities.line",
                 {{"service", core::markup_name(s.service)}, {"why", explain_priority(s, o.language)}}));
  }
  if (sec.lines.empty()) {
    sec.numbered = false;
    sec.lines.push_back(core::tr(o.language, "digest.priorities.none"));
  }
  return sec;
}

std::string theme_line(const service_insight& s, const theme& t, const std::string& lang) {
  std::initializer_list<core::text_arg> args = {{"service", core::markup_name(s.service)},
                                                {"theme", core::literal(t.label)},
                                                {"count", std::to_string(t.count)},
                                                {"mean", core::decimal(t.mean_rating, lang)},
                                                {"quote", core::literal(t.quote)}};
  return core::tr(lang, t.quote.empty() ? "digest.themes.line_no_quote" : "digest.themes.line", args);
}

// Services in priority order first, so that the themes read as the "why" of the priorities.
digest_section themes(const catalog_insight& data, const digest_options& o) {
  digest_section sec{"themes", core::tr(o.language, "digest.themes.title"), {}, false};
  std::vector<std::size_t> order = data.priorities;
  for (std::size_t i = 0; i < data.services.size(); ++i) {
    if (std::find(order.begin(), order.end(), i) == order.end()) order.push_back(i);
  }
  for (std::size_t i : order) {
    const auto& s = data.services[i];
    for (std::size_t k = 0; k < s.themes.size() && k < o.themes_per_service; ++k) {
      if (sec.lines.size() < max_theme_lines) sec.lines.push_back(theme_line(s, s.themes[k], o.language));
    }
  }
  return sec;
}

// Each improvement once, at its last move of the period (oldest first): the digest says where things
// stand, not every step taken to get there.
std::vector<improvement_move> last_moves(std::vector<improvement_move> moves) {
  std::stable_sort(moves.begin(), moves.end(),
                   [](const auto& a, const auto& b) { return a.change.at < b.change.at; });
  std::vector<improvement_move> out;
  for (auto it = moves.rbegin(); it != moves.rend(); ++it) {
    const bool seen =
        std::any_of(out.begin(), out.end(), [&](const auto& m) { return m.item.id == it->item.id; });
    if (!seen) out.push_back(std::move(*it));
  }
  std::reverse(out.begin(), out.end());
  return out;
}

digest_section improvements(const std::vector<improvement_move>& moves, int min_group,
                            const digest_options& o) {
  digest_section sec{"improvements", core::tr(o.language, "digest.improvements.title"), {}, false};
  for (std::size_t i = 0; i < moves.size() && i < max_improvement_lines; ++i)
    sec.lines.push_back(move_line(moves[i], min_group, o.language, o.period.zone));
  if (moves.size() > max_improvement_lines) {
    sec.lines.push_back(core::tr(o.language, "digest.improvements.more",
                                 {{"count", std::to_string(moves.size() - max_improvement_lines)}}));
  }
  return sec;
}

digest_section retire(const catalog_insight& data, const digest_options& o) {
  digest_section sec{"retire", core::tr(o.language, "digest.retire.title"), {}, false};
  for (std::size_t i : data.retire) {
    const auto& s = data.services[i];
    sec.lines.push_back(core::tr(
        o.language, "digest.retire.line",
        {{"service", core::markup_name(s.service)}, {"why", explain_retire(s, data.median_n, o.language)}}));
  }
  return sec;
}

// Only services whose prompts were counted (the caller set responses): a rate per service that had
// prompts sent, and "n/a" for those that had none, in one line so that a large catalog stays short.
digest_section response_rates(const catalog_insight& data, const digest_options& o) {
  digest_section sec{"response_rate", core::tr(o.language, "digest.response.title"), {}, false};
  std::string none;
  bool counted = false;
  for (const auto& s : data.services) {
    if (s.hidden || !s.responses) continue;
    counted = true;
    if (!s.response_rate) {
      none += (none.empty() ? "" : ", ") + core::markup_name(s.service);
      continue;
    }
    sec.lines.push_back(core::tr(o.language, "digest.response.line",
                                 {{"service", core::markup_name(s.service)},
                                  {"rate", number(*s.response_rate)},
                                  {"answered", std::to_string(s.responses->answered)},
                                  {"sent", std::to_string(s.responses->sent)}}));
  }
  if (counted && sec.lines.empty()) {
    sec.lines.push_back(core::tr(o.language, "digest.response.none"));
  } else if (!none.empty()) {
    sec.lines.push_back(core::tr(o.language, "digest.response.not_sent", {{"services", none}}));
  }
  return sec;
}

std::string context(const catalog_insight& data, const std::vector<improvement_move>& moves,
                    const digest_options& o) {
  std::string out = core::tr(
      o.language, "digest.context",
      {{"range", core::range_text(o.period, o.language)}, {"min", std::to_string(min_trend_answers)}});
  const bool any_hidden =
      std::any_of(data.services.begin(), data.services.end(), [](const auto& s) { return s.hidden; });
  if (any_hidden)
    out += "\n" + core::tr(o.language, "stats.too_few_context", {{"min", std::to_string(data.min_group)}});
  if (std::any_of(moves.begin(), moves.end(), [](const auto& m) { return m.item.process_only(); }))
    out += "\n" + core::tr(o.language, "digest.improvements.process_only_context");
  return out;
}

}  // namespace

std::string score_text(const service_insight& s, const std::string& language) {
  const auto key = "digest.score." + std::string{core::to_string(s.service.scale)};
  // As many decimals as the target has, so that the score and "met" or "not met" agree.
  const int decimals = target_decimals(s.service.target);
  return core::tr(language, key,
                  {{"score", score_number(s.service.scale, s.figures.score, decimals, s.service.target)}});
}

std::string weekly_text(const service_insight& s, const std::string& language) {
  return s.weeks_withheld ? core::tr(language, "digest.weeks_too_few") : s.sparkline;
}

std::string change_text(const service_insight& s, const std::string& language) {
  switch (s.change.change) {
    case change::better:
      return core::tr(language, "digest.change.better", {{"delta", delta_text(s.change.delta)}});
    case change::worse:
      return core::tr(language, "digest.change.worse", {{"delta", delta_text(s.change.delta)}});
    case change::within_noise:
      return core::tr(language, "digest.change.within_noise");
    case change::too_few:
      // "Too few" next to hundreds of answers would read as if this period's were too few. A withheld
      // previous period had answers, so "no answers before" would be false.
      return core::tr(language, s.change.previous_n == 0 && !s.previous_withheld ? "digest.change.no_previous"
                                                                                 : "digest.change.too_few");
  }
  return {};
}

std::string explain_priority(const service_insight& s, const std::string& language) {
  const std::string crit =
      core::tr(language, "insights.criticality." + std::string{core::to_string(s.service.criticality)});
  const std::string unhappy = number(s.unhappy_pct);
  if (s.impacts.stated() == 0 || s.impacts_withheld)
    return core::tr(language, "insights.priority.why_unstated",
                    {{"criticality", crit}, {"unhappy", unhappy}});
  // The share hurt, not the most common answer: "mostly no impact" next to a high priority read as
  // if the unhappy answers had said so, when the blocked and slowed ones are what weigh.
  return core::tr(language, "insights.priority.why",
                  {{"criticality", crit}, {"unhappy", unhappy}, {"hurt", number(s.hurt_pct)}});
}

std::string explain_retire(const service_insight& s, double median_n, const std::string& language) {
  return core::tr(language, "insights.retire.why",
                  {{"share", number(s.no_impact_pct)},
                   {"n", std::to_string(s.figures.n)},
                   {"median", core::with_decimal_mark(fmt::format("{:g}", median_n), language)}});
}

digest compose_digest(catalog_insight data, const digest_options& o) {
  return compose_digest(std::move(data), {}, o);
}

digest compose_digest(catalog_insight data, std::vector<improvement_move> moves, const digest_options& o) {
  digest d;
  d.options = o;
  d.header = core::tr(o.language, "digest.header", {{"period", o.period.label}});
  if (data.services.empty()) {
    d.sections.push_back({"empty", "", {core::tr(o.language, "digest.empty")}, false});
    d.data = std::move(data);
    return d;
  }
  d.table = service_table(data, o.language);
  d.sections.push_back(priorities(data, o));
  d.improvements = last_moves(std::move(moves));
  for (auto sec : {themes(data, o), improvements(d.improvements, data.min_group, o), retire(data, o),
                   response_rates(data, o)}) {
    if (!sec.lines.empty()) d.sections.push_back(std::move(sec));
  }
  d.context = context(data, d.improvements, o);
  d.data = std::move(data);
  return d;
}

}  // namespace csibot::insights
