#pragma once
/// How a digest subscription reads to people: in `/csi subscribe`'s confirmation, in the list
/// `/csi unsubscribe` shows, and in the note to a subscriber whose digest could not be posted.
#include <string>
#include <string_view>
#include <vector>

#include "core/message.hpp"
#include "core/service.hpp"
#include "core/time.hpp"
#include "storage/subscription_repository.hpp"

namespace csibot::commands {

/// "VPN, Email: `0 9 * * MON` (Europe/Berlin), the last 7d; next 2026-12-07 09:00 CET": the services
/// named as `catalog` names them (an id no longer in it as typed), the next slot after `now`.
std::string describe_subscription(std::string_view language, const std::vector<core::service>& catalog,
                                  const storage::digest_subscription& s, core::timestamp now);

/// The direct message to the person who made subscription `s` when its digest, due at
/// `written_at`, failed for good with `error` (the platform's reason, e.g. "not_in_channel"):
/// what was not posted, where, why, and what they can do. `command` is the bot's command ("/csi").
core::message undelivered_digest_notice(std::string_view language, const std::vector<core::service>& catalog,
                                        const storage::digest_subscription& s, std::string_view error,
                                        core::timestamp written_at, std::string_view command,
                                        core::timestamp now);

}  // namespace csibot::commands
