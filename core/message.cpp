#include "core/message.hpp"

#include <algorithm>

#include "core/markup.hpp"
#include "core/text.hpp"

namespace csibot::core {
namespace {

// Each piece is neutral markup; the plain form keeps the markup and resolves its escapes.
void append_line(std::string& out, std::string_view neutral) {
  if (neutral.empty()) return;
  if (!out.empty()) out += '\n';
  out += without_escapes(neutral);
}

std::string table_text(const table& t) {
  std::vector<std::size_t> widths(t.columns.size(), 0);
  auto measure = [&](const std::vector<std::string>& row) {
    for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i)
      widths[i] = std::max(widths[i], utf8_length(without_escapes(row[i])));
  };
  measure(t.columns);
  for (const auto& r : t.rows)
    measure(r);
  auto line = [&](const std::vector<std::string>& row) {
    std::string s;
    for (std::size_t i = 0; i < widths.size(); ++i) {
      const std::string cell = i < row.size() ? without_escapes(row[i]) : std::string{};
      s += cell;
      if (i + 1 < widths.size()) s += std::string(widths[i] - utf8_length(cell) + 2, ' ');
    }
    while (!s.empty() && s.back() == ' ')
      s.pop_back();
    return s;
  };
  std::string out = line(t.columns);
  for (const auto& r : t.rows)
    out += '\n' + line(r);
  return out;
}

}  // namespace

std::string message::plain_text() const {
  std::string out;
  append_line(out, header);
  append_line(out, text);
  for (const auto& f : fields)
    append_line(out, f.label + ": " + f.value);
  if (const std::string t = table ? table_text(*table) : std::string{}; !t.empty()) {
    if (!out.empty()) out += '\n';
    out += t;  // its cells' escapes are resolved already
  }
  if (!buttons.empty()) {
    std::string choices;
    for (const auto& b : buttons)
      choices += (choices.empty() ? "[" : " [") + b.label + "]";
    append_line(out, choices);
  }
  append_line(out, context);
  return out;
}

message sanitized(const message& m) {
  message c;
  c.header = sanitize(m.header);
  c.text = sanitize(m.text);
  for (const auto& f : m.fields)
    c.fields.push_back({sanitize(f.label), sanitize(f.value)});
  if (m.table) {
    c.table.emplace();
    for (const auto& col : m.table->columns)
      c.table->columns.push_back(sanitize(col));
    for (const auto& row : m.table->rows) {
      c.table->rows.emplace_back();
      for (const auto& cell : row)
        c.table->rows.back().push_back(sanitize(cell));
    }
  }
  for (const auto& b : m.buttons)
    c.buttons.push_back({sanitize(b.label), sanitize(b.action_id), sanitize(b.value), b.style});
  c.context = sanitize(m.context);
  return c;
}

}  // namespace csibot::core
