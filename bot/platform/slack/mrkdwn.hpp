#pragma once
/// Slack's text rules (PLATFORMS.md §1.6): `&`, `<` and `>` are the only characters Slack treats as
/// markup entities, and its limits count characters, not bytes. Pure; nothing here throws except
/// std::bad_alloc.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace csibot::platform::slack {

/// `&` → `&amp;`, `<` → `&lt;`, `>` → `&gt;`; nothing else changes. Every mrkdwn and plain_text
/// string csibot emits goes through this, so text from people cannot form a mention (`<@U1>`), a
/// link (`<https://x|y>`) or a channel-wide ping (`<!here>`).
std::string escape(std::string_view text);

/// The inverse, for text Slack sends us: exactly `&amp;`, `&lt;` and `&gt;`, in one pass (so
/// "&amp;lt;" becomes "&lt;", not "<"). Any other `&…;` stays as it is.
std::string unescape(std::string_view text);

/// Length as Slack's limits count it, on the safe side: UTF-16 code units (an emoji outside the
/// Basic Multilingual Plane counts 2); a byte that is not valid UTF-8 counts 1.
std::size_t slack_length(std::string_view text);

/// The longest prefix of `text` whose slack_length() is at most `limit`, cut between code points: for
/// strings Slack limits but nobody reads (action ids, button values), which need no "…".
std::string_view slack_prefix(std::string_view text, std::size_t limit);

/// slack_length(escape(text)), without building the string.
std::size_t escaped_length(std::string_view text);

/// Splits `text` into pieces whose escaped length is at most `limit` (≥ 5, so one "&amp;" fits). Cuts at
/// the last line break of the window when it is in the window's second half, else at the last
/// space, else at any line break, else between two code points; the line break or space at a cut
/// is dropped. Pieces of only white space are left out. Views point into `text`.
std::vector<std::string_view> split_text(std::string_view text, std::size_t limit);

/// `text` itself when its escaped length is at most `limit` (≥ 1), else its longest prefix that
/// leaves room for "…", plus "…". Returns raw text (escape it when emitting).
std::string shorten(std::string_view text, std::size_t limit);

}  // namespace csibot::platform::slack
