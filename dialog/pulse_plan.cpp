#include "dialog/pulse_plan.hpp"

#include <date/tz.h>

#include <algorithm>
#include <cstdint>
#include <utility>

#include "core/cron.hpp"
#include "dialog/prompt_policy.hpp"

namespace csibot::dialog {
namespace {

// FNV-1a 64: tiny, stable across builds and platforms (std::hash is neither), and spread well enough
// for picking a share of a few thousand ids. Not a security property: nobody gains by being picked.
std::uint64_t fnv1a(std::string_view seed, std::string_view user) {
  std::uint64_t h = 14695981039346656037ULL;
  const auto mix = [&h](std::string_view text) {
    for (const char c : text) {
      h ^= static_cast<unsigned char>(c);
      h *= 1099511628211ULL;
    }
  };
  mix(seed);
  h *= 1099511628211ULL;  // a NUL byte between the two: ("ab", "c") and ("a", "bc") differ
  mix(user);
  // A final avalanche (from SplitMix64), so that ids differing in the last character land far apart.
  h ^= h >> 30U;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27U;
  h *= 0x94d049bb133111ebULL;
  h ^= h >> 31U;
  return h;
}

double unit(std::uint64_t h) {
  return static_cast<double>(h >> 11U) / 9007199254740992.0;  // the top 53 bits, in [0, 1)
}

}  // namespace

bool in_sample(std::string_view seed, std::string_view user, double share) {
  if (share >= 1.0) return true;
  if (!(share > 0.0)) return false;
  return unit(fnv1a(seed, user)) < share;
}

std::vector<std::string> sample_audience(std::vector<std::string> members, double share,
                                         std::string_view seed) {
  std::sort(members.begin(), members.end());
  members.erase(std::unique(members.begin(), members.end()), members.end());
  std::vector<std::pair<std::uint64_t, std::string>> chosen;
  for (auto& m : members) {
    if (in_sample(seed, m, share)) chosen.emplace_back(fnv1a(seed, m), std::move(m));
  }
  std::sort(chosen.begin(), chosen.end());
  std::vector<std::string> out;
  out.reserve(chosen.size());
  for (auto& c : chosen)
    out.push_back(std::move(c.second));
  return out;
}

core::timestamp window_end(core::timestamp start, std::chrono::milliseconds spread,
                           const config::policy_settings& policy, std::string_view time_zone) {
  const core::timestamp end = start + std::max(spread, std::chrono::milliseconds{0});
  const auto quiet = parse_quiet_hours(policy.quiet_hours);
  const auto* tz = core::find_time_zone(time_zone);
  if (!quiet || tz == nullptr || end <= start) return end;
  const auto local = tz->to_local(start);
  const auto day = std::chrono::floor<date::days>(local);
  const auto tod = local - day;
  const bool in_quiet = quiet->start < quiet->end ? tod >= quiet->start && tod < quiet->end
                                                  : tod >= quiet->start || tod < quiet->end;
  if (in_quiet) return end;
  // The next start of quiet hours after `start` (today's, or tomorrow's when today's has passed).
  const auto begins = tod < quiet->start ? day + quiet->start : day + date::days{1} + quiet->start;
  const auto at =
      std::chrono::time_point_cast<std::chrono::milliseconds>(tz->to_sys(begins, date::choose::earliest));
  return std::clamp(at, start, end);
}

std::vector<core::timestamp> spread_times(std::size_t n, core::timestamp start, core::timestamp end) {
  std::vector<core::timestamp> out;
  out.reserve(n);
  const auto length = end > start ? end - start : std::chrono::milliseconds{0};
  for (std::size_t i = 0; i < n; ++i) {
    // i * length / n without overflow for any realistic n (length is at most days in milliseconds).
    const auto offset = std::chrono::milliseconds{static_cast<std::int64_t>(
        static_cast<double>(length.count()) * static_cast<double>(i) / static_cast<double>(n))};
    out.push_back(start + offset);
  }
  return out;
}

}  // namespace csibot::dialog
