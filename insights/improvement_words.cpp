#include "insights/improvement_words.hpp"

#include <fmt/format.h>

#include "core/cron.hpp"
#include "core/i18n.hpp"
#include "core/markup.hpp"
#include "core/service.hpp"
#include "insights/numbers.hpp"
#include "insights/verification.hpp"

namespace csibot::insights {
namespace {

std::string score_words(const core::service& svc, double score, const std::string& language) {
  const std::string value = score_number(svc.scale, score);
  return core::tr(language, "digest.score." + std::string{core::to_string(svc.scale)}, {{"score", value}});
}

std::string length_words(const core::measurement& m) {
  return core::format_duration(std::chrono::duration_cast<core::milliseconds>(m.to - m.from));
}

// "CSAT 62 % → 81 % (n 41 → 37)"
std::string before_after(const core::improvement& i, const core::service& svc, const std::string& language) {
  return core::tr(language, "improve.before_after",
                  {{"before", score_words(svc, i.baseline.score, language)},
                   {"after", score_words(svc, i.after->score, language)},
                   {"from", std::to_string(i.baseline.n)},
                   {"to", std::to_string(i.after->n)}});
}

}  // namespace

std::string state_words(core::improvement_state s, const std::string& language) {
  return core::tr(language, "improve.state." + std::string{core::to_string(s)});
}

bool may_show(const core::service& svc, const core::measurement& m, int min_group) {
  return svc.anonymity == core::anonymity::identified || m.n >= min_group;
}

std::string measurement_words(const core::service& svc, const core::measurement& m, int min_group,
                              const std::string& language) {
  const std::string period = length_words(m);
  if (m.n == 0) return core::tr(language, "improve.figures.none", {{"period", period}});
  if (!may_show(svc, m, min_group)) return core::tr(language, "improve.figures.hidden", {{"period", period}});
  return core::tr(
      language, "improve.figures",
      {{"score", score_words(svc, m.score, language)}, {"n", std::to_string(m.n)}, {"period", period}});
}

std::string outcome_words(const core::improvement& i, const core::service& svc, int min_group,
                          const std::string& language, const date::time_zone* tz) {
  if (!i.done_at) return {};
  // A verdict is only given on min_group answers or more on both sides, so its figures may be shown.
  const std::string figures = i.after ? before_after(i, svc, language) : std::string{"–"};
  switch (i.verification) {
    case core::verification::verified:
      return core::tr(language, "improve.outcome.verified", {{"figures", figures}});
    case core::verification::no_effect:
      if (i.baseline.n < min_group) return core::tr(language, "improve.outcome.no_baseline");
      return core::tr(language, "improve.outcome.no_effect", {{"figures", figures}});
    case core::verification::pending:
      break;
  }
  const auto due = after_period(*i.done_at, i.baseline).to;
  if (!i.after) return core::tr(language, "improve.outcome.due", {{"date", core::local_date_text(due, tz)}});
  return core::tr(language, "improve.outcome.waiting", {{"min", std::to_string(min_group)}});
}

std::string move_line(const improvement_move& m, int min_group, const std::string& language,
                      const date::time_zone* tz) {
  std::string what;
  if (m.change.no_effect || m.change.state == core::improvement_state::verified ||
      m.change.state == core::improvement_state::done) {
    what =
        m.change.state == core::improvement_state::done && !m.change.no_effect
            ? core::tr(language, "digest.improvements.done",
                       {{"date", core::local_date_text(after_period(m.change.at, m.item.baseline).to, tz)}})
            : outcome_words(m.item, m.service, min_group, language, tz);
  } else {
    what = state_words(m.change.state, language);
  }
  std::string line = core::tr(language, "digest.improvements.line",
                              {{"service", core::markup_name(m.service)},
                               {"id", std::to_string(m.item.id)},
                               {"title", core::literal(m.item.title)},
                               {"what", what}});
  if (m.item.process_only()) line += core::tr(language, "digest.improvements.process_only");
  return line;
}

}  // namespace csibot::insights
