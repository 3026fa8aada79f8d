#pragma once
/// Reporting periods: "7d", "30d", "12w", "2026-Q3", "2026-10", "since:2026-10-01", "all".
#include <optional>
#include <string>
#include <string_view>

#include "core/time.hpp"

namespace csibot::core {

/// A half-open interval [from, to) in UTC.
struct period {
  timestamp from{};
  timestamp to{};
  std::string label;  ///< the text it was parsed from, for display

  /// The period of equal length that ends where this one starts (for "change vs previous").
  period previous() const;
  bool contains(timestamp t) const { return t >= from && t < to; }
  friend bool operator==(const period&, const period&) = default;
};

/// Parses a period relative to `now`. Rolling forms ("7d", "24h", "12w") end at `now`; calendar forms
/// ("2026-Q3", "2026-10", "2026") are whole UTC quarters, months or years; "since:DATE" runs from
/// DATE to `now`; "all" covers everything up to `now`. Returns nullopt for anything else, for a zero
/// length, and for a start after `now`.
std::optional<period> parse_period(std::string_view text, timestamp now);

}  // namespace csibot::core
