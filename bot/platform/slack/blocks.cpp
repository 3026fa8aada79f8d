#include "bot/platform/slack/blocks.hpp"

#include <algorithm>

#include "bot/platform/slack/mrkdwn.hpp"
#include "core/text.hpp"

namespace csibot::platform::slack {
namespace {

using json = nlohmann::json;

// One block and the plain text it stands for, from which each body's fallback `text` is built.
struct piece {
  json block;
  std::string plain;
};

json mrkdwn(std::string_view raw) {
  return {{"type", "mrkdwn"}, {"text", escape(raw)}};
}

json plain_text(std::string_view raw) {
  return {{"type", "plain_text"}, {"text", escape(raw)}, {"emoji", true}};
}

void append_line(std::string& out, std::string_view line) {
  if (line.empty()) return;
  if (!out.empty()) out += '\n';
  out += line;
}

// Headers and button labels are one line in Slack; a line break there is an API error.
std::string one_line(std::string_view text) {
  std::string out{core::trim(text)};
  std::replace_if(
      out.begin(), out.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
  return out;
}

void add_sections(std::vector<piece>& out, std::string_view text) {
  for (const auto part : split_text(text, max_section_chars))
    out.push_back({{{"type", "section"}, {"text", mrkdwn(part)}}, std::string(part)});
}

void add_header(std::vector<piece>& out, std::string_view header) {
  const std::string line = one_line(header);
  if (line.empty()) return;
  // A header block cannot hold more than 150 characters; a longer one keeps all its words as a
  // section rather than losing its tail.
  if (escaped_length(line) > max_header_chars) return add_sections(out, header);
  out.push_back({{{"type", "header"}, {"text", plain_text(line)}}, line});
}

void add_fields(std::vector<piece>& out, const std::vector<core::field>& fields) {
  json group = json::array();
  std::string plain;
  const auto flush = [&] {
    if (group.empty()) return;
    out.push_back({{{"type", "section"}, {"fields", std::move(group)}}, std::move(plain)});
    group = json::array();
    plain.clear();
  };
  for (const auto& f : fields) {
    const std::string text = f.label.empty() ? f.value : "*" + f.label + "*\n" + f.value;
    if (core::trim(text).empty()) continue;
    if (escaped_length(text) > max_field_chars) {
      flush();  // keeps the fields in their order around the oversized one
      add_sections(out, text);
      continue;
    }
    group.push_back(mrkdwn(text));
    append_line(plain, f.label.empty() ? f.value : f.label + ": " + f.value);
    if (group.size() == max_fields) flush();
  }
  flush();
}

// A cell on one line of a code block. Slack has no escape for a backquote inside ``` … ```, so a
// cell's "```" would end the block early; U+02CB (ˋ) looks the same and cannot.
std::string cell_text(std::string_view cell) {
  std::string out;
  for (const char c : one_line(cell)) {
    if (c == '`') {
      out += "\xCB\x8B";
    } else {
      out += c;
    }
  }
  return out;
}

std::vector<std::string> table_lines(const core::table& t) {
  std::vector<std::vector<std::string>> rows;
  const auto add_row = [&](const std::vector<std::string>& cells) {
    rows.emplace_back();
    for (const auto& c : cells)
      rows.back().push_back(cell_text(c));
  };
  if (!t.columns.empty()) add_row(t.columns);
  for (const auto& row : t.rows)
    add_row(row);
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()), 0);
    for (std::size_t i = 0; i < row.size(); ++i)
      widths[i] = std::max(widths[i], core::utf8_length(row[i]));
  }
  std::vector<std::string> lines;
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(widths[i] - core::utf8_length(row[i]) + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ')
      line.pop_back();
    lines.push_back(std::move(line));
  }
  return lines;
}

void add_table(std::vector<piece>& out, const core::table& t) {
  constexpr std::size_t fences = 8;  // "```\n" and "\n```"
  constexpr std::size_t budget = max_section_chars - fences;
  std::string chunk;
  std::size_t used = 0;
  const auto flush = [&] {
    if (used == 0) return;
    out.push_back({{{"type", "section"}, {"text", mrkdwn("```\n" + chunk + "\n```")}}, chunk});
    chunk.clear();
    used = 0;
  };
  for (const auto& line : table_lines(t)) {
    // A row wider than a whole section (rare: a huge cell) is wrapped like text.
    const auto parts =
        escaped_length(line) <= budget ? std::vector<std::string_view>{line} : split_text(line, budget);
    for (const auto part : parts) {
      const std::size_t w = escaped_length(part);
      if (used > 0 && used + 1 + w > budget) flush();
      if (used > 0) {
        chunk += '\n';
        ++used;
      }
      chunk += part;
      used += std::max<std::size_t>(w, 1);  // an empty row still takes a line
    }
  }
  flush();
}

