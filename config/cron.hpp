#pragma once
/// Syntax check for 5-field cron expressions (private to config/): a thin wrapper over
/// core::cron_schedule::parse, so that config accepts exactly what the scheduler can run.
#include <optional>
#include <string>
#include <string_view>

namespace csibot::config::detail {

/// Checks "minute hour day-of-month month day-of-week" (syntax in core/cron.hpp). Returns what is
/// wrong, naming the field ("hour field: 24 is out of range 0-23") or saying that it never fires
/// ("0 9 30 2 *"), or nullopt when it is valid.
std::optional<std::string> cron_problem(std::string_view expression);

}  // namespace csibot::config::detail
