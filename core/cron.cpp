#include "core/cron.hpp"

#include <date/date.h>
#include <date/tz.h>

#include <array>
#include <bit>
#include <charconv>
#include <exception>
#include <span>
#include <vector>

#include "core/i18n.hpp"
#include "core/text.hpp"

namespace csibot::core {
namespace {

using local_minutes = date::local_time<std::chrono::minutes>;

struct field_spec {
  std::string_view key;  ///< the field's name in the message catalogs
  unsigned min;
  unsigned max;
  std::span<const std::string_view> names;  ///< names[i] means value min + i; empty if none
};

constexpr std::array<std::string_view, 12> month_names{"jan", "feb", "mar", "apr", "may", "jun",
                                                       "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::array<std::string_view, 7> day_names{"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

constexpr std::array<field_spec, 5> fields{{{"cron.field.minute", 0, 59, {}},
                                            {"cron.field.hour", 0, 23, {}},
                                            {"cron.field.day_of_month", 1, 31, {}},
                                            {"cron.field.month", 1, 12, month_names},
                                            {"cron.field.day_of_week", 0, 7, day_names}}};
constexpr std::size_t day_of_week = 4;

std::vector<std::string_view> split(std::string_view text, char by) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const auto end = text.find(by, start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

/// The blank-separated words of `text` (spaces and tabs; runs of them count as one).
std::vector<std::string_view> words(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto start = text.find_first_not_of(" \t", i);
    if (start == std::string_view::npos) break;
    const auto end = std::min(text.find_first_of(" \t", start), text.size());
    out.push_back(text.substr(start, end - start));
    i = end;
  }
  return out;
}

std::optional<unsigned> to_number(std::string_view text) {
  unsigned value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc{} || ptr != end) return std::nullopt;
  return value;
}

/// What is wrong with one field: the parts of a cron_error but its field and message.
struct problem {
  cron_error::kind what;
  std::string text;
  unsigned low = 0;
  unsigned high = 0;
};

/// A number or, where the field has them, a name; range-checked. Sets `wrong` on failure.
std::optional<unsigned> value_of(std::string_view text, const field_spec& spec,
                                 std::optional<problem>& wrong) {
  std::optional<unsigned> value = to_number(text);
  if (!value && !spec.names.empty()) {
    const auto lower = ascii_lower(text);
    for (std::size_t i = 0; i < spec.names.size(); ++i) {
      if (spec.names[i] == lower) value = spec.min + static_cast<unsigned>(i);
    }
  }
  if (!value) {
    wrong = problem{cron_error::kind::not_a_number, std::string{text}};
  } else if (*value < spec.min || *value > spec.max) {
    wrong = problem{cron_error::kind::out_of_range, std::to_string(*value), spec.min, spec.max};
    value.reset();
  }
  return value;
}

/// Adds the values of one list item to `bits`; returns what is wrong with it instead, if anything.
std::optional<problem> parse_item(std::string_view item, const field_spec& spec, std::uint64_t& bits) {
  const auto slash = item.find('/');
  const auto range = item.substr(0, slash);
  unsigned step = 1;
  if (slash != std::string_view::npos) {
    const auto parsed = to_number(item.substr(slash + 1));
    if (!parsed || *parsed < 1 || *parsed > spec.max)
      return problem{cron_error::kind::bad_step, std::string{item.substr(slash + 1)}, 1, spec.max};
    step = *parsed;
  }
  unsigned first = spec.min;
  unsigned last = spec.max;
  if (range != "*") {
    std::optional<problem> wrong;
    const auto dash = range.find('-');
    const auto from = value_of(range.substr(0, dash), spec, wrong);
    if (!from) return wrong;
    first = *from;
    // "N/S" means N up to the field's maximum, as in cronie; a bare "N" is just N.
    last = slash == std::string_view::npos ? first : spec.max;
    if (dash != std::string_view::npos) {
      const auto to = value_of(range.substr(dash + 1), spec, wrong);
      if (!to) return wrong;
      if (first > *to) return problem{cron_error::kind::backwards, std::string{range}};
      last = *to;
    }
  }
  for (unsigned v = first; v <= last; v += step)
    bits |= std::uint64_t{1} << v;
  return std::nullopt;
}

/// The lowest member of `bits` that is >= `from`, if any.
std::optional<unsigned> next_member(std::uint64_t bits, unsigned from) {
  if (from >= 64) return std::nullopt;
  const auto rest = bits & (~std::uint64_t{0} << from);
  if (rest == 0) return std::nullopt;
  return static_cast<unsigned>(std::countr_zero(rest));
}

/// The instant a wall-clock minute fires at: a time in a DST gap fires when the gap ends; a
/// time that occurs twice fires at its first occurrence (the earlier offset still applies).
timestamp fire_instant(local_minutes local, const date::time_zone* tz) {
  if (tz == nullptr) return timestamp{local.time_since_epoch()};
  const auto info = tz->get_info(local);
  if (info.result == date::local_info::nonexistent) return info.second.begin;
  return timestamp{local.time_since_epoch() - info.first.offset};
}

cron_error error_of(std::size_t field, problem p) {
  cron_error e;
  e.field = field;
  e.what = p.what;
  e.text = std::move(p.text);
  e.low = p.low;
  e.high = p.high;
  e.message = describe(e, "en");
  return e;
}

}  // namespace

std::string describe(const cron_error& e, std::string_view language) {
  using k = cron_error::kind;
  if (e.what == k::field_count) return tr(language, "cron.field_count", {{"count", std::to_string(e.low)}});
  const auto& spec = fields.at(std::min(e.field, fields.size() - 1));
  std::string field = tr(language, spec.key);
  switch (e.what) {
    case k::empty_item:
      return tr(language, "cron.empty_item", {{"field", std::move(field)}});
    case k::not_a_number:
      return tr(language, spec.names.empty() ? "cron.not_a_number" : "cron.not_a_number_or_name",
                {{"field", std::move(field)}, {"typed", e.text}});
    case k::out_of_range:
      return tr(language, "cron.out_of_range",
                {{"field", std::move(field)},
                 {"typed", e.text},
                 {"min", std::to_string(e.low)},
                 {"max", std::to_string(e.high)}});
    case k::bad_step:
      return tr(language, "cron.bad_step",
                {{"field", std::move(field)}, {"typed", e.text}, {"max", std::to_string(e.high)}});
    case k::backwards:
      return tr(language, "cron.backwards", {{"field", std::move(field)}, {"typed", e.text}});
    case k::field_count:
      break;
  }
  return e.message;
}

std::variant<cron_schedule, cron_error> cron_schedule::parse(std::string_view expression) {
  const auto parts = words(expression);
  if (parts.size() != fields.size()) {
    return error_of(cron_error::whole_expression,
                    problem{cron_error::kind::field_count, {}, static_cast<unsigned>(parts.size())});
  }
  std::array<std::uint64_t, 5> bits{};
  for (std::size_t f = 0; f < fields.size(); ++f) {
    for (auto item : split(parts[f], ',')) {
      if (item.empty()) return error_of(f, problem{cron_error::kind::empty_item, {}});
      if (auto wrong = parse_item(item, fields[f], bits[f])) return error_of(f, std::move(*wrong));
    }
  }
  // Sunday may be written 0 or 7; keep one bit for it.
  if (bits[day_of_week] & (std::uint64_t{1} << 7)) bits[day_of_week] = (bits[day_of_week] | 1) & 0x7f;

  cron_schedule s;
  s.minutes_ = bits[0];
  s.hours_ = static_cast<std::uint32_t>(bits[1]);
  s.days_ = static_cast<std::uint32_t>(bits[2]);
  s.months_ = static_cast<std::uint16_t>(bits[3]);
  s.weekdays_ = static_cast<std::uint8_t>(bits[day_of_week]);
  s.any_day_of_month_ = parts[2].front() == '*';
  s.any_weekday_ = parts[day_of_week].front() == '*';
  for (auto part : parts) {
    s.text_.append(s.text_.empty() ? "" : " ").append(part);
  }
  return s;
}

bool cron_schedule::month_matches(unsigned month) const {
  return (months_ >> month & 1U) != 0;
}

bool cron_schedule::day_matches(unsigned day_of_month, unsigned weekday) const {
  const bool by_date = (days_ >> day_of_month & 1U) != 0;
  const bool by_weekday = (weekdays_ >> weekday & 1U) != 0;
  if (!any_day_of_month_ && !any_weekday_) return by_date || by_weekday;
  return by_date && by_weekday;
}

std::optional<std::chrono::minutes> cron_schedule::next_wall_minute(std::chrono::minutes from,
                                                                    int last_year) const {
  const local_minutes start{from};
  auto day = std::chrono::floor<date::days>(start);
  auto hour = static_cast<unsigned>(std::chrono::floor<std::chrono::hours>(start - day).count());
  auto minute = static_cast<unsigned>((start - day - std::chrono::hours{hour}).count());
  const auto next_day = [&] {
    day += date::days{1};
    hour = minute = 0;
  };
  // Walk the local calendar, skipping a whole month, day or hour whenever it cannot match.
  while (true) {
    const date::year_month_day ymd{day};
    if (ymd.year() > date::year{last_year}) return std::nullopt;
    if (!month_matches(static_cast<unsigned>(ymd.month()))) {
      day = date::local_days{(date::year_month{ymd.year(), ymd.month()} + date::months{1}) / 1};
      hour = minute = 0;
    } else if (!day_matches(static_cast<unsigned>(ymd.day()), date::weekday{day}.c_encoding())) {
      next_day();
    } else if (const auto h = next_member(hours_, hour); !h) {
      next_day();
    } else if (const auto m = next_member(minutes_, *h == hour ? minute : 0); !m) {
      hour = *h + 1;
      minute = 0;
    } else {
      return (day + std::chrono::hours{*h} + std::chrono::minutes{*m}).time_since_epoch();
    }
  }
}

std::optional<timestamp> cron_schedule::next_after(timestamp after, const date::time_zone* tz) const {
  const auto local_after =
      tz != nullptr ? tz->to_local(after) : date::local_time<milliseconds>{after.time_since_epoch()};
  const auto first = std::chrono::floor<std::chrono::minutes>(local_after) + std::chrono::minutes{1};
  const auto last_year =
      static_cast<int>(date::year_month_day{std::chrono::floor<date::days>(first)}.year()) + 8;
  auto from = first.time_since_epoch();
  while (const auto wall = next_wall_minute(from, last_year)) {
    const timestamp fire = fire_instant(local_minutes{*wall}, tz);
    // Only in a fall-back overlap can a later wall-clock time map to an instant not after `after`.
    if (fire > after) return fire;
    from = *wall + std::chrono::minutes{1};
  }
  return std::nullopt;
}

std::string cron_schedule::str() const {
  return text_;
}

const date::time_zone* find_time_zone(std::string_view name) {
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return nullptr;  // locate_zone reports an unknown name (or a missing tz database) by throwing
  }
}

std::string local_time_text(timestamp t, const date::time_zone* tz) {
  const auto minute = std::chrono::floor<std::chrono::minutes>(t);
  if (tz == nullptr) return date::format("%Y-%m-%d %H:%M UTC", minute);
  return date::format("%Y-%m-%d %H:%M %Z", date::make_zoned(tz, minute));
}

std::string local_date_text(timestamp t, const date::time_zone* tz) {
  const auto second = std::chrono::floor<std::chrono::seconds>(t);
  if (tz == nullptr) return date::format("%Y-%m-%d", second);
  return date::format("%Y-%m-%d", date::make_zoned(tz, second));
}

}  // namespace csibot::core
