#include "commands/subscription_text.hpp"

#include <algorithm>
#include <variant>

#include "core/cron.hpp"
#include "core/i18n.hpp"
#include "core/markup.hpp"
#include "core/ref.hpp"

namespace csibot::commands {
namespace {

std::string service_names(std::string_view language, const std::vector<core::service>& catalog,
                          const std::vector<std::string>& ids) {
  if (std::find(ids.begin(), ids.end(), "*") != ids.end())
    return core::tr(language, "subscribe.all_services");
  std::string out;
  for (const auto& id : ids) {
    const auto* svc = core::find_service(catalog, id);
    out += (out.empty() ? "" : ", ") + (svc ? core::markup_name(*svc) : core::literal(id));
  }
  return out;
}

std::string next_fire_text(const storage::digest_subscription& s, core::timestamp now) {
  const auto* tz = core::find_time_zone(s.timezone);
  const auto parsed = core::cron_schedule::parse(s.schedule);
  const auto* cron = std::get_if<core::cron_schedule>(&parsed);
  const auto next = cron ? cron->next_after(now, tz) : std::nullopt;
  return next ? core::local_time_text(*next, tz) : std::string{"–"};
}

// The channel as the platform's people know it: the subscriber is told on the same platform.
std::string channel_id(const std::string& channel) {
  const auto ref = core::parse_ref(channel);
  return ref ? ref->id : channel;
}

// The text puts its own full stop after the reason; Mattermost's messages end with one already.
std::string_view without_final_stop(std::string_view reason) {
  while (reason.ends_with('.') || reason.ends_with(' '))
    reason.remove_suffix(1);
  return reason;
}

}  // namespace

std::string describe_subscription(std::string_view language, const std::vector<core::service>& catalog,
                                  const storage::digest_subscription& s, core::timestamp now) {
  return core::tr(language, "subscribe.describe",
                  {{"services", service_names(language, catalog, s.services)},
                   {"schedule", s.schedule},
                   {"timezone", core::literal(s.timezone)},  // "America/Port_of_Spain"
                   {"period", s.period},
                   {"next", next_fire_text(s, now)}});
}

core::message undelivered_digest_notice(std::string_view language, const std::vector<core::service>& catalog,
                                        const storage::digest_subscription& s, std::string_view error,
                                        core::timestamp written_at, std::string_view command,
                                        core::timestamp now) {
  core::message m;
  m.text = core::tr(language, "digest.undelivered",
                    {{"date", core::local_time_text(written_at, core::find_time_zone(s.timezone))},
                     {"channel", core::literal(channel_id(s.channel))},
                     {"why", core::echo(without_final_stop(error), 200)},
                     {"what", describe_subscription(language, catalog, s, now)}});
  m.context = core::tr(language, "digest.undelivered_help", {{"command", std::string{command}}});
  return m;
}

}  // namespace csibot::commands
