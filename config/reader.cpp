#include "config/reader.hpp"

#include <cmath>
#include <limits>

#include "config/env.hpp"
#include "core/text.hpp"
#include "core/time.hpp"

namespace csibot::config::detail {
namespace {

std::string_view type_name(toml::node_type type) {
  switch (type) {
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a floating-point number";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

int to_line(toml::source_index line) {
  return static_cast<int>(std::min<toml::source_index>(line, std::numeric_limits<int>::max()));
}

}  // namespace

void context::error(std::string key, int line, std::string message) {
  diagnostics.push_back({severity::error, std::move(key), line, std::move(message)});
}

void context::warning(std::string key, int line, std::string message) {
  diagnostics.push_back({severity::warning, std::move(key), line, std::move(message)});
}

int line_of(const toml::node& node) {
  return to_line(node.source().begin.line);
}

std::string quote(std::string_view value) {
  std::string clean;
  for (char c : core::sanitize(value)) {
    if (c == '\n')
      clean += "\\n";
    else if (c == '\t')
      clean += "\\t";
    else
      clean += c;
  }
  // Messages are one line on a terminal; a fuzzer-sized value would drown the useful part.
  auto cut = core::cap_chars(clean, 60);
  return "'" + cut.text + (cut.truncated ? "…'" : "'");
}

table_reader::table_reader(context& ctx, const toml::table& table, std::string prefix)
    : ctx_(ctx), table_(table), prefix_(std::move(prefix)) {}

std::string table_reader::key(std::string_view name) const {
  return prefix_.empty() ? std::string{name} : prefix_ + "." + std::string{name};
}

int table_reader::line(std::string_view name) const {
  const auto* node = table_.get(name);
  return node ? line_of(*node) : line();
}

const toml::node* table_reader::find(std::string_view name) {
  known_.emplace(name);
  return table_.get(name);
}

void table_reader::wrong_type(const std::string& key, const toml::node& node, std::string_view expected) {
  ctx_.error(key, line_of(node),
             "expected " + std::string{expected} + ", found " + std::string{type_name(node.type())});
}

std::optional<text> table_reader::to_text(const toml::node& node, std::string key) {
  const auto& raw = node.as_string()->get();
  auto expanded = expand_env(raw, ctx_.env);
  const int at = line_of(node);
  if (expanded.error) {
    ctx_.error(std::move(key), at, *expanded.error);
    return std::nullopt;
  }
  // A value that came from the environment may be a secret: messages show the reference instead.
  auto shown = expanded.from_env ? quote(raw) : quote(expanded.text);
  return text{std::move(expanded.text), std::move(shown), std::move(key), at};
}

bool table_reader::read_unused(std::string_view name, std::string& out, std::string_view unused_because) {
  const auto* node = find(name);
  if (!node || !node->is_string()) return read(name, out);
  if (auto expanded = expand_env(node->as_string()->get(), ctx_.env); expanded.error) {
    ctx_.warning(key(name), line_of(*node),
                 *expanded.error + " (ignored: " + std::string{unused_because} + ")");
    return false;
  }
  return read(name, out);
}

bool table_reader::read(std::string_view name, std::string& out, const check& ok) {
  const auto* node = find(name);
  if (!node) return false;
  if (!node->is_string()) {
    wrong_type(key(name), *node, "a string");
    return false;
  }
  auto value = to_text(*node, key(name));
  if (!value) return false;
  if (ok) {
    if (auto problem = ok(*value)) {
      ctx_.error(value->key, value->line, std::move(*problem));
      return false;
    }
  }
  out = std::move(value->value);
  return true;
}

bool table_reader::read(std::string_view name, std::vector<std::string>& out, const check& ok) {
  const auto* node = find(name);
  if (!node) return false;
  const auto* array = node->as_array();
  if (!array) {
    wrong_type(key(name), *node, "an array of strings");
    return false;
  }
  std::vector<std::string> values;
  bool good = true;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const auto& item = *array->get(i);
    const auto item_key = key(name) + "[" + std::to_string(i) + "]";
    if (!item.is_string()) {
      wrong_type(item_key, item, "a string");
      good = false;
      continue;
    }
    auto value = to_text(item, item_key);
    auto problem = value && ok ? ok(*value) : std::nullopt;
    if (problem) ctx_.error(item_key, value->line, std::move(*problem));
    if (!value || problem)
      good = false;
    else
      values.push_back(std::move(value->value));
  }
  if (good) out = std::move(values);
  return good;
}

bool table_reader::read(std::string_view name, bool& out) {
  const auto* node = find(name);
  if (!node) return false;
  if (!node->is_boolean()) {
    wrong_type(key(name), *node, "a boolean (true or false)");
    return false;
  }
  out = node->as_boolean()->get();
  return true;
}

bool table_reader::read(std::string_view name, int& out, int min, int max) {
  const auto* node = find(name);
  if (!node) return false;
  if (!node->is_integer()) {
    wrong_type(key(name), *node, "an integer");
    return false;
  }
  const std::int64_t value = node->as_integer()->get();
  if (value < min || value > max) {
    // Without a practical upper bound the range names the side that was passed: "between 0 and
    // 2147483647" would read as a typo, "at least 0" is wrong for 9223372036854775807.
    const bool open_ended = max == std::numeric_limits<int>::max();
    const auto range = !open_ended ? "must be between " + std::to_string(min) + " and " + std::to_string(max)
                       : value < min ? "must be at least " + std::to_string(min)
                                     : "must be at most " + std::to_string(max);
    ctx_.error(key(name), line_of(*node), range + ", not " + std::to_string(value));
    return false;
  }
  out = static_cast<int>(value);
  return true;
}

bool table_reader::read(std::string_view name, double& out) {
  const auto* node = find(name);
  if (!node) return false;
  if (!node->is_number()) {
    wrong_type(key(name), *node, "a number");
    return false;
  }
  const double value = node->value<double>().value_or(std::nan(""));
  if (!std::isfinite(value)) {
    ctx_.error(key(name), line_of(*node), "must be a finite number");
    return false;
  }
  out = value;
  return true;
}

constexpr std::chrono::milliseconds max_config_duration = std::chrono::days{3650};

bool table_reader::read_duration(std::string_view name, std::chrono::milliseconds& out, bool allow_zero) {
  std::string value;
  const check is_duration = [allow_zero](const text& t) -> std::optional<std::string> {
    const auto d = core::parse_duration(t.value);
    if (!d)
      return "not a duration: " + t.shown +
             " (expected a number and unit such as \"90s\", \"15m\", \"24h\", \"30d\" or \"2w\")";
    if (!allow_zero && d->count() == 0) return "must be longer than zero";
    // Every duration is added to a time somewhere (now + conversation_timeout): a value near the
    // limit of its 64-bit milliseconds overflows into the past and expires every conversation.
    if (*d > max_config_duration) return "must be at most 3650d (ten years), not " + t.shown;
    return std::nullopt;
  };
  if (!read(name, value, is_duration)) return false;
  out = *core::parse_duration(value);
  return true;
}

const toml::table* table_reader::table(std::string_view name) {
  const auto* node = find(name);
  if (!node) return nullptr;
  if (!node->is_table()) {
    wrong_type(key(name), *node, "a table ([" + std::string{name} + "])");
    return nullptr;
  }
  return node->as_table();
}

std::vector<std::pair<const toml::table*, std::size_t>> table_reader::tables(std::string_view name) {
  std::vector<std::pair<const toml::table*, std::size_t>> out;
  const auto* node = find(name);
  if (!node) return out;
  const auto* array = node->as_array();
  if (!array) {
    wrong_type(key(name), *node, "an array of tables ([[" + std::string{name} + "]])");
    return out;
  }
  for (std::size_t i = 0; i < array->size(); ++i) {
    const auto& item = *array->get(i);
    if (item.is_table())
      out.emplace_back(item.as_table(), i);
    else
      wrong_type(key(name) + "[" + std::to_string(i) + "]", item, "a table");
  }
  return out;
}

void table_reader::finish() {
  const std::vector<std::string> known(known_.begin(), known_.end());
  for (auto&& [name, node] : table_) {
    if (known_.contains(name.str())) continue;
    std::string message = "unknown key, ignored";
    if (auto near = core::closest(name.str(), known)) message += " (did you mean '" + *near + "'?)";
    const int at = name.source().begin.line > 0 ? to_line(name.source().begin.line) : line_of(node);
    ctx_.warning(key(name.str()), at, std::move(message));
  }
}

}  // namespace csibot::config::detail
