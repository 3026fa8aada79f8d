#pragma once
/// Syntax check for 5-field cron expressions (private to config/). Evaluating a schedule is
/// core/cron's job; this only tells a config author what is wrong, before the bot starts.
#include <optional>
#include <string>
#include <string_view>

namespace csibot::config::detail {

/// Checks "minute hour day-of-month month day-of-week". Each field is `*` or a comma list of
/// `N`, `A-B`, `*/S`, `N/S` or `A-B/S`; months may be JAN–DEC, weekdays SUN–SAT (any case) or 0–7
/// (0 and 7 are Sunday). Returns what is wrong, naming the field, or nullopt when it is valid.
std::optional<std::string> cron_problem(std::string_view expression);

}  // namespace csibot::config::detail
