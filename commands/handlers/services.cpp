#include "commands/handlers/handlers.hpp"
#include "core/i18n.hpp"
#include "core/markup.hpp"
#include "core/service.hpp"

namespace csibot::commands::handlers {

std::vector<core::outbound> services(command_env& env) {
  const auto& lang = env.language;
  core::message m;
  m.header = core::tr(lang, "services.header");
  if (env.catalog.empty()) {
    m.text = core::tr(lang, "services.empty");
    return {env.ephemeral(std::move(m))};
  }
  core::table t;
  for (const char* col : {"id", "name", "criticality", "scale", "owners"}) {
    t.columns.push_back(core::tr(lang, std::string{"services.col."} + col));
  }
  for (const auto& s : env.catalog) {
    std::string owners;
    for (const auto& o : s.owners)
      owners += (owners.empty() ? "" : ", ") + core::literal(o);
    // Cells are neutral markup: the id, the name and the owners show as typed. Criticality is in the
    // reader's language; `/csi service set` takes the config words, and says which.
    t.rows.push_back({core::literal(s.id), core::markup_name(s),
                      core::tr(lang, "criticality." + std::string{core::to_string(s.criticality)}),
                      std::string{core::to_string(s.scale)}, owners});
  }
  m.table = std::move(t);
  m.context =
      core::tr(lang, "services.context",
               {{"count", std::to_string(env.catalog.size())}, {"command", env.settings.bot.command}});
  return {env.ephemeral(std::move(m))};
}

}  // namespace csibot::commands::handlers
