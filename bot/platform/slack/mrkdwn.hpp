#pragma once
/// Slack's text rules (PLATFORMS.md §1.6): `&`, `<` and `>` are the only characters Slack treats as
/// markup entities, and its limits count characters, not bytes. Neutral markup (core/message.hpp)
/// becomes Slack text here: *bold*, _italic_ and `code` are Slack's own mrkdwn, but mrkdwn has no
/// escape (slackhq/slack-api-docs#34), so what the neutral escapes make plain (text people typed,
/// core::literal) is written as Slack's date formatting with a format no client can read,
/// `<!date^00000000^{_}|*>`, which every client shows as its fallback, the one character after `|`,
/// as plain text. plain_text objects format nothing: there the escapes just give their characters.
///
/// "Emitted text" below is what goes to Slack: the result of escape(), to_mrkdwn() or
/// to_plain_text(). Its limits count that, so a date fallback counts its 22 characters; it is only
/// ever cut between units: an entity (`&amp;`), a `<…>` (a date fallback), or one code point.
/// Pure; nothing here throws except std::bad_alloc.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace csibot::platform::slack {

/// `&` → `&amp;`, `<` → `&lt;`, `>` → `&gt;`; nothing else changes. Every mrkdwn and plain_text
/// string csibot emits goes through this, so text from people cannot form a mention (`<@U1>`), a
/// link (`<https://x|y>`) or a channel-wide ping (`<!here>`).
std::string escape(std::string_view text);
/// escape() of one character, appended to `out`.
void append_escaped(std::string& out, char c);

/// The inverse, for text Slack sends us: exactly `&amp;`, `&lt;` and `&gt;`, in one pass (so
/// "&amp;lt;" becomes "&lt;", not "<"). Any other `&…;` stays as it is.
std::string unescape(std::string_view text);

/// Neutral markup as the text of a mrkdwn object, escaped. Outside code spans an escaped `*`, `_`
/// or backquote, every `~` (the neutral markup has no strikethrough) and every backquote that opens
/// no code span become date fallbacks, and `\\` gives `\`. A code span (a backquote up to the next
/// unescaped one on its line) is shown as is by Slack, so escapes there give their characters, but
/// a backquote, which would end the span, becomes U+02CB (ˋ), which looks the same. A `>` that
/// starts a line (after spaces) gets an invisible soft hyphen (U+00AD) before it, so that Slack
/// shows it instead of quoting the line.
std::string to_mrkdwn(std::string_view neutral);

/// Neutral markup as the text of a plain_text object: core::without_escapes, then escape().
std::string to_plain_text(std::string_view neutral);

/// What Slack shows of emitted text, formatting aside: entities decoded, each date fallback its
/// character. For the plain notification fallback of blocks.
std::string shown_text(std::string_view emitted);

/// Length as Slack's limits count it, on the safe side: UTF-16 code units (an emoji outside the
/// Basic Multilingual Plane counts 2); a byte that is not valid UTF-8 counts 1.
std::size_t slack_length(std::string_view text);

/// The longest prefix of `text` whose slack_length() is at most `limit`, cut between code points: for
/// strings Slack limits but nobody reads (action ids, button values), which need no "…".
std::string_view slack_prefix(std::string_view text, std::size_t limit);

/// Splits emitted text into pieces whose slack_length() is at most `limit` (≥ 22, so one date
/// fallback fits; a smaller limit still takes one unit per piece). Cuts at the last line break of
/// the window when it is in the window's second half, else at the last space, else at any line
/// break, else between two units; the line break or space at a cut is dropped. Pieces of only
/// white space are left out. Views point into `emitted`.
std::vector<std::string_view> split_text(std::string_view emitted, std::size_t limit);

/// `emitted` itself when its slack_length() is at most `limit` (≥ 1), else its longest prefix of
/// whole units that leaves room for "…", plus "…".
std::string shorten(std::string_view emitted, std::size_t limit);

}  // namespace csibot::platform::slack
