#include "config/cron.hpp"

#include <array>
#include <charconv>
#include <vector>

#include "core/text.hpp"

namespace csibot::config::detail {
namespace {

struct field_spec {
  std::string_view name;
  int min;
  int max;
  const std::array<std::string_view, 12>* names;  ///< names[i] means value min + i; may be null
  std::size_t name_count;
};

constexpr std::array<std::string_view, 12> month_names{"jan", "feb", "mar", "apr", "may", "jun",
                                                       "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::array<std::string_view, 12> day_names{"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

const std::array<field_spec, 5> fields{{{"minute", 0, 59, nullptr, 0},
                                        {"hour", 0, 23, nullptr, 0},
                                        {"day of month", 1, 31, nullptr, 0},
                                        {"month", 1, 12, &month_names, 12},
                                        {"day of week", 0, 7, &day_names, 7}}};

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

std::optional<int> to_int(std::string_view text) {
  int value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc{} || ptr != end) return std::nullopt;
  return value;
}

/// A number or, where the field has them, a name; range-checked. Sets `problem` on failure.
std::optional<int> value_of(std::string_view text, const field_spec& spec, std::string& problem) {
  std::optional<int> value = to_int(text);
  if (!value && spec.names) {
    const auto lower = core::ascii_lower(text);
    for (std::size_t i = 0; i < spec.name_count; ++i) {
      if ((*spec.names)[i] == lower) value = spec.min + static_cast<int>(i);
    }
  }
  if (!value) {
    problem = "'" + std::string{text} + "' is not a number" + (spec.names ? " or name" : "");
  } else if (*value < spec.min || *value > spec.max) {
    problem = std::to_string(*value) + " is out of range " + std::to_string(spec.min) + "-" +
              std::to_string(spec.max);
    value.reset();
  }
  return value;
}

std::optional<std::string> item_problem(std::string_view item, const field_spec& spec) {
  std::string problem;
  const auto slash = item.find('/');
  const auto range = item.substr(0, slash);
  if (slash != std::string_view::npos) {
    const auto step = to_int(item.substr(slash + 1));
    if (!step || *step < 1 || *step > spec.max) {
      return "step '" + std::string{item.substr(slash + 1)} + "' must be a number from 1 to " +
             std::to_string(spec.max);
    }
  }
  if (range == "*") return std::nullopt;
  const auto dash = range.find('-');
  const auto first = value_of(range.substr(0, dash), spec, problem);
  if (!first) return problem;
  if (dash == std::string_view::npos) return std::nullopt;
  const auto last = value_of(range.substr(dash + 1), spec, problem);
  if (!last) return problem;
  if (*first > *last) return "range '" + std::string{range} + "' runs backwards";
  return std::nullopt;
}

}  // namespace

std::optional<std::string> cron_problem(std::string_view expression) {
  std::string spaced{expression};
  for (char& c : spaced) {
    if (c == '\t') c = ' ';
  }
  std::vector<std::string_view> parts;
  for (auto part : split(spaced, ' ')) {
    if (!part.empty()) parts.push_back(part);
  }
  if (parts.size() != fields.size()) {
    return "expected 5 fields (minute hour day-of-month month day-of-week), found " +
           std::to_string(parts.size());
  }
  for (std::size_t f = 0; f < fields.size(); ++f) {
    for (auto item : split(parts[f], ',')) {
      if (item.empty()) return std::string{fields[f].name} + " field has an empty list item";
      if (auto problem = item_problem(item, fields[f])) {
        return std::string{fields[f].name} + " field: " + *problem;
      }
    }
  }
  return std::nullopt;
}

}  // namespace csibot::config::detail
