#include "config/digest_plan.hpp"

#include <algorithm>
#include <map>
#include <string>

namespace csibot::config {
namespace {

bool covers(const digest_settings& d, const core::service& svc) {
  return d.channel == svc.digest_channel && includes(d, svc.id);
}

}  // namespace

bool includes(const digest_settings& d, std::string_view id) {
  return std::any_of(d.services.begin(), d.services.end(),
                     [&](const std::string& named) { return named == "*" || named == id; });
}

std::vector<digest_settings> digest_plan(const settings& s) {
  std::vector<digest_settings> out = s.digests;
  // Ordered by channel, services in catalog order: the same config always gives the same entries,
  // so a restart finds the subscriptions it made before and posts nothing twice.
  std::map<std::string, std::vector<std::string>> by_channel;
  for (const auto& svc : s.services) {
    if (svc.digest_channel.empty()) continue;
    const bool covered = std::any_of(s.digests.begin(), s.digests.end(),
                                     [&](const digest_settings& d) { return covers(d, svc); });
    if (!covered) by_channel[svc.digest_channel].push_back(svc.id);
  }
  for (auto& [channel, ids] : by_channel) {
    digest_settings d;  // the defaults are the weekly digest's
    d.channel = channel;
    d.services = std::move(ids);
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace csibot::config
