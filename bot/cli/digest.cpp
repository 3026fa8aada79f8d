// `csibot digest [--service S] [--period P] [--format md|json]`: the same digest the bot posts, for
// reports, e-mail or a wiki page.
#include "insights/digest.hpp"

#include <ostream>

#include "bot/cli/commands.hpp"
#include "bot/cli/common.hpp"
#include "commands/digests.hpp"
#include "storage/database.hpp"
#include "storage/repositories.hpp"

namespace csibot::cli {

int digest(const config_flag& config, const std::string& service, const std::string& period,
           const std::string& format, std::ostream& out, std::ostream& err) {
  return guarded(err, [&] {
    if (format != "md" && format != "json")
      throw failure{bad_input, "--format must be md or json, not '" + format + "'"};
    const auto settings = load_settings(config, err);
    const auto t = now();
    const auto p = period_or_fail(period.empty() ? "30d" : period, t);
    const auto db = open_database(settings, t);
    const auto catalog = storage::service_repository{*db}.list();
    std::vector<core::service> services = catalog;
    if (!service.empty()) services = {service_or_fail(catalog, service)};
    const auto d = commands::build_digest(*db, settings, services, p, settings.bot.language);
    out << (format == "json" ? insights::to_json(d) : insights::to_markdown(d)) << '\n';
    return ok;
  });
}

}  // namespace csibot::cli
