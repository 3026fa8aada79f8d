#include "core/period.hpp"

#include <date/date.h>
#include <date/tz.h>

#include <cctype>

namespace csibot::core {
namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s)
    v = v * 10 + (c - '0');
  return v;
}

// A wall-clock time in `zone` as an instant. In a gap (a zone whose clocks skip midnight) it is the
// first instant after the gap; in an overlap the earlier one, so a period never loses an hour.
timestamp local_to_instant(timestamp wall, const date::time_zone* zone) {
  if (zone == nullptr) return wall;
  return zone->to_sys(date::local_time<milliseconds>{wall.time_since_epoch()}, date::choose::earliest);
}

timestamp month_start(int y, unsigned m, const date::time_zone* zone) {
  return local_to_instant(date::sys_days{date::year{y} / date::month{m} / date::day{1}}, zone);
}

// The start of the month `offset` months after month `m` of year `y` (offset may be negative).
timestamp month_start_after(int y, unsigned m, int offset, const date::time_zone* zone) {
  const int index = y * 12 + static_cast<int>(m) - 1 + offset;
  return month_start(index / 12, static_cast<unsigned>(index % 12) + 1, zone);
}

// A calendar span starting at month `m` of year `y` and lasting `months` months.
std::optional<period> calendar(int y, unsigned m, unsigned months, std::string_view text, timestamp now,
                               const date::time_zone* zone) {
  if (y < 1970 || y > 9999) return std::nullopt;
  const auto from = month_start(y, m, zone);
  if (from > now) return std::nullopt;  // nothing can have been said in a period that has not begun
  const auto to = month_start_after(y, m, static_cast<int>(months), zone);
  return period{from, to, std::string{text}, zone, months};
}

// The calendar date `t` falls on in `zone` (nullptr = UTC).
date::year_month_day local_date(timestamp t, const date::time_zone* zone) {
  if (zone == nullptr) return date::year_month_day{std::chrono::floor<date::days>(t)};
  return date::year_month_day{std::chrono::floor<date::days>(date::make_zoned(zone, t).get_local_time())};
}

// "2026-10-01" or "2026-10-01T08:00" name a wall clock; a "Z" or an offset after the time names an
// instant already.
bool names_wall_clock(std::string_view iso) {
  const auto time = iso.find_first_of("Tt ");
  return time == std::string_view::npos || iso.find_first_of("Zz+-", time) == std::string_view::npos;
}

// The same wall-clock time as `t` in `zone`, `days` calendar days earlier.
timestamp local_days_before(timestamp t, unsigned days, const date::time_zone* zone) {
  if (zone == nullptr) return t - date::days{days};
  const auto local = zone->to_local(t);
  return local_to_instant(timestamp{(local - date::days{days}).time_since_epoch()}, zone);
}

}  // namespace

period period::previous() const {
  if (calendar_days > 0) {
    return period{
        local_days_before(from, calendar_days, zone), from, "previous " + label, zone, 0, calendar_days};
  }
  if (calendar_months > 0) {
    const auto start = local_date(from, zone);
    const auto before =
        month_start_after(static_cast<int>(start.year()), static_cast<unsigned>(start.month()),
                          -static_cast<int>(calendar_months), zone);
    return period{before, from, "previous " + label, zone, calendar_months};
  }
  const auto length = to - from;
  return period{from - length, from, "previous " + label, zone};
}

std::string period::local_iso8601(timestamp t) const {
  if (zone == nullptr) return to_iso8601(t);
  const auto local = date::make_zoned(zone, std::chrono::floor<std::chrono::seconds>(t));
  // At offset zero (UTC itself, London in winter) "Z" says the same as "+00:00" and reads as before.
  if (local.get_info().offset == std::chrono::seconds{0}) return to_iso8601(t);
  return date::format("%FT%T%Ez", local);
}

period period_ending(timestamp slot, milliseconds length, std::string label, const date::time_zone* zone) {
  constexpr milliseconds day = date::days{1};
  if (length > milliseconds{0} && length % day == milliseconds{0} && length / day <= 100'000) {
    const auto days = static_cast<unsigned>(length / day);
    return period{local_days_before(slot, days, zone), slot, std::move(label), zone, 0, days};
  }
  return period{slot - length, slot, std::move(label), zone};
}

std::optional<period> parse_period(std::string_view text, timestamp now, const date::time_zone* zone) {
  if (text == "all") return period{timestamp{}, now, "all", zone};
  if (text.starts_with("since:")) {
    const auto start = text.substr(6);
    auto from = parse_iso8601(start);
    if (from && names_wall_clock(start)) from = local_to_instant(*from, zone);
    if (!from || *from >= now) return std::nullopt;
    return period{*from, now, std::string{text}, zone};
  }
  // YYYY, YYYY-MM, YYYY-Qn
  if (text.size() >= 4 && all_digits(text.substr(0, 4)) && (text.size() == 4 || text[4] == '-')) {
    const int y = to_int(text.substr(0, 4));
    if (text.size() == 4) return calendar(y, 1, 12, text, now, zone);
    const auto rest = text.substr(5);
    if (rest.size() == 2 && (rest[0] == 'Q' || rest[0] == 'q') && rest[1] >= '1' && rest[1] <= '4') {
      return calendar(y, static_cast<unsigned>(rest[1] - '1') * 3 + 1, 3, text, now, zone);
    }
    if (rest.size() == 2 && all_digits(rest)) {
      const int m = to_int(rest);
      if (m < 1 || m > 12) return std::nullopt;
      return calendar(y, static_cast<unsigned>(m), 1, text, now, zone);
    }
    return std::nullopt;
  }
  const auto length = parse_duration(text);
  if (!length || length->count() <= 0 || *length > now.time_since_epoch()) return std::nullopt;
  return period{now - *length, now, std::string{text}, zone};
}

}  // namespace csibot::core
