#include "commands/report_back.hpp"

#include <algorithm>

#include "core/cron.hpp"
#include "core/i18n.hpp"
#include "core/markup.hpp"
#include "core/service.hpp"
#include "insights/themes.hpp"
#include "insights/verification.hpp"
#include "storage/prompt_repository.hpp"
#include "storage/reply_repository.hpp"
#include "storage/repositories.hpp"

namespace csibot::commands {
namespace {

// Short enough to read on a phone's lock screen, long enough to recognise what one said.
constexpr std::size_t quoted_chars = 100;
// The owner's expected effect may be as long as a reason; the report carries its gist.
constexpr std::size_t effect_chars = 300;

// One person's linked answers, in feedback order.
struct person_group {
  storage::reply_recipient to;
  std::vector<core::feedback> answers;
};

std::vector<person_group> reachable_groups(storage::database& db, const config::settings& settings,
                                           const core::improvement& i) {
  std::vector<person_group> groups;
  const storage::feedback_repository feedback{db};
  const storage::reply_repository replies{db};
  const storage::prompt_repository prompts{db};
  for (const auto id : i.feedback_ids) {
    auto f = feedback.find(id);
    if (!f) continue;
    const auto to = replies.recipient(*f);
    // An opt-out is keyed by the whole reference, as /csi optout stores it.
    // Nobody can be told on a platform this bot does not run (any more).
    if (!to || !settings.serves(to->person.platform) || prompts.is_opted_out(to->person.str())) continue;
    const auto same = [&](const person_group& g) { return g.to.person == to->person; };
    if (auto it = std::find_if(groups.begin(), groups.end(), same); it != groups.end()) {
      it->to.through_link = it->to.through_link || to->through_link;
      it->answers.push_back(std::move(*f));
    } else {
      groups.push_back({*to, {std::move(*f)}});
    }
  }
  return groups;
}

core::message report_for(const person_group& g, const core::improvement& i, const std::string& service,
                         const std::string& lang, const config::settings& settings, core::timestamp now) {
  const auto& command = settings.bot.command;
  std::string ids;
  const core::feedback* quoted = nullptr;
  for (const auto& f : g.answers) {
    ids += (ids.empty() ? "#" : ", #") + std::to_string(f.id);
    if (quoted == nullptr && f.reason) quoted = &f;
  }
  core::message m;
  m.header = core::tr(lang, "reportback.header");
  m.text = quoted != nullptr
               ? core::tr(lang, "reportback.said",
                          {{"service", service},
                           {"ids", ids},
                           {"quote", core::literal(insights::short_quote(*quoted->reason, quoted_chars))}})
               : core::tr(lang, "reportback.said_no_words", {{"service", service}, {"ids", ids}});
  m.text += "\n" + core::tr(lang, "reportback.did",
                            {{"title", core::literal(i.title)}, {"id", std::to_string(i.id)}});
  if (i.expected_effect) {
    m.text +=
        "\n" + core::tr(lang, "reportback.effect",
                        {{"effect", core::literal(insights::short_quote(*i.expected_effect, effect_chars))}});
  }
  m.text += "\n" + core::tr(lang, "reportback.check",
                            {{"service", service},
                             {"date", core::local_date_text(insights::after_period(now, i.baseline).to,
                                                            core::find_time_zone(settings.bot.timezone))}});
  m.context = core::tr(lang, "reportback.context", {{"command", command}});
  if (g.to.through_link) m.context += " " + core::tr(lang, "reportback.context_link");
  return m;
}

}  // namespace

report_back tell_linked_people(storage::database& db, const config::settings& settings,
                               const core::service* svc, const core::improvement& i, core::timestamp now,
                               const std::function<std::string(const core::ref&)>& language_for) {
  const std::string service = svc != nullptr ? core::markup_name(*svc) : core::literal(i.service);
  const auto groups = reachable_groups(db, settings, i);
  report_back out;
  bool nameable = svc == nullptr || svc->anonymity == core::anonymity::identified;
  for (const auto& g : groups) {
    out.messages.push_back({core::delivery::direct,
                            g.to.person.platform,
                            {},
                            g.to.person.id,
                            {},
                            report_for(g, i, service, language_for(g.to.person), settings, now)});
    out.names.push_back(g.to.person.str());
    nameable = nameable && !g.to.through_link;
  }
  out.told = out.messages.size();
  if (!nameable) out.names.clear();
  return out;
}

}  // namespace csibot::commands
