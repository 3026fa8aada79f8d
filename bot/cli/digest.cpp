// `csibot digest [--service S] [--period P] [--format md|json|slack]`: the same digest the bot posts,
// for reports, e-mail or a wiki page, or as the Block Kit bodies Slack gets (to preview in Slack's
// Block Kit Builder, or to post with your own tooling).
#include "insights/digest.hpp"

#include <ostream>

#include "bot/cli/commands.hpp"
#include "bot/cli/common.hpp"
#include "bot/platform/slack/blocks.hpp"
#include "commands/digests.hpp"
#include "storage/database.hpp"
#include "storage/repositories.hpp"

namespace csibot::cli {

int digest(const config_flag& config, const std::string& service, const std::string& period,
           const std::string& format, std::ostream& out, std::ostream& err) {
  return guarded(err, [&] {
    if (format != "md" && format != "json" && format != "slack")
      throw failure{bad_input, "--format must be md, json or slack, not '" + format + "'"};
    const auto settings = load_settings(config, err);
    const auto t = now();
    const auto p = period_or_fail(period.empty() ? "30d" : period, t, settings.bot.timezone);
    const auto db = open_existing_database(settings);
    const auto catalog = catalog_to_read(*db, settings, err);
    std::vector<core::service> services = catalog;
    if (!service.empty()) services = {service_or_fail(catalog, service)};
    const auto d = commands::build_digest(*db, settings, services, p, settings.bot.language, t);
    if (format == "slack") {
      // One chat.postMessage body per line: a long digest is more than one message (50 blocks each).
      for (const auto& body : platform::slack::render(commands::digest_message(d)))
        out << platform::slack::to_json(body) << '\n';
    } else {
      out << (format == "json" ? insights::to_json(d) : insights::to_markdown(d)) << '\n';
    }
    return ok;
  });
}

}  // namespace csibot::cli
