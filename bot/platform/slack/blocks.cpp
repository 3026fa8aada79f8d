#include "bot/platform/slack/blocks.hpp"

#include <algorithm>
#include <optional>

#include "bot/platform/slack/json_text.hpp"
#include "bot/platform/slack/mrkdwn.hpp"
#include "core/json_text.hpp"
#include "core/markup.hpp"
#include "core/text.hpp"

namespace csibot::platform::slack {
namespace {

// One block as JSON text and the plain text it stands for (escapes resolved, as shown_text), from
// which each body's fallback `text` is built.
struct piece {
  std::string block;
  std::string plain;
};

// Text objects (Block Kit "composition objects"): `emitted` is Slack text (mrkdwn.hpp: to_mrkdwn,
// to_plain_text, escape), quoted here for JSON.
void append_mrkdwn(std::string& out, std::string_view emitted) {
  out += R"({"type":"mrkdwn","text":)";
  core::append_json_string(out, emitted);
  out += '}';
}

void append_plain_text(std::string& out, std::string_view emitted) {
  out += R"({"type":"plain_text","text":)";
  core::append_json_string(out, emitted);
  out += R"(,"emoji":true})";
}

std::string section_block(std::string_view emitted) {
  std::string block = R"({"type":"section","text":)";
  append_mrkdwn(block, emitted);
  block += '}';
  return block;
}

// `{"type":"<type>","<list>":[` … `]}` around elements appended one by one.
class list_block {
 public:
  list_block(std::string_view type, std::string_view list) {
    text_ = R"({"type":")";
    text_ += type;
    text_ += R"(",")";
    text_ += list;
    text_ += R"(":[)";
    open_ = text_.size();
  }
  bool empty() const { return text_.size() == open_; }
  /// The string to append one element to.
  std::string& next() {
    if (!empty()) text_ += ',';
    return text_;
  }
  std::string close() && {
    text_ += "]}";
    return std::move(text_);
  }

