// `csibot digest [--service S] [--period P] [--format md|json]`: the same digest the bot posts, for
// reports, e-mail or a wiki page.
#include "insights/digest.hpp"

#include <ostream>

#include "bot/cli/commands.hpp"
#include "bot/cli/common.hpp"
#include "commands/digests.hpp"
#include "core/period.hpp"
#include "dialog/answers.hpp"
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
    const auto p = core::parse_period(period.empty() ? "30d" : period, t);
    if (!p)
      throw failure{
          bad_input,
          "'" + period + "' is not a period (7d, 30d, 12w, 2026-Q3, 2026-10, since:2026-10-01, all)"};
    const auto db = open_database(settings, t);
    const auto catalog = storage::service_repository{*db}.list();
    std::vector<core::service> services = catalog;
    if (!service.empty()) {
      const auto* found = dialog::exact_service(catalog, service);
      if (found == nullptr) {
        const auto match = dialog::match_service(catalog, service);
        throw failure{bad_input,
                      "no service is called '" + service + "'" +
                          (match.suggestion ? "; did you mean '" + match.suggestion->id + "'?" : "")};
      }
      services = {*found};
    }
    const auto d = commands::build_digest(*db, settings, services, *p, settings.bot.language);
    out << (format == "json" ? insights::to_json(d) : insights::to_markdown(d)) << '\n';
    return ok;
  });
}

}  // namespace csibot::cli
