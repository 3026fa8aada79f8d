#pragma once
/// Reading `/csi subscribe [services] [schedule] [period] [time zone]`: the words may come in any
/// order. A schedule is a cron expression (quoted, or five bare words that parse as one) or one of
/// `daily`, `weekly`, `monthly`; a period is a rolling length ("7d", "4w"); a time zone is an IANA
/// name ("Europe/Berlin"); anything else is a service id or name, or a comma list of them, or `*`/`all`.
#include <optional>
#include <string>
#include <vector>

#include "commands/context.hpp"

namespace csibot::commands {

struct subscription_request {
  std::vector<const core::service*> services;  ///< empty = the whole catalog
  std::string schedule;                        ///< cron text, validated
  std::string period;                          ///< rolling length, validated
  std::string timezone;                        ///< IANA name, validated
  std::string error;                           ///< non-empty when an argument could not be read
};

/// Reads the arguments of `env.cmd` from `first_arg`. Defaults: every service, weekly on Monday at
/// 09:00, the last 7 days, in bot.timezone; `daily` and `monthly` default to 1d and 30d.
subscription_request read_subscription(const command_env& env, std::size_t first_arg);

/// Service ids for storage: {"*"} for the whole catalog.
std::vector<std::string> service_ids(const std::vector<const core::service*>& services);

}  // namespace csibot::commands
