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

// What read_subscription has gathered so far, and which word it is at.
struct reading {
  const command_env& env;
  subscription_request out;
  std::string default_period = "7d";
  bool all = false;
};

// Five bare words from `i` that read as cron: `/csi subscribe vpn 0 9 * * MON` needs no quotes.
// Returns how many words it took (0 or 5).
std::size_t take_bare_cron(reading& r, std::size_t i) {
  const auto& args = r.env.cmd.args;
  if (args[i].quoted || !r.out.schedule.empty() || i + 5 > args.size()) return 0;
  std::string five;
  for (std::size_t k = i; k < i + 5; ++k)
    five += (k == i ? "" : " ") + args[k].text;
  if (!is_cron(five)) return 0;
  r.out.schedule = five;
  return 5;
}

// `daily`, `weekly` or `monthly`, with the period that goes with it unless one is given.
bool take_named_schedule(reading& r, const std::string& word) {
  if (!r.out.schedule.empty()) return false;
  const auto named = std::find_if(named_schedules.begin(), named_schedules.end(),
                                  [&](const auto& n) { return n.name == word; });
  if (named == named_schedules.end()) return false;
  r.out.schedule = named->cron;
  r.default_period = named->period;
  return true;
}

// A quoted cron expression (one word with spaces); a broken one is an error, said with its reason.
bool take_quoted_cron(reading& r, const std::string& text) {
  if (!r.out.schedule.empty() || text.find(' ') == std::string::npos) return false;
  const auto parsed = core::cron_schedule::parse(text);
  if (const auto* e = std::get_if<core::cron_error>(&parsed)) {
    r.out.error = core::tr(r.env.language, "subscribe.bad_schedule",
                           {{"typed", core::echo(text, 60)}, {"why", core::describe(*e, r.env.language)}});
  } else {
    r.out.schedule = std::get<core::cron_schedule>(parsed).str();
  }
  return true;
}

// "99x", "2q": a number with a unit csibot lacks, so a period was meant ("7d"). A bare number is
// not, as it may be a field of a cron expression that did not parse.
bool period_like(std::string_view word) {
  const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  return !word.empty() && is_digit(word.front()) && !std::all_of(word.begin(), word.end(), is_digit);
}

// A service id or name, or a comma list of them; false (with r.out.error) when one is unknown.
bool take_services(reading& r, const std::string& text, const std::string& word) {
  for (const auto& id : split_commas(text)) {
    std::string error;
    const auto* svc = find_service_arg(r.env, id, error);
    if (svc == nullptr) {
      // "hourly", "weekyl": a schedule was meant, and "no service is called hourly" would mislead.
      std::vector<std::string> names;
      for (const auto& n : named_schedules)
        names.emplace_back(n.name);
      const bool schedule_like = word.ends_with("ly") || core::closest(word, names).has_value();
      // "Mars/Base", "Europe/Berln": a zone was meant (no service id has a slash).
      const bool zone_like = id.find('/') != std::string::npos;
      if (period_like(id))
        r.out.error = core::tr(r.env.language, "subscribe.bad_period", {{"typed", core::echo(id, 40)}});
      else if (schedule_like)
        r.out.error =
            core::tr(r.env.language, "subscribe.unknown_named_schedule", {{"typed", core::echo(id, 40)}});
      else if (zone_like)
        r.out.error = core::tr(r.env.language, "subscribe.unknown_timezone", {{"typed", core::echo(id, 40)}});
      else
        r.out.error = error;
      return false;
    }
    if (std::find(r.out.services.begin(), r.out.services.end(), svc) == r.out.services.end())
      r.out.services.push_back(svc);
  }
  return true;
}

// One word that is not part of a bare cron run: a schedule, a period, a time zone, `*`/`all`, or
// services. False when reading must stop (r.out.error says why).
bool take_word(reading& r, const std::string& text) {
  const std::string word = lower(text);
  if (take_named_schedule(r, word)) return true;
  if (take_quoted_cron(r, text)) return r.out.error.empty();
  if (core::parse_duration(text)) {
    if (r.out.period.empty()) {
      r.out.period = word;
      return true;
    }
    // "7d 14d": not a service called 14d, and not a silent choice between the two.
    r.out.error = core::tr(r.env.language, "subscribe.second_period",
                           {{"typed", core::echo(text, 40)}, {"period", r.out.period}});
    return false;
  }
  if (text.find('/') != std::string::npos && core::find_time_zone(text) != nullptr) {
    r.out.timezone = text;
    return true;
  }
  if (word == "*" || word == "all") {
    r.all = true;
    return true;
  }
  return take_services(r, text, word);
}

}  // namespace

subscription_request read_subscription(const command_env& env, std::size_t first_arg) {
  reading r{env, {}};
  r.out.timezone = env.settings.bot.timezone;
  const auto& args = env.cmd.args;
  for (std::size_t i = first_arg; i < args.size(); ++i) {
    if (const std::size_t taken = take_bare_cron(r, i); taken > 0) {
      i += taken - 1;
      continue;
    }
    if (!take_word(r, args[i].text)) return r.out;
  }
  if (r.all) r.out.services.clear();
  if (r.out.schedule.empty()) r.out.schedule = named_schedules[1].cron;
  // "0 9 30 2 *" parses, but a subscription to it would wait for ever without a word.
  const auto parsed = core::cron_schedule::parse(r.out.schedule);
  if (const auto* s = std::get_if<core::cron_schedule>(&parsed); s != nullptr && !s->can_fire()) {
    r.out.error = core::tr(env.language, "subscribe.bad_schedule",
                           {{"typed", core::echo(r.out.schedule, 60)},
                            {"why", core::tr(env.language, "subscribe.never_fires")}});
  }
  if (r.out.period.empty()) r.out.period = r.default_period;
  return r.out;
}

std::vector<std::string> service_ids(const std::vector<const core::service*>& services) {
  if (services.empty()) return {"*"};
  std::vector<std::string> ids;
  for (const auto* s : services)
    ids.push_back(s->id);
  return ids;
}

}  // namespace csibot::commands
