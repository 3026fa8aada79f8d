#include "commands/verdict_notice.hpp"

#include "core/cron.hpp"
#include "core/i18n.hpp"
#include "core/markup.hpp"
#include "insights/improvement_words.hpp"

namespace csibot::commands {
namespace {

core::message verdict_for(const config::settings& settings, const core::service& svc,
                          const core::improvement& i, const std::string& lang) {
  const auto* tz = core::find_time_zone(settings.bot.timezone);
  const bool verified = i.verification == core::verification::verified;
  core::message m;
  m.header = core::tr(lang, verified ? "verdict.header.verified" : "verdict.header.no_effect",
                      {{"id", std::to_string(i.id)}});
  // The same words `/csi improve show` gives under "Did we get there?", so the two never disagree.
  m.text = core::tr(lang, "verdict.text",
                    {{"title", core::literal(i.title)},
                     {"id", std::to_string(i.id)},
                     {"service", core::markup_name(svc)},
                     {"date", i.done_at ? core::local_date_text(*i.done_at, tz) : std::string{"–"}},
                     {"what", insights::outcome_words(i, svc, settings.bot.min_group, lang, tz)}});
  m.context = core::tr(
      lang, "verdict.context",
      {{"service", core::markup_name(svc)}, {"command", settings.bot.command}, {"id", std::to_string(i.id)}});
  return m;
}

}  // namespace

std::vector<core::outbound> verdict_messages(const config::settings& settings, const core::service& svc,
                                             const core::improvement& i, const owner_language& language_for) {
  std::vector<core::outbound> out;
  for (const auto& owner : svc.owners) {
    const auto ref = core::parse_ref(owner);
    // An owner on a platform this bot does not run cannot be reached; the verdict stays in the register.
    if (!ref || !settings.serves(ref->platform)) continue;
    auto lang = language_for ? language_for(*ref) : std::string{};
    if (lang.empty()) lang = settings.bot.language;
    out.push_back(core::outbound{
        core::delivery::direct, ref->platform, {}, ref->id, {}, verdict_for(settings, svc, i, lang)});
  }
  return out;
}

}  // namespace csibot::commands
