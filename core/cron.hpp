#pragma once
/// 5-field cron schedules, evaluated in an IANA time zone. Pure: the time is always passed in.
///
/// Syntax: "minute hour day-of-month month day-of-week", fields separated by spaces or tabs.
///   minute 0-59, hour 0-23, day-of-month 1-31, month 1-12 or JAN-DEC, day-of-week 0-7 or SUN-SAT
///   (0 and 7 are both Sunday; names in any case). Each field is a comma list of items; an item is
///   `*`, `N`, `A-B`, `*/S`, `N/S` (N to the field's maximum) or `A-B/S`, with S from 1 to the
///   field's maximum. A day-of-week range may end at 7 ("5-7" = Fri, Sat, Sun).
///
/// Day rule (classic cron): a field is "restricted" unless its text starts with `*` (so `*` and
/// `*/2` are unrestricted). When both day-of-month and day-of-week are restricted, a day matches if
/// EITHER matches ("0 0 13 * FRI" = every 13th and every Friday); otherwise both must match.
///
/// Time zones: the fields are wall-clock time in the zone. Across daylight-saving changes:
///   - a local time that does not exist (spring-forward gap, e.g. 02:30 on 2026-03-29 in
///     Europe/Berlin) fires at the first instant after the gap (03:00 local), once — several
///     nonexistent times in one gap (02:00, 02:15, …) and 03:00 itself collapse into that one fire;
///   - a local time that occurs twice (fall-back overlap) fires once, at its first occurrence; the
///     repeated wall-clock hour fires nothing ("*/15 * * * *" is silent for that second hour).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "core/time.hpp"

namespace date {
class time_zone;
}

namespace csibot::core {

/// Why an expression was rejected.
struct cron_error {
  /// `field` for a problem with the whole expression (wrong number of fields) rather than one field.
  static constexpr std::size_t whole_expression = 5;

  enum class kind {
    field_count,   ///< `low` fields instead of 5
    empty_item,    ///< a list with an empty item ("1,,2")
    not_a_number,  ///< `text` is no number (nor a name, in the month and weekday fields)
    out_of_range,  ///< `text` is outside `low`-`high`
    bad_step,      ///< step `text` is not a number from 1 to `high`
    backwards,     ///< range `text` runs from high to low
  };

  /// A complete sentence in English naming the field, e.g. "minute field: 60 is out of range
  /// 0-59", "hour field: range '17-9' runs backwards", "expected 5 fields (…), found 4": for the
  /// config file's errors and logs. describe() words it in another language.
  std::string message;
  std::size_t field = whole_expression;  ///< 0 minute … 4 day-of-week, or whole_expression
  kind what = kind::field_count;
  std::string text;  ///< the piece of the expression at fault (a value, a step, a range)
  unsigned low = 0;
  unsigned high = 0;

  friend bool operator==(const cron_error&, const cron_error&) = default;
};

/// `e` as a sentence in `language` (core::tr; "en" gives e.message), for a chat reply.
std::string describe(const cron_error& e, std::string_view language);

/// A parsed cron expression: which minutes, hours, days, months and weekdays fire. A small value.
class cron_schedule {
 public:
  /// Parses an expression (syntax above). Leading, trailing and repeated blanks are allowed.
  static std::variant<cron_schedule, cron_error> parse(std::string_view expression);

  /// The first fire time strictly after `after`, with the fields read as wall-clock time in `tz`
  /// (nullptr = UTC; get a zone from find_time_zone). DST gaps and overlaps as described above.
  /// Returns nullopt when nothing fires before the end of the 8th local calendar year after `after`
  /// (e.g. "0 0 30 2 *"; 8 years is enough for Feb 29 even across 2100). The search skips whole
  /// months, days and hours, so even that costs a few hundred steps, not millions.
  std::optional<timestamp> next_after(timestamp after, const date::time_zone* tz) const;

  /// False when no date ever matches: every day of the month it names is missing from every month it
  /// names ("0 9 30 2 *", "0 0 31 4,6 *"). Such an expression parses, but a schedule made of it would
  /// wait for ever; config and `/csi subscribe` should refuse it. A weekday field never makes it false
  /// (each date falls on each weekday within 400 years), though a 29 February that must also be one
  /// weekday ("0 0 29 2 */7") fires only every 28 years, beyond next_after's horizon.
  bool can_fire() const;

  /// The expression as parsed, fields joined by one space ("0 9 * * MON").
  std::string str() const;

  /// Same schedule written the same way (str() is compared too: "0 9 * * 1" != "0 9 * * MON").
  friend bool operator==(const cron_schedule&, const cron_schedule&) = default;

 private:
  cron_schedule() = default;

  bool month_matches(unsigned month) const;
  bool day_matches(unsigned day_of_month, unsigned weekday) const;
  /// The first matching wall-clock minute at or after `from` (both as minutes since the local
  /// epoch), or nullopt once the local year passes `last_year`.
  std::optional<std::chrono::minutes> next_wall_minute(std::chrono::minutes from, int last_year) const;

  std::uint64_t minutes_ = 0;     ///< bit m = minute m
  std::uint32_t hours_ = 0;       ///< bit h = hour h
  std::uint32_t days_ = 0;        ///< bit d = day of month d (1-31)
  std::uint16_t months_ = 0;      ///< bit m = month m (1-12)
  std::uint8_t weekdays_ = 0;     ///< bit w = weekday w (0 = Sunday … 6 = Saturday)
  bool any_day_of_month_ = true;  ///< day-of-month field starts with `*`
  bool any_weekday_ = true;       ///< day-of-week field starts with `*`
  std::string text_;
};

/// The IANA zone `name` ("Europe/Berlin", "UTC") from the system tz database, or nullptr when the
/// name is unknown. Never throws. The pointer stays valid for the life of the program.
const date::time_zone* find_time_zone(std::string_view name);

/// `t` as wall-clock time in `tz` (nullptr = UTC) for people: "2026-12-07 09:00 CET".
std::string local_time_text(timestamp t, const date::time_zone* tz);

/// The calendar date of `t` in `tz` (nullptr = UTC), "2026-12-04": the date a person in that zone
/// would write down. Stored timestamps stay UTC; only what people read is local.
std::string local_date_text(timestamp t, const date::time_zone* tz);

}  // namespace csibot::core
