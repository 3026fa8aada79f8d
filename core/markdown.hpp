#pragma once
/// Neutral markup (core/message.hpp: *bold*, _italic_, `code`, "\n") as CommonMark, for every place
/// that writes Markdown: Mattermost posts and the `csibot digest` Markdown file. Pure.
#include <string>
#include <string_view>

namespace csibot::core {

struct markdown_rules {
  /// One cell of a table: on one line (line breaks and tabs become spaces), `|` escaped inside code
  /// spans too, since a table splits cells before it reads code, and no line-start escapes (a cell
  /// holds no block structure, and "-3" reads better without a backslash).
  bool table_cell = false;
  /// Chat rules: after every '@' not preceded by a letter or digit, and between '<' and '!', put
  /// `silencer`, so that no text can notify a channel or a person. Empty: '@' is left alone.
  std::string_view silencer;
};

/// - a paired `*x*` becomes `**x**`; `_x_` and `` `x` `` stay as they are (same meaning);
/// - every other character Markdown would act on is backslash-escaped, so text from people renders
///   as typed: `\ [ ] < | ~`, an unpaired `*` or backquote, and at the start of a line `#`, `>`,
///   `-`, `+`, `=` and the '.' or ')' of "1." (headings, quotes, lists, rules, links, raw HTML).
/// Line breaks are kept. Text inside a code span is copied as is (escapes would show there).
std::string to_markdown(std::string_view neutral, const markdown_rules& rules = {});

}  // namespace csibot::core
