#include "core/period.hpp"

#include <date/date.h>

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

timestamp month_start(int y, unsigned m) {
  return date::sys_days{date::year{y} / date::month{m} / date::day{1}};
}

// A calendar span starting at month `m` of year `y` and lasting `months` months.
std::optional<period> calendar(int y, unsigned m, unsigned months, std::string_view text, timestamp now) {
  if (y < 1970 || y > 9999) return std::nullopt;
  const auto from = month_start(y, m);
  if (from > now) return std::nullopt;  // nothing can have been said in a period that has not begun
  const auto end_month = m - 1 + months;
  const auto to = month_start(y + static_cast<int>(end_month / 12), end_month % 12 + 1);
  return period{from, to, std::string{text}};
}

}  // namespace

period period::previous() const {
  const auto length = to - from;
  return period{from - length, from, "previous " + label};
}

std::optional<period> parse_period(std::string_view text, timestamp now) {
  if (text == "all") return period{timestamp{}, now, "all"};
  if (text.starts_with("since:")) {
    const auto from = parse_iso8601(text.substr(6));
    if (!from || *from >= now) return std::nullopt;
    return period{*from, now, std::string{text}};
  }
  // YYYY, YYYY-MM, YYYY-Qn
  if (text.size() >= 4 && all_digits(text.substr(0, 4)) && (text.size() == 4 || text[4] == '-')) {
    const int y = to_int(text.substr(0, 4));
    if (text.size() == 4) return calendar(y, 1, 12, text, now);
    const auto rest = text.substr(5);
    if (rest.size() == 2 && (rest[0] == 'Q' || rest[0] == 'q') && rest[1] >= '1' && rest[1] <= '4') {
      return calendar(y, static_cast<unsigned>(rest[1] - '1') * 3 + 1, 3, text, now);
    }
    if (rest.size() == 2 && all_digits(rest)) {
      const int m = to_int(rest);
      if (m < 1 || m > 12) return std::nullopt;
      return calendar(y, static_cast<unsigned>(m), 1, text, now);
    }
    return std::nullopt;
  }
  const auto length = parse_duration(text);
  if (!length || length->count() <= 0 || *length > now.time_since_epoch()) return std::nullopt;
  return period{now - *length, now, std::string{text}};
}

}  // namespace csibot::core
