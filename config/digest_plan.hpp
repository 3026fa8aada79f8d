#pragma once
/// Which scheduled digests the config file asks for: its `[[digest]]` entries, and for every
/// service with a `digest_channel` (SPEC §2) that no entry already sends there, that service's
/// digest in that channel on the default schedule (weekly, Monday 09:00 in bot.timezone, the last
/// 7 days; what `/csi subscribe` makes without arguments). Services that share a digest channel
/// share one digest.
#include <string_view>
#include <vector>

#include "config/settings.hpp"

namespace csibot::config {

std::vector<digest_settings> digest_plan(const settings& s);

/// Whether digest `d` covers the service `id` (it names it, or "*").
bool includes(const digest_settings& d, std::string_view id);

}  // namespace csibot::config
