#include "commands/improvement_view.hpp"

#include <algorithm>

#include "core/cron.hpp"
#include "core/i18n.hpp"
#include "core/markup.hpp"
#include "core/service.hpp"
#include "insights/improvement_words.hpp"
#include "storage/improvement_repository.hpp"

namespace csibot::commands {
namespace {

// Dates people read are local to the bot (bot.timezone), as /csi stats shows times; storage keeps UTC.
const date::time_zone* zone(const command_env& env) {
  return core::find_time_zone(env.settings.bot.timezone);
}

std::string local_date(const command_env& env, core::timestamp t) {
  return core::local_date_text(t, zone(env));
}

// Lines the service view shows per field before pointing to `/csi improve list`.
constexpr std::size_t service_view_lines = 5;

std::string ids_text(const std::vector<std::int64_t>& ids) {
  std::string out;
  for (const auto id : ids)
    out += (out.empty() ? "#" : ", #") + std::to_string(id);
  return out;
}

// A missing why is not just "none": the field says how to give it.
std::string why_field(const command_env& env, const core::improvement& i,
                      const std::optional<std::string>& value, const char* missing_key) {
  if (value) return core::literal(*value);
  return core::tr(env.language, missing_key,
                  {{"command", env.settings.bot.command}, {"id", std::to_string(i.id)}});
}

std::string history_text(const command_env& env, const core::improvement& i) {
  std::string out;
  for (const auto& c : storage::improvement_repository{env.db}.history(i.id)) {
    const auto what = c.no_effect ? core::tr(env.language, "improve.history.no_effect")
                                  : insights::state_words(c.state, env.language);
    out += (out.empty() ? "" : "\n") +
           core::tr(env.language, "improve.history.line",
                    {{"date", local_date(env, c.at)}, {"what", what}, {"user", core::literal(c.actor)}});
  }
  return out;
}

std::string short_line(const command_env& env, const core::service& svc, const core::improvement& i) {
  const auto outcome = insights::outcome_words(i, svc, env.settings.bot.min_group, env.language, zone(env));
  return core::tr(env.language, "improve.short_line",
                  {{"id", std::to_string(i.id)},
                   {"title", core::literal(i.title)},
                   {"what", outcome.empty() ? insights::state_words(i.state, env.language) : outcome}});
}

std::string capped_lines(const command_env& env, const core::service& svc,
                         const std::vector<const core::improvement*>& items) {
  std::string out;
  for (std::size_t k = 0; k < items.size() && k < service_view_lines; ++k)
    out += (out.empty() ? "" : "\n") + short_line(env, svc, *items[k]);
  if (items.size() > service_view_lines) {
    out += "\n" + core::tr(env.language, "improve.more",
                           {{"count", std::to_string(items.size() - service_view_lines)},
                            {"command", env.settings.bot.command},
                            {"service", svc.id}});
  }
  return out;
}

}  // namespace

core::service service_of(const command_env& env, const core::improvement& i) {
  if (const auto* svc = env.service(i.service)) return *svc;
  core::service removed;
  removed.id = removed.name = i.service;
  return removed;
}

std::string list_line(const command_env& env, const core::improvement& i) {
  const auto svc = service_of(env, i);
  const auto outcome = insights::outcome_words(i, svc, env.settings.bot.min_group, env.language, zone(env));
  std::string line =
      core::tr(env.language, "improve.list.line",
               {{"id", std::to_string(i.id)},
                {"title", core::literal(i.title)},
                {"service", core::markup_name(svc)},
                {"what", outcome.empty() ? insights::state_words(i.state, env.language) : outcome}});
  if (i.business_function)
    line += core::tr(env.language, "improve.list.for", {{"function", core::literal(*i.business_function)}});
  if (i.process_only()) line += core::tr(env.language, "improve.list.process_only");
  return line;
}

core::message show_message(const command_env& env, const core::improvement& i) {
  const auto& lang = env.language;
  const auto svc = service_of(env, i);
  const int min_group = env.settings.bot.min_group;
  const std::string none = core::tr(lang, "service.none");
  core::message m;
  m.header = core::tr(lang, "improve.show.header",
                      {{"id", std::to_string(i.id)}, {"title", core::literal(i.title)}});
  m.fields = {
      {core::tr(lang, "improve.show.service"), core::markup_name(svc) + " (" + core::literal(svc.id) + ")"},
      {core::tr(lang, "improve.show.state"), insights::state_words(i.state, lang)},
      {core::tr(lang, "improve.show.for"),
       why_field(env, i, i.business_function, "improve.show.missing_for")},
      {core::tr(lang, "improve.show.effect"),
       why_field(env, i, i.expected_effect, "improve.show.missing_effect")},
      {core::tr(lang, "improve.show.theme"), i.theme ? core::literal(*i.theme) : none},
      {core::tr(lang, "improve.show.feedback"), i.feedback_ids.empty() ? none : ids_text(i.feedback_ids)},
      {core::tr(lang, "improve.show.baseline"),
       insights::measurement_words(svc, i.baseline, min_group, lang) +
           core::tr(lang, "improve.show.dates",
                    {{"from", local_date(env, i.baseline.from)}, {"to", local_date(env, i.baseline.to)}})},
  };
  if (i.done_at) {
    const auto after =
        i.after ? insights::measurement_words(svc, *i.after, min_group, lang) : std::string{"–"};
    m.fields.push_back(
        {core::tr(lang, "improve.show.after", {{"date", local_date(env, *i.done_at)}}), after});
    m.fields.push_back({core::tr(lang, "improve.show.verification"),
                        insights::outcome_words(i, svc, min_group, lang, zone(env))});
  }
  m.fields.push_back({core::tr(lang, "improve.show.history"), history_text(env, i)});
  if (i.process_only())
    m.context = core::tr(lang, "improve.process_only_hint",
                         {{"command", env.settings.bot.command}, {"id", std::to_string(i.id)}});
  return m;
}

std::string open_improvements_text(const command_env& env, const core::service& svc,
                                   const std::vector<core::improvement>& items) {
  std::vector<const core::improvement*> open;
  for (const auto& i : items)
    if (core::is_open(i.state)) open.push_back(&i);
  std::stable_sort(open.begin(), open.end(), [](const auto* a, const auto* b) {
    return core::listing_rank(a->state) > core::listing_rank(b->state);  // nearest to done first
  });
  return open.empty() ? core::tr(env.language, "service.no_improvements") : capped_lines(env, svc, open);
}

std::string finished_improvements_text(const command_env& env, const core::service& svc,
                                       const std::vector<core::improvement>& items) {
  std::vector<const core::improvement*> finished;
  for (const auto state : {core::improvement_state::verified, core::improvement_state::done})
    for (const auto& i : items)
      if (i.state == state) finished.push_back(&i);
  return finished.empty() ? core::tr(env.language, "service.no_verified") : capped_lines(env, svc, finished);
}

}  // namespace csibot::commands
