#pragma once
/// Scheduled digests for the platform end-to-end tests: a subscription written into a bot's database
/// before it starts, as if it had been made eight days ago.
#include <string>

#include "e2e/bot.hpp"
#include "storage/subscription_repository.hpp"

namespace csibot::e2e {

/// A daily digest of every service into `channel` ("platform:id"), made by `who` ("platform:user", or
/// "config") eight days ago: a bot starting now posts the newest missed one at once. A config-origin
/// entry is stored as a start eight days ago stored the file's `[[digest]]`, so the config must hold
/// the same entry (schedule "0 6 * * *", period "1d", timezone "UTC") or the start ends it.
void add_missed_daily_digest(bot_home& home, const std::string& channel, const std::string& who,
                             storage::subscription_origin origin = storage::subscription_origin::command);

}  // namespace csibot::e2e
