#include <algorithm>
#include <map>

#include "config/checks.hpp"
#include "config/sections.hpp"
#include "core/text.hpp"

namespace csibot::config::detail {
namespace {

using id_set = std::set<std::string, std::less<>>;

std::string indexed(std::string_view name, std::size_t index) {
  return std::string{name} + "[" + std::to_string(index) + "]";
}

std::optional<std::string> check_service_id(const text& value) {
  if (core::is_valid_service_id(value.value)) return std::nullopt;
  return "not a valid service id: " + value.shown +
         " (expected up to 64 of a-z, 0-9, - and _, starting with a letter or digit)";
}

/// A service id that the catalog declares; `allow_all` also accepts "*".
check known_service(const id_set& ids, bool allow_all) {
  return [&ids, allow_all](const text& value) -> std::optional<std::string> {
    if ((allow_all && value.value == "*") || ids.contains(value.value)) return std::nullopt;
    std::string message = "unknown service " + value.shown + " (no [[service]] has this id";
    const std::vector<std::string> candidates(ids.begin(), ids.end());
    if (auto near = core::closest(value.value, candidates)) message += "; did you mean '" + *near + "'?";
    return message + ")";
  };
}

void require_key(table_reader& r, std::string_view name, std::string_view what) {
  if (!r.has(name)) r.ctx().error(r.key(name), r.line(), "missing (" + std::string{what} + ")");
}

void read_enums(table_reader& r, core::service& s) {
  std::string word;
  if (r.read("criticality", word, one_of({"low", "medium", "high", "critical"}))) {
    s.criticality = core::parse_criticality(word).value_or(s.criticality);
  }
  if (r.read("scale", word, one_of({"csat5", "nps10", "ces7", "thumbs"}))) {
    s.scale = core::parse_scale(word).value_or(s.scale);
  }
  if (r.read("anonymity", word, one_of({"identified", "pseudonymous", "anonymous"}))) {
    s.anonymity = core::parse_anonymity(word).value_or(s.anonymity);
  }
}

core::service read_service(table_reader& r) {
  core::service s;
  require_key(r, "id", "every service needs an id");
  r.read("id", s.id, check_service_id);
  if (!r.read("name", s.name, check_not_empty)) s.name = s.id;
  r.read("description", s.description);
  r.read("purpose", s.purpose);
  read_enums(r, s);
  r.read("business_functions", s.business_functions, check_not_empty);
  r.read("owners", s.owners, check_ref);
  r.read("customers", s.customers, check_ref);
  r.read("digest_channel", s.digest_channel, check_ref);
  double target = 0;
  if (r.read("target", target)) {
    if (core::is_valid_target(s.scale, target))
      s.target = target;
    else
      r.ctx().error(r.key("target"), r.line("target"),
                    s.scale == core::scale::nps10 ? "must be between -100 and 100 (an NPS score)"
                                                  : "must be above 0 and at most 100 (a percentage)");
  }
  r.read("tags", s.tags, check_not_empty);
  r.finish();
  return s;
}

}  // namespace

id_set read_services(table_reader& root, std::vector<core::service>& out) {
  std::map<std::string, int, std::less<>> first_line;
  for (const auto& [table, index] : root.tables("service")) {
    table_reader r(root.ctx(), *table, indexed("service", index));
    auto s = read_service(r);
    if (!s.id.empty()) {
      const auto [it, fresh] = first_line.emplace(s.id, r.line("id"));
      if (!fresh) {
        r.ctx().error(r.key("id"), r.line("id"),
                      "duplicate service id " + quote(s.id) + " (first declared on line " +
                          std::to_string(it->second) + ")");
      }
    }
    out.push_back(std::move(s));
  }
  id_set ids;
  for (const auto& [id, line] : first_line)
    ids.insert(id);
  return ids;
}

void read_digests(table_reader& root, const id_set& ids, std::vector<digest_settings>& out) {
  for (const auto& [table, index] : root.tables("digest")) {
    table_reader r(root.ctx(), *table, indexed("digest", index));
    digest_settings d;
    require_key(r, "channel", "where the digest is posted, e.g. \"slack:C0DIGEST\"");
    r.read("channel", d.channel, check_ref);
    if (r.read("services", d.services, known_service(ids, true)) && d.services.empty()) {
      r.ctx().warning(r.key("services"), r.line("services"), "no services listed; the digest will be empty");
    }
    r.read("schedule", d.schedule, check_cron);
    r.read("period", d.period, check_rolling_period);
    r.read("timezone", d.timezone, check_timezone);
    r.finish();
    out.push_back(std::move(d));
  }
}

void read_pulses(table_reader& root, const id_set& ids, const std::vector<core::service>& services,
                 std::vector<pulse_settings>& out) {
  for (const auto& [table, index] : root.tables("pulse")) {
    table_reader r(root.ctx(), *table, indexed("pulse", index));
    pulse_settings p;
    require_key(r, "service", "the service this pulse asks about");
    require_key(r, "schedule", "a cron schedule such as \"0 10 * * TUE\"");
    const bool service_ok = r.read("service", p.service, known_service(ids, false));
    r.read("schedule", p.schedule, check_cron);
    const bool audience_given = r.read("audience", p.audience, check_ref);
    if (r.read("sample", p.sample) && (p.sample < 0.0 || p.sample > 1.0)) {
      r.ctx().error(r.key("sample"), r.line("sample"),
                    "must be between 0 and 1 (the share of the audience asked)");
    }
    r.read_duration("spread", p.spread, true);
    const auto* svc = core::find_service(services, p.service);
    if (service_ok && p.audience.empty() && svc != nullptr && svc->customers.empty()) {
      r.ctx().warning(
          r.key("audience"), audience_given ? r.line("audience") : r.line(),
          "no audience and service " + quote(p.service) + " has no customers; nobody will be asked");
    }
    r.finish();
    out.push_back(std::move(p));
  }
}

}  // namespace csibot::config::detail
