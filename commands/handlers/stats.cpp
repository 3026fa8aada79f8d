#include "commands/arguments.hpp"
#include "commands/digests.hpp"
#include "commands/figures.hpp"
#include "commands/handlers/handlers.hpp"
#include "core/i18n.hpp"
#include "core/markup.hpp"
#include "core/period_text.hpp"
#include "core/service.hpp"

namespace csibot::commands::handlers {
namespace {

std::string period_context(const command_env& env, const core::period& p) {
  return core::tr(env.language, "stats.context", {{"range", core::range_text(p, env.language)}});
}

core::message one_service(const command_env& env, const core::service& svc, const core::period& p) {
  const auto& lang = env.language;
  const auto insight = analyse_services(env.db, env.settings, {svc}, p, env.now).services.at(0);
  const auto& s = insight.figures;
  core::message m;
  m.header =
      core::tr(lang, "stats.header_service", {{"service", core::markup_name(svc)}, {"period", p.label}});
  m.context = period_context(env, p);
  if (s.n == 0) {
    m.text = core::tr(lang, "stats.none");
    return m;
  }
  if (hide_figures(svc, s, env.settings.bot.min_group)) {
    m.text = core::tr(lang, "stats.too_few");
    m.context =
        core::tr(lang, "stats.too_few_context", {{"min", std::to_string(env.settings.bot.min_group)}});
    return m;
  }
  // SPEC §5's figures for one service: the score with its doubt, whether it moved beyond noise
  // against the previous equal period, the weeks, whether people answer prompts, and the impact.
  const int min_group = env.settings.bot.min_group;
  m.fields = {{core::tr(lang, "stats.responses"), std::to_string(s.n)},
              {score_name(svc.scale), score_text(svc.scale, s, svc.target)},
              {core::tr(lang, "stats.interval"), interval_text(svc.scale, s)},
              {core::tr(lang, "stats.mean"), mean_text(s, lang)},
              {core::tr(lang, "stats.change"), insights::change_text(insight, lang)},
              {core::tr(lang, "stats.weekly"), insights::weekly_text(insight, lang)},
              {core::tr(lang, "stats.response"), response_rate_text(insight, lang)},
              {core::tr(lang, "stats.impact"), impact_text(svc, insight, min_group, lang)}};
  return m;
}

core::message catalog_table(const command_env& env, const core::period& p) {
  const auto& lang = env.language;
  core::message m;
  m.header = core::tr(lang, "stats.header", {{"period", p.label}});
  if (env.catalog.empty()) {
    m.text = core::tr(lang, "stats.no_services");
    return m;
  }
  core::table t;
  for (const char* col : {"service", "n", "score", "interval", "mean"}) {
    t.columns.push_back(core::tr(lang, std::string{"stats.col."} + col));
  }
  bool any_hidden = false;
  for (const auto& svc : env.catalog) {
    const auto s = figures_for(env.db, svc, p);
    const std::string id = core::literal(svc.id);  // a cell is markup; an id may hold '_'
    if (s.n == 0) {
      t.rows.push_back({id, "0", "–", "–", "–"});
    } else if (hide_figures(svc, s, env.settings.bot.min_group)) {
      any_hidden = true;
      t.rows.push_back({id, core::tr(lang, "stats.too_few"), "–", "–", "–"});
    } else {
      t.rows.push_back({id, std::to_string(s.n),
                        score_name(svc.scale) + " " + score_text(svc.scale, s, svc.target),
                        interval_text(svc.scale, s), mean_text(s, lang)});
    }
  }
  m.table = std::move(t);
  m.context = period_context(env, p);
  if (any_hidden) {
    m.context +=
        "\n" + core::tr(lang, "stats.too_few_context", {{"min", std::to_string(env.settings.bot.min_group)}});
  }
  return m;
}

}  // namespace

std::vector<core::outbound> stats(command_env& env) {
  const auto sc = read_scope(env, 0);
  if (!sc.error.empty()) {
    core::message m;
    m.text = sc.error;
    return {env.ephemeral(std::move(m))};
  }
  return {
      env.ephemeral(sc.service ? one_service(env, *sc.service, sc.period) : catalog_table(env, sc.period))};
}

}  // namespace csibot::commands::handlers
