#include "core/time.hpp"

#include <date/date.h>

#include <cctype>
#include <limits>
#include <sstream>

namespace csibot::core {
namespace {

bool read_int(std::string_view& s, std::size_t digits, int& out) {
  if (s.size() < digits) return false;
  int v = 0;
  for (std::size_t i = 0; i < digits; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  s.remove_prefix(digits);
  return true;
}

bool eat(std::string_view& s, char c) {
  if (s.empty() || s.front() != c) return false;
  s.remove_prefix(1);
  return true;
}

}  // namespace

std::string to_iso8601(timestamp t) {
  return date::format("%FT%TZ", std::chrono::floor<std::chrono::seconds>(t));
}

std::string to_iso_date(timestamp t) {
  return date::format("%F", std::chrono::floor<date::days>(t));
}

std::optional<timestamp> parse_iso8601(std::string_view s) {
  int y = 0, mo = 0, d = 0;
  if (!read_int(s, 4, y) || !eat(s, '-') || !read_int(s, 2, mo) || !eat(s, '-') || !read_int(s, 2, d)) {
    return std::nullopt;
  }
  const date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(mo)},
                                 date::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  timestamp t = date::sys_days{ymd};
  if (s.empty()) return t;
  if (!eat(s, 'T') && !eat(s, 't') && !eat(s, ' ')) return std::nullopt;
  int h = 0, mi = 0, sec = 0;
  if (!read_int(s, 2, h) || !eat(s, ':') || !read_int(s, 2, mi)) return std::nullopt;
  if (eat(s, ':') && !read_int(s, 2, sec)) return std::nullopt;
  if (h > 23 || mi > 59 || sec > 60) return std::nullopt;
  t += std::chrono::hours{h} + std::chrono::minutes{mi} + std::chrono::seconds{sec};
  if (eat(s, '.') || eat(s, ',')) {
    int scale = 100, ms = 0, digits = 0;
    while (!s.empty() && std::isdigit(static_cast<unsigned char>(s.front()))) {
      if (digits++ < 3) ms += (s.front() - '0') * scale, scale /= 10;
      s.remove_prefix(1);
    }
    if (digits == 0) return std::nullopt;
    t += milliseconds{ms};
  }
  if (s.empty() || eat(s, 'Z') || eat(s, 'z')) return s.empty() ? std::optional{t} : std::nullopt;
  const char sign = s.front();
  if (sign != '+' && sign != '-') return std::nullopt;
  s.remove_prefix(1);
  int oh = 0, om = 0;
  if (!read_int(s, 2, oh)) return std::nullopt;
  eat(s, ':');
  if (!s.empty() && !read_int(s, 2, om)) return std::nullopt;
  if (!s.empty() || oh > 23 || om > 59) return std::nullopt;
  const auto offset = std::chrono::hours{oh} + std::chrono::minutes{om};
  return sign == '+' ? t - offset : t + offset;
}

std::optional<milliseconds> parse_duration(std::string_view s) {
  if (s.empty()) return std::nullopt;
  std::int64_t total = 0;
  while (!s.empty()) {
    std::int64_t n = 0;
    std::size_t digits = 0;
    while (!s.empty() && std::isdigit(static_cast<unsigned char>(s.front()))) {
      if (n > std::numeric_limits<std::int64_t>::max() / 10 - 9) return std::nullopt;
      n = n * 10 + (s.front() - '0');
      s.remove_prefix(1);
      ++digits;
    }
    if (digits == 0 || s.empty()) return std::nullopt;
    std::int64_t unit = 0;
    if (s.starts_with("ms")) {
      unit = 1, s.remove_prefix(2);
    } else {
      switch (s.front()) {
        case 's':
          unit = 1000;
          break;
        case 'm':
          unit = 60'000;
          break;
        case 'h':
          unit = 3'600'000;
          break;
        case 'd':
          unit = 86'400'000;
          break;
        case 'w':
          unit = 604'800'000;
          break;
        default:
          return std::nullopt;
      }
      s.remove_prefix(1);
    }
    if (n > (std::numeric_limits<std::int64_t>::max() - total) / unit) return std::nullopt;
    total += n * unit;
  }
  return milliseconds{total};
}

std::string format_duration(milliseconds d) {
  if (d.count() == 0) return "0s";
  struct unit {
    std::int64_t ms;
    const char* name;
  };
  static constexpr unit units[] = {{604'800'000, "w"}, {86'400'000, "d"}, {3'600'000, "h"},
                                   {60'000, "m"},      {1000, "s"},       {1, "ms"}};
  std::int64_t left = d.count();
  std::ostringstream out;
  // Whole weeks read oddly for "30d", so weeks are used only when they divide exactly.
  for (const auto& u : units) {
    if (u.ms == 604'800'000 && left % u.ms != 0) continue;
    if (left >= u.ms) {
      out << left / u.ms << u.name;
      left %= u.ms;
    }
  }
  return out.str();
}

}  // namespace csibot::core