json button_json(const core::button& b, std::size_t index) {
  std::string label = one_line(b.label);
  if (label.empty()) label = one_line(b.value).empty() ? "…" : one_line(b.value);  // Slack needs text
  json j = {{"type", "button"},
            {"text", plain_text(shorten(label, max_button_chars))},
            {"action_id", unique_action_id(b.action_id, index)}};
  // Slack rejects an empty value; an absent one comes back as "" from decode_interactive anyway.
  if (!b.value.empty()) j["value"] = core::cap_chars(b.value, max_value_chars).text;
  if (b.style == core::button_style::primary) j["style"] = "primary";
  if (b.style == core::button_style::danger) j["style"] = "danger";
  return j;
}

void add_buttons(std::vector<piece>& out, const std::vector<core::button>& buttons) {
  for (std::size_t first = 0; first < buttons.size(); first += max_actions) {
    json elements = json::array();
    std::string plain;
    for (std::size_t i = first; i < std::min(buttons.size(), first + max_actions); ++i) {
      elements.push_back(button_json(buttons[i], i));
      plain += (plain.empty() ? "[" : " [") + buttons[i].label + "]";
    }
    out.push_back({{{"type", "actions"}, {"elements", std::move(elements)}}, std::move(plain)});
  }
}

void add_context(std::vector<piece>& out, std::string_view context) {
  const auto parts = split_text(context, max_section_chars);
  for (std::size_t first = 0; first < parts.size(); first += max_context_elements) {
    json elements = json::array();
    std::string plain;
    for (std::size_t i = first; i < std::min(parts.size(), first + max_context_elements); ++i) {
      elements.push_back(mrkdwn(parts[i]));
      append_line(plain, parts[i]);
    }
    out.push_back({{{"type", "context"}, {"elements", std::move(elements)}}, std::move(plain)});
  }
}

// Every string of the message as valid UTF-8 without control characters, so the JSON always dumps.
core::message sanitized(const core::message& m) {
  core::message c;
  c.header = core::sanitize(m.header);
  c.text = core::sanitize(m.text);
  for (const auto& f : m.fields)
    c.fields.push_back({core::sanitize(f.label), core::sanitize(f.value)});
  if (m.table) {
    c.table.emplace();
    for (const auto& col : m.table->columns)
      c.table->columns.push_back(core::sanitize(col));
    for (const auto& row : m.table->rows) {
      c.table->rows.emplace_back();
      for (const auto& cell : row)
        c.table->rows.back().push_back(core::sanitize(cell));
    }
  }
  for (const auto& b : m.buttons)
    c.buttons.push_back(
        {core::sanitize(b.label), core::sanitize(b.action_id), core::sanitize(b.value), b.style});
  c.context = core::sanitize(m.context);
  return c;
}

std::string fallback(std::string_view plain) {
  return escape(shorten(plain, max_fallback_chars));
}

}  // namespace

std::string unique_action_id(std::string_view action_id, std::size_t index) {
  const std::string suffix = "#" + std::to_string(index);
  return core::cap_chars(action_id, max_action_id_chars - suffix.size()).text + suffix;
}

std::string_view base_action_id(std::string_view wire_id) {
  const std::size_t hash = wire_id.rfind('#');
  if (hash == std::string_view::npos || hash + 1 == wire_id.size()) return wire_id;
  const std::string_view digits = wire_id.substr(hash + 1);
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) return wire_id;
  return wire_id.substr(0, hash);
}

std::vector<json> render(const core::message& message) {
  const core::message m = sanitized(message);
  std::vector<piece> pieces;
  add_header(pieces, m.header);
  add_sections(pieces, m.text);
  add_fields(pieces, m.fields);
  if (m.table) add_table(pieces, *m.table);
  add_buttons(pieces, m.buttons);
  add_context(pieces, m.context);
  std::vector<json> bodies;
  for (std::size_t first = 0; first < pieces.size(); first += max_blocks) {
    json blocks = json::array();
    std::string plain;
    for (std::size_t i = first; i < std::min(pieces.size(), first + max_blocks); ++i) {
      blocks.push_back(std::move(pieces[i].block));
      append_line(plain, pieces[i].plain);
    }
    bodies.push_back({{"text", fallback(plain)}, {"blocks", std::move(blocks)}});
  }
  return bodies;
}

json render_text(std::string_view text) {
  return {{"text", fallback(core::sanitize(text))}};
}

}  // namespace csibot::platform::slack
