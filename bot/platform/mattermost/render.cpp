#include "bot/platform/mattermost/render.hpp"

#include <algorithm>
#include <memory>
#include <string_view>

#include "core/text.hpp"

namespace csibot::platform::mattermost {
namespace {

using json = nlohmann::json;

// One unit of packing: a line, or a table's two header rows, which must never be parted. A table row
// remembers its table's header so that a post starting with it can repeat the header.
struct unit {
  std::string text;
  const std::string* table_head = nullptr;
};

// Keeps the units of a message; table heads live in a list whose elements never move.
struct document {
  std::vector<unit> units;
  std::vector<std::unique_ptr<std::string>> heads;

  void blank_line_if_needed() {
    if (!units.empty()) units.push_back({});
  }
  void add_lines(std::string_view markdown) {
    while (true) {
      const std::size_t nl = markdown.find('\n');
      units.push_back({std::string(markdown.substr(0, nl))});
      if (nl == std::string_view::npos) return;
      markdown.remove_prefix(nl + 1);
    }
  }
};

bool is_sparkline(std::string_view cell) {
  // ▁▂▃▄▅▆▇█ are U+2581..U+2588 (E2 96 81..88); a week without answers is '·' (C2 B7).
  if (cell.empty()) return false;
  while (!cell.empty()) {
    if (cell.starts_with("\xC2\xB7")) {
      cell.remove_prefix(2);
    } else if (cell.size() >= 3 && cell.starts_with("\xE2\x96") &&
               static_cast<unsigned char>(cell[2]) >= 0x81U && static_cast<unsigned char>(cell[2]) <= 0x88U) {
      cell.remove_prefix(3);
    } else {
      return false;
    }
  }
  return true;
}

std::string table_row(const std::vector<std::string>& cells, std::size_t width) {
  std::string row = "|";
  for (std::size_t i = 0; i < width; ++i) {
    const std::string cell = i < cells.size() ? std::string(core::trim(cells[i])) : std::string();
    row += ' ';
    row += is_sparkline(cell) ? "`" + cell + "`" : table_cell(cell);
    row += " |";
  }
  return row;
}

void add_table(document& doc, const core::table& t) {
  std::size_t width = t.columns.size();
  for (const auto& r : t.rows)
    width = std::max(width, r.size());
  if (width == 0) return;
  std::string delimiter = "|";
  for (std::size_t i = 0; i < width; ++i)
    delimiter += " --- |";
  doc.blank_line_if_needed();
  doc.heads.push_back(std::make_unique<std::string>(table_row(t.columns, width) + "\n" + delimiter));
  doc.units.push_back({*doc.heads.back()});
  for (const auto& r : t.rows)
    doc.units.push_back({table_row(r, width), doc.heads.back().get()});
}

void add_fields(document& doc, const std::vector<core::field>& fields) {
  bool first = true;
  for (const auto& f : fields) {
    const std::string label = core::one_line(f.label);
    if (label.empty() && core::trim(f.value).empty()) continue;
    if (first) doc.blank_line_if_needed();
    first = false;
    doc.add_lines(label.empty() ? to_markdown(f.value)
                                : "**" + to_markdown(label) + ":** " + to_markdown(f.value));
  }
}

void add_block(document& doc, std::string_view markdown) {
  if (core::trim(markdown).empty()) return;
  doc.blank_line_if_needed();
  doc.add_lines(markdown);
}

// Where to cut a line longer than a post: after `limit` runes at most, after the last space in the
// window's second half if there is one, never right after a backslash (the escaped character would
// start the next post unescaped). Returns a byte offset > 0.
std::size_t hard_cut(std::string_view line, std::size_t limit) {
  std::size_t end = 0;
  for (std::size_t runes = 0; runes < limit && end < line.size(); ++runes)
    end += core::utf8_step(line.substr(end));
  if (end >= line.size()) return line.size();
  const std::size_t space = line.substr(0, end).rfind(' ');
  std::size_t cut = space != std::string_view::npos && space + 1 > end / 2 ? space + 1 : end;
  std::size_t slashes = 0;
  while (slashes < cut && line[cut - 1 - slashes] == '\\')
    ++slashes;
  if (slashes % 2 == 1 && cut > 1) --cut;
  return cut;
}

// Packs units into posts of at most `limit` runes (see render()).
class packer {
 public:
  explicit packer(std::size_t limit) : limit_(limit) {}

  void add(const unit& u) {
    const std::size_t runes = rune_count(u.text);
    if (lines_ > 0 && runes_ + 1 + runes <= limit_) return append(u.text, runes);
    if (lines_ > 0) flush();
    if (u.table_head != nullptr) {
      const std::size_t head = rune_count(*u.table_head);
      if (head + 1 + runes <= limit_) append(*u.table_head, head);
    }
    if (lines_ > 0 || runes <= limit_) return append(u.text, runes);
    std::string_view rest = u.text;
    while (rune_count(rest) > limit_) {
      const std::size_t cut = hard_cut(rest, limit_);
      append(rest.substr(0, cut), rune_count(rest.substr(0, cut)));
      flush();
      rest.remove_prefix(cut);
    }
    if (!rest.empty()) append(rest, rune_count(rest));
  }

  std::vector<std::string> finish() {
    if (lines_ > 0) flush();
    return std::move(posts_);
  }

 private:
  void append(std::string_view text, std::size_t runes) {
    if (lines_ > 0) {
      current_ += '\n';
      ++runes_;
    }
    current_ += text;
    runes_ += runes;
    ++lines_;
  }
  void flush() {
    posts_.push_back(std::move(current_));
    current_.clear();
    runes_ = 0;
    lines_ = 0;
  }

  std::size_t limit_;
  std::vector<std::string> posts_;
  std::string current_;
  std::size_t runes_ = 0;
  std::size_t lines_ = 0;
};

}  // namespace

std::vector<post> render(const core::message& message, const button_target& target, std::size_t max_runes) {
  const core::message m = core::sanitized(message);
  document doc;
  if (const std::string header = core::one_line(m.header); !header.empty())
    doc.add_lines("#### " + to_markdown(header));
  add_block(doc, to_markdown(m.text));
  add_fields(doc, m.fields);
  if (m.table) add_table(doc, *m.table);
  add_block(doc, to_markdown(m.context));

  packer pack(std::max<std::size_t>(max_runes, 16));
  for (const auto& u : doc.units)
    pack.add(u);
  std::vector<post> posts;
  for (auto& text : pack.finish())
    posts.push_back({std::move(text)});
  if (!m.buttons.empty()) {
    if (posts.empty()) posts.emplace_back();
    posts.back().attachments.push_back(button_attachment(m.buttons, target));
  }
  return posts;
}

}  // namespace csibot::platform::mattermost
