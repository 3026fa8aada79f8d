#pragma once
/// Planning one pulse run (SPEC §4), pure: who of the audience is asked (a deterministic sample) and
/// when each prompt falls due (spread over the run's window instead of all at once). The runtime lists
/// the audience, the commands layer stores the prompts; the policy still decides at send time.
#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "config/settings.hpp"
#include "core/time.hpp"

namespace csibot::dialog {

/// Whether `user` is in the `share` (0 … 1) sampled for the run `seed`. Deterministic (FNV-1a 64 of
/// seed, NUL, user), so that running the same slot again after a restart picks the same people, while
/// different runs pick different people. ≥ 1 always, ≤ 0 (or NaN) never.
bool in_sample(std::string_view seed, std::string_view user, double share);

/// The members in the sample, each once, in a stable order that is not alphabetical (by their hash),
/// so that a spread does not always ask the same names first.
std::vector<std::string> sample_audience(std::vector<std::string> members, double share,
                                         std::string_view seed);

/// The end of a run's window: `start + spread`, cut short where quiet hours begin in `time_zone`
/// (bot.timezone; the person's own zone is the policy's business at send time). A run that starts
/// inside quiet hours keeps the whole spread: the policy moves those prompts to the morning anyway.
core::timestamp window_end(core::timestamp start, std::chrono::milliseconds spread,
                           const config::policy_settings& policy, std::string_view time_zone);

/// `n` due times from `start`, evenly spaced before `end` (the first at `start`); all at `start` when
/// end <= start.
std::vector<core::timestamp> spread_times(std::size_t n, core::timestamp start, core::timestamp end);

}  // namespace csibot::dialog
