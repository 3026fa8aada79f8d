#pragma once
/// Reporting periods: "7d", "30d", "12w", "2026-Q3", "2026-10", "since:2026-10-01", "all".
#include <optional>
#include <string>
#include <string_view>

#include "core/time.hpp"

namespace date {
class time_zone;
}

namespace csibot::core {

/// A half-open interval [from, to) of instants.
struct period {
  timestamp from{};
  timestamp to{};
  std::string label;  ///< the text it was parsed from, for display
  /// The zone its calendar bounds were read in and its bounds are shown in; nullptr = UTC.
  const date::time_zone* zone = nullptr;
  /// 1, 3 or 12 for a calendar month, quarter or year; 0 for rolling lengths, "since:" and "all".
  unsigned calendar_months = 0;
  /// For a scheduled digest's whole number of days (period_ending): the days it spans, counted in
  /// `zone`'s calendar, so that its previous period does too. 0 otherwise.
  unsigned calendar_days = 0;

  /// The period to compare with (for "change vs previous"), ending where this one starts: the previous
  /// month, quarter or year for a calendar period (Q2 before Q3, not the 92 days before 1 July), as
  /// many calendar days for calendar_days; otherwise the span of equal length.
  period previous() const;
  bool contains(timestamp t) const { return t >= from && t < to; }
  /// "all": it starts at the beginning of time (1970), before any record, not at a chosen date.
  bool open_start() const { return from == timestamp{}; }
  /// `t` (one of the bounds) for people, as ISO 8601 in the period's zone:
  /// "2026-07-01T00:00:00+02:00", or "2026-07-01T00:00:00Z" at offset zero.
  std::string local_iso8601(timestamp t) const;
  friend bool operator==(const period&, const period&) = default;
};

/// Parses a period relative to `now`. Rolling forms ("7d", "24h", "12w") end at `now`; calendar forms
/// ("2026-Q3", "2026-10", "2026") are whole quarters, months or years from local midnight in `zone`
/// (the bot's time zone, so that everyone asking gets the same figures; nullptr = UTC); "since:DATE"
/// runs from DATE to `now`, a date or a time without an offset read in `zone` too; "all" covers
/// everything up to `now`. Returns nullopt for anything else, for a zero length, and for a start
/// after `now`.
std::optional<period> parse_period(std::string_view text, timestamp now,
                                   const date::time_zone* zone = nullptr);

/// The period a scheduled digest at `slot` covers: `length` back from `slot`, labelled `label`. A
/// whole number of days is counted in calendar days of `zone` (the same wall-clock time that many
/// days before), so that the periods of a daily or weekly schedule meet exactly when the clocks
/// change: the week before Monday 09:00 starts at the previous Monday 09:00, 167 or 169 hours in a
/// week with a DST change, and no answer falls between two digests or into both. Other lengths
/// ("12h") are exact.
period period_ending(timestamp slot, milliseconds length, std::string label, const date::time_zone* zone);

}  // namespace csibot::core
