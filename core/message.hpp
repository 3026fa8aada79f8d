#pragma once
/// The platform-neutral message model. Adapters render it natively (Block Kit, Mattermost markdown
/// and attachments, HTML in the local chat). Text fields use a small neutral markup that every
/// adapter understands: *bold*, _italic_, `code`, and "\n" for line breaks; a backslash before `\`,
/// `*`, `_` or a backquote makes that character plain, also inside code (core/markup.hpp: text
/// people typed enters through core::literal). Nothing else is special.
#include <optional>
#include <string>
#include <vector>

namespace csibot::core {

struct field {
  std::string label;
  std::string value;
  friend bool operator==(const field&, const field&) = default;
};

enum class button_style { normal, primary, danger };

/// A clickable choice. A click comes back as core::action{action_id, value}.
struct button {
  std::string label;
  std::string action_id;
  std::string value;
  button_style style = button_style::normal;
  friend bool operator==(const button&, const button&) = default;
};

struct table {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
  friend bool operator==(const table&, const table&) = default;
};

struct message {
  std::string header;
  std::string text;
  std::vector<field> fields;
  std::optional<core::table> table;
  std::vector<button> buttons;
  std::string context;  ///< small print under the message

  /// A readable plain-text form of the whole message (notification fallback, logs, CLI): the markup
  /// stays as written, its escapes give their characters.
  std::string plain_text() const;
  friend bool operator==(const message&, const message&) = default;
};

/// `m` with every string passed through core::sanitize (valid UTF-8, no control characters but tab
/// and newline), as a platform's renderer needs it before writing JSON: stored feedback and catalog
/// text may hold anything people typed (SPEC §12).
message sanitized(const message& m);

}  // namespace csibot::core
