#include "commands/permissions.hpp"

#include <algorithm>

#include "core/i18n.hpp"
#include "core/markup.hpp"
#include "core/service.hpp"

namespace csibot::commands {
namespace {

bool contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// People's references ("local:anna_b") as they show in a refusal: as typed, not markup.
std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& x : v)
    out += (out.empty() ? "" : ", ") + core::literal(x);
  return out;
}

}  // namespace

bool is_admin(const config::settings& s, const std::string& user) {
  return contains(s.bot.admins, user);
}

bool may_manage(const config::settings& s, const std::vector<const core::service*>& services,
                const std::string& user) {
  if (is_admin(s, user)) return true;
  if (services.empty()) return false;
  return std::all_of(services.begin(), services.end(),
                     [&](const core::service* svc) { return svc != nullptr && contains(svc->owners, user); });
}

std::string refusal(const config::settings& s, const std::vector<const core::service*>& services,
                    const std::string& action, const std::string& language) {
  const std::string admins =
      s.bot.admins.empty() ? core::tr(language, "perm.no_admins") : joined(s.bot.admins);
  if (services.empty())
    return core::tr(language, "perm.admins_only", {{"action", action}, {"admins", admins}});
  std::string names;
  std::vector<std::string> owners;
  for (const auto* svc : services) {
    names += (names.empty() ? "" : ", ") + core::markup_name(*svc);
    for (const auto& o : svc->owners)
      if (!contains(owners, o)) owners.push_back(o);
  }
  return core::tr(language, "perm.owners_or_admins",
                  {{"action", action},
                   {"services", names},
                   {"owners", owners.empty() ? core::tr(language, "perm.no_owners") : joined(owners)},
                   {"admins", admins}});
}

}  // namespace csibot::commands
