// Whether a parsed schedule can fire at all: a separate file from the parser and the search, as it
// reasons about the calendar as a whole rather than walking it.
#include <array>

#include "core/cron.hpp"

namespace csibot::core {
namespace {

// The most days each month can have; February counts its leap day, which does come round.
constexpr std::array<unsigned, 13> longest_month{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

}  // namespace

bool cron_schedule::can_fire() const {
  // Both day fields restricted: a day matches if either does, and every month has every weekday.
  if (!any_day_of_month_ && !any_weekday_) return true;
  // Otherwise the date must exist in one of the months. Its weekday never rules it out for good: over
  // the Gregorian 400-year cycle every date, 29 February included, falls on each day of the week.
  for (unsigned month = 1; month <= 12; ++month) {
    if (!month_matches(month)) continue;
    for (unsigned day = 1; day <= longest_month[month]; ++day) {
      if ((days_ >> day & 1U) != 0) return true;
    }
  }
  return false;
}

}  // namespace csibot::core