 private:
  std::string text_;
  std::size_t open_ = 0;
};

void append_line(std::string& out, std::string_view line) {
  if (line.empty()) return;
  if (!out.empty()) out += '\n';
  out += line;
}

void add_sections(std::vector<piece>& out, std::string_view mrkdwn) {
  for (const auto part : split_text(mrkdwn, max_section_chars))
    out.push_back({section_block(part), shown_text(part)});
}

void add_header(std::vector<piece>& out, std::string_view header) {
  const std::string line = core::one_line(header);
  if (line.empty()) return;
  const std::string text = to_plain_text(line);
  // A header block cannot hold more than 150 characters; a longer one keeps all its words as a
  // section rather than losing its tail.
  if (slack_length(text) > max_header_chars) return add_sections(out, to_mrkdwn(header));
  std::string block = R"({"type":"header","text":)";
  append_plain_text(block, text);
  block += '}';
  out.push_back({std::move(block), core::without_escapes(line)});
}

void add_fields(std::vector<piece>& out, const std::vector<core::field>& fields) {
  std::optional<list_block> group;
  std::size_t in_group = 0;
  std::string plain;
  const auto flush = [&] {
    if (!group) return;
    out.push_back({std::move(*group).close(), std::move(plain)});
    group.reset();
    in_group = 0;
    plain.clear();
  };
  for (const auto& f : fields) {
    // Label and value each on their own, so that a backslash ending the label escapes no '*'.
    const std::string text =
        f.label.empty() ? to_mrkdwn(f.value) : "*" + to_mrkdwn(f.label) + "*\n" + to_mrkdwn(f.value);
    if (core::trim(text).empty()) continue;
    if (slack_length(text) > max_field_chars) {
      flush();  // keeps the fields in their order around the oversized one
      add_sections(out, text);
      continue;
    }
    if (!group) group.emplace("section", "fields");
    append_mrkdwn(group->next(), text);
    append_line(plain, core::without_escapes(f.label.empty() ? f.value : f.label + ": " + f.value));
    if (++in_group == max_fields) flush();
  }
  flush();
}

// A cell on one line of a code block, which Slack shows as it is: escapes give their characters
// before the columns are measured. Slack has no escape for a backquote inside ``` … ```, so a
// cell's "```" would end the block early; U+02CB (ˋ) looks the same and cannot.
std::string cell_text(std::string_view cell) {
  std::string out;
  for (const char c : core::without_escapes(core::one_line(cell))) {
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
    out.push_back({section_block("```\n" + chunk + "\n```"), shown_text(chunk)});
    chunk.clear();
    used = 0;
  };
  for (const auto& row : table_lines(t)) {
    const std::string line = escape(row);
    // A row wider than a whole section (rare: a huge cell) is wrapped like text.
    const auto parts =
        slack_length(line) <= budget ? std::vector<std::string_view>{line} : split_text(line, budget);
    for (const auto part : parts) {
      const std::size_t w = slack_length(part);
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

void append_button(std::string& out, const core::button& b, std::size_t index) {
  // The label is neutral markup; a value standing in for a missing one is data, shown as it is.
  std::string label = to_plain_text(core::one_line(b.label));
  if (label.empty())
    label = escape(core::one_line(b.value).empty() ? "…" : core::one_line(b.value));  // Slack needs text
  out += R"({"type":"button","text":)";
  append_plain_text(out, shorten(label, max_button_chars));
  out += R"(,"action_id":)";
  core::append_json_string(out, unique_action_id(b.action_id, index));
  // Slack rejects an empty value; an absent one comes back as "" from decode_interactive anyway.
  if (!b.value.empty()) {
    out += R"(,"value":)";
    core::append_json_string(out, slack_prefix(b.value, max_value_chars));
  }
  if (b.style == core::button_style::primary) out += R"(,"style":"primary")";
  if (b.style == core::button_style::danger) out += R"(,"style":"danger")";
  out += '}';
}

void add_buttons(std::vector<piece>& out, const std::vector<core::button>& buttons) {
  for (std::size_t first = 0; first < buttons.size(); first += max_actions) {
    list_block elements{"actions", "elements"};
    std::string plain;
    for (std::size_t i = first; i < std::min(buttons.size(), first + max_actions); ++i) {
      append_button(elements.next(), buttons[i], i);
      plain += (plain.empty() ? "[" : " [") + core::without_escapes(buttons[i].label) + "]";
    }
    out.push_back({std::move(elements).close(), std::move(plain)});
  }
}

void add_context(std::vector<piece>& out, std::string_view context) {
  const std::string text = to_mrkdwn(context);
  const auto parts = split_text(text, max_section_chars);
  for (std::size_t first = 0; first < parts.size(); first += max_context_elements) {
    list_block elements{"context", "elements"};
    std::string plain;
    for (std::size_t i = first; i < std::min(parts.size(), first + max_context_elements); ++i) {
      append_mrkdwn(elements.next(), parts[i]);
      append_line(plain, shown_text(parts[i]));
    }
    out.push_back({std::move(elements).close(), std::move(plain)});
  }
}

std::string fallback(std::string_view plain) {
  std::string out;
  core::append_json_string(out, shorten(escape(plain), max_fallback_chars));
  return out;
}

}  // namespace

std::vector<rendered_body> render(const core::message& message) {
  const core::message m = core::sanitized(message);
  std::vector<piece> pieces;
  add_header(pieces, m.header);
  add_sections(pieces, to_mrkdwn(m.text));
  add_fields(pieces, m.fields);
  if (m.table) add_table(pieces, *m.table);
  add_buttons(pieces, m.buttons);
  add_context(pieces, m.context);
  std::vector<rendered_body> bodies;
  for (std::size_t first = 0; first < pieces.size(); first += max_blocks) {
    const std::size_t end = std::min(pieces.size(), first + max_blocks);
    std::size_t size = 2;
    for (std::size_t i = first; i < end; ++i)
      size += pieces[i].block.size() + 1;
    std::string blocks;
    blocks.reserve(size);
    blocks += '[';
    std::string plain;
    for (std::size_t i = first; i < end; ++i) {
      if (i > first) blocks += ',';
      blocks += pieces[i].block;
      append_line(plain, pieces[i].plain);
    }
    blocks += ']';
    bodies.push_back({fallback(plain), std::move(blocks)});
  }
  return bodies;
}

std::string to_json(const rendered_body& body, std::string_view members) {
  std::string out;
  out.reserve(members.size() + body.text.size() + body.blocks.size() + 22);
  out += '{';
  out += members;
  out += R"("text":)";
  out += body.text;
  out += R"(,"blocks":)";
  out += body.blocks;
  out += '}';
  return out;
}

}  // namespace csibot::platform::slack
