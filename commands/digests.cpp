#include "commands/digests.hpp"

#include <algorithm>
#include <unordered_map>

#include "commands/improvements.hpp"
#include "core/i18n.hpp"
#include "dialog/actions.hpp"
#include "insights/analysis.hpp"
#include "insights/pass.hpp"
#include "insights/text_rules.hpp"
#include "storage/insight_queries.hpp"
#include "storage/prompt_repository.hpp"
#include "storage/repositories.hpp"

namespace csibot::commands {

namespace {

// The answers of every catalog service with any in `p`, when `selected` is only part of the catalog:
// whether a service is "rarely used" (a retire candidate) is judged against all of them. Read from
// the (service, created_at, rating) index, one range per service. A service whose figures are
// withheld is left out, as analyse() leaves it out of a whole catalog: the digest prints the median.
std::vector<std::int64_t> catalog_volumes(storage::database& db, const std::vector<core::service>& selected,
                                          const core::period& p, int min_group) {
  const auto catalog = storage::service_repository{db}.list();
  if (catalog.size() <= selected.size()) return {};
  const storage::feedback_repository feedback{db};
  std::vector<std::int64_t> out;
  for (const auto& svc : catalog) {
    std::int64_t n = 0;
    for (const auto& c : feedback.rating_histogram(svc.id, p.from, p.to))
      n += c.count;
    if (n > 0 && !insights::figures_withheld(svc, n, min_group)) out.push_back(n);
  }
  return out;
}

}  // namespace

insights::catalog_insight analyse_services(storage::database& db, const config::settings& settings,
                                           const std::vector<core::service>& services, const core::period& p,
                                           core::timestamp now) {
  const insights::text_rules rules{settings.synonyms};
  const storage::insight_queries queries{db};
  const storage::feedback_repository feedback{db};
  const storage::prompt_repository prompts{db};

  std::vector<insights::service_accumulator> accs;
  std::unordered_map<std::string, std::size_t> index;
  accs.reserve(services.size());
  for (const auto& svc : services) {
    index.emplace(svc.id, accs.size());
    // The current quarter ends in the future: its weeks are counted back from now, not from p.to.
    accs.emplace_back(svc, p, rules, now);
  }
  const auto add = [&](const storage::answer_row& r) {
    const auto it = index.find(r.service);
    if (it == index.end()) return;
    accs[it->second].add({r.created_at, r.rating, r.reason ? *r.reason : std::string_view{}, r.impact,
                          r.usage ? *r.usage : std::string_view{}});
  };
  // One service reads only its index range; several share one walk of the created_at index.
  if (services.size() == 1) {
    queries.for_each_answer(services.front().id, p.from, p.to, add);
  } else if (!services.empty()) {
    queries.for_each_answer(p.from, p.to, add);
  }

  const core::period before = p.previous();
  std::vector<insights::service_input> inputs;
  inputs.reserve(services.size());
  for (std::size_t i = 0; i < services.size(); ++i) {
    for (const auto& c : feedback.rating_histogram(services[i].id, before.from, before.to))
      accs[i].add_previous(c.rating, c.count);
    // Response rate (SPEC §4): prompts sent in the period and how many of those were answered; a
    // service with none sent shows "n/a", never an estimate.
    const auto counts = prompts.response_counts(services[i].id, p.from, p.to);
    accs[i].set_responses({.sent = counts.sent, .answered = counts.answered});
    inputs.push_back(std::move(accs[i]).finish());
  }
  return insights::analyse(inputs,
                           {.min_group = settings.bot.min_group,
                            .weights = settings.criticality_weights,
                            .catalog_volumes = catalog_volumes(db, services, p, settings.bot.min_group)});
}

core::message digest_message(const insights::digest& d) {
  auto m = insights::to_message(d);
  const auto& services = d.data.services;
  const std::size_t n = std::min(services.size(), digest_feedback_buttons);
  m.buttons.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& svc = services[i].service;
    // Starts a conversation about this service in the DM of whoever clicked, as `/csi feedback <id>`
    // would (dispatcher::on_action). The label carries the name as it is, not core::markup_name: the
    // local web chat shows labels without reading markup.
    m.buttons.push_back(
        core::button{core::tr(d.options.language, "digest.button.feedback", {{"service", svc.name}}),
                     std::string{dialog::actions::give_feedback}, svc.id});
  }
  return m;
}

insights::digest build_digest(storage::database& db, const config::settings& settings,
                              const std::vector<core::service>& services, const core::period& p,
                              const std::string& language, core::timestamp now,
                              const owner_language& language_for) {
  check_improvements(db, settings, services, now, language_for);
  // A rolling period asked for now ends now: a verdict the pass above reached now belongs in it.
  core::period moved = p;
  if (p.to == now) moved.to = now + core::milliseconds{1};
  return insights::compose_digest(analyse_services(db, settings, services, p, now),
                                  improvement_moves(db, services, moved),
                                  {.language = language, .period = p});
}

std::vector<core::service> select_services(const std::vector<core::service>& catalog,
                                           const std::vector<std::string>& ids) {
  if (std::find(ids.begin(), ids.end(), "*") != ids.end()) return catalog;
  std::vector<core::service> out;
  for (const auto& svc : catalog) {
    if (std::find(ids.begin(), ids.end(), svc.id) != ids.end()) out.push_back(svc);
  }
  return out;
}

}  // namespace csibot::commands
