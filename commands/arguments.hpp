#pragma once
/// Reading service and period arguments, with the replies for what cannot be read.
#include <optional>
#include <string>
#include <string_view>

#include "commands/context.hpp"
#include "core/period.hpp"

namespace csibot::commands {

/// The service with id or name `typed`; nullptr and `error` set ("No service is called…, did you mean…").
const core::service* find_service_arg(const command_env& env, std::string_view typed, std::string& error);

/// `text` as a period ending at the command's time, calendar periods in bot.timezone, so that
/// everyone asking for "2026-Q3" gets the same figures whatever their own time zone.
std::optional<core::period> read_period(const command_env& env, std::string_view text);

/// Service and period from up to two arguments in any order; the default period is 30 days.
struct scope {
  const core::service* service = nullptr;
  core::period period;
  std::string error;  ///< non-empty when an argument could not be read
};
scope read_scope(const command_env& env, std::size_t first_arg);

}  // namespace csibot::commands
