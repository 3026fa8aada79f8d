#pragma once
/// Time values shared by every layer. Pure code takes `now` as a parameter and never reads a clock.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace csibot::core {

/// A point in UTC with millisecond precision; stored as integer milliseconds since the epoch.
using timestamp = std::chrono::sys_time<std::chrono::milliseconds>;
using std::chrono::milliseconds;

/// Milliseconds since the Unix epoch (the storage representation).
constexpr std::int64_t to_millis(timestamp t) {
  return t.time_since_epoch().count();
}
constexpr timestamp from_millis(std::int64_t ms) {
  return timestamp{milliseconds{ms}};
}

/// "2026-11-30T09:42:15Z" (seconds precision, UTC).
std::string to_iso8601(timestamp t);

/// "2026-11-30" (UTC calendar date).
std::string to_iso_date(timestamp t);

/// Parses ISO 8601: "2026-11-30", "2026-11-30T09:42:15Z", "...T09:42:15.123+01:00", "...T09:42:15"
/// (UTC assumed). Returns nullopt when the text is not one of those forms or not a real date.
std::optional<timestamp> parse_iso8601(std::string_view text);

/// Parses a duration such as "90s", "15m", "24h", "30d", "2w" or a sum like "1h30m".
/// Returns nullopt for empty, negative, unknown-unit or overflowing input.
std::optional<milliseconds> parse_duration(std::string_view text);

/// The shortest exact form parse_duration accepts back ("1d", "90m", "1h30m"); "0s" for zero.
std::string format_duration(milliseconds d);

}  // namespace csibot::core
