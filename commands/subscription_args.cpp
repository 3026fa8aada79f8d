#include "commands/subscription_args.hpp"

#include <algorithm>
#include <array>
#include <variant>

#include "commands/arguments.hpp"
#include "core/cron.hpp"
#include "core/i18n.hpp"
#include "core/markup.hpp"
#include "core/text.hpp"
#include "core/time.hpp"

namespace csibot::commands {
namespace {

struct named_schedule {
  std::string_view name;
  std::string_view cron;
  std::string_view period;
};
constexpr std::array<named_schedule, 3> named_schedules{{
    {"daily", "0 9 * * *", "1d"},
    {"weekly", "0 9 * * MON", "7d"},
    {"monthly", "0 9 1 * *", "30d"},
}};

bool is_cron(std::string_view text) {
  return std::holds_alternative<core::cron_schedule>(core::cron_schedule::parse(text));
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto comma = text.find(',', start);
    const auto end = comma == std::string::npos ? text.size() : comma;
    if (end > start) out.push_back(text.substr(start, end - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace

subscription_request read_subscription(const command_env& env, std::size_t first_arg) {
  subscription_request out;
  out.timezone = env.settings.bot.timezone;
  std::string default_period = "7d";
  bool all = false;
  const auto& args = env.cmd.args;
  for (std::size_t i = first_arg; i < args.size(); ++i) {
    const auto& a = args[i];
    // Five bare words that read as cron: `/csi subscribe vpn 0 9 * * MON` needs no quotes.
    if (!a.quoted && out.schedule.empty() && i + 5 <= args.size()) {
      std::string five;
      for (std::size_t k = i; k < i + 5; ++k)
        five += (k == i ? "" : " ") + args[k].text;
      if (is_cron(five)) {
        out.schedule = five;
        i += 4;
        continue;
      }
    }
    const std::string word = lower(a.text);
    if (const auto named = std::find_if(named_schedules.begin(), named_schedules.end(),
                                        [&](const auto& n) { return n.name == word; });
        out.schedule.empty() && named != named_schedules.end()) {
      out.schedule = named->cron;
      default_period = named->period;
      continue;
    }
    if (out.schedule.empty() && a.text.find(' ') != std::string::npos) {
      const auto parsed = core::cron_schedule::parse(a.text);
      if (const auto* e = std::get_if<core::cron_error>(&parsed)) {
        out.error = core::tr(env.language, "subscribe.bad_schedule",
                             {{"typed", core::echo(a.text, 60)}, {"why", core::describe(*e, env.language)}});
        return out;
      }
      out.schedule = std::get<core::cron_schedule>(parsed).str();
      continue;
    }
    if (out.period.empty() && core::parse_duration(a.text)) {
      out.period = lower(a.text);
      continue;
    }
    if (a.text.find('/') != std::string::npos && core::find_time_zone(a.text) != nullptr) {
      out.timezone = a.text;
      continue;
    }
    if (word == "*" || word == "all") {
      all = true;
      continue;
    }
    for (const auto& id : split_commas(a.text)) {
      std::string error;
      const auto* svc = find_service_arg(env, id, error);
      if (svc == nullptr) {
        // "hourly", "weekyl": a schedule was meant, and "no service is called hourly" would mislead.
        std::vector<std::string> names;
        for (const auto& n : named_schedules)
          names.emplace_back(n.name);
        const bool schedule_like = word.ends_with("ly") || core::closest(word, names).has_value();
        out.error = schedule_like ? core::tr(env.language, "subscribe.unknown_named_schedule",
                                             {{"typed", core::echo(id, 40)}})
                                  : error;
        return out;
      }
      if (std::find(out.services.begin(), out.services.end(), svc) == out.services.end())
        out.services.push_back(svc);
    }
  }
  if (all) out.services.clear();
  if (out.schedule.empty()) out.schedule = named_schedules[1].cron;
  if (out.period.empty()) out.period = default_period;
  return out;
}

std::vector<std::string> service_ids(const std::vector<const core::service*>& services) {
  if (services.empty()) return {"*"};
  std::vector<std::string> ids;
  for (const auto* s : services)
    ids.push_back(s->id);
  return ids;
}

}  // namespace csibot::commands
