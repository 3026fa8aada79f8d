#pragma once
/// Mattermost's text rules (PLATFORMS.md §2.3–§2.5): posts are Markdown (bold is `**x**`), mentions
/// (`@channel`, `@all`, `@here`, `@name`) notify people, and limits count runes (code points), not
/// bytes. Pure; nothing here throws except std::bad_alloc.
#include <cstddef>
#include <string>
#include <string_view>

namespace csibot::platform::mattermost {

/// A post's `message` may hold at most this many runes (server: PostMessageMaxRunesV2 = 65535/4).
inline constexpr std::size_t max_post_runes = 16'383;

/// U+200B ZERO WIDTH SPACE: put after '@' it keeps a mention from forming (the server splits words at
/// it, the web app's mention pattern needs a name character right after '@'), yet nothing shows.
inline constexpr std::string_view zero_width_space = "\xE2\x80\x8B";

/// Runes as Go counts them (utf8.RuneCountInString): code points, a byte that does not start a
/// well-formed sequence counting 1 (core::utf8_step steps the same way).
std::size_t rune_count(std::string_view text);

/// Neutral markup as Mattermost Markdown: core::to_markdown, and every `@` not preceded by a letter
/// or digit gets a zero_width_space after it, so no text can notify a channel (`@channel`, `@all`,
/// `@here`) or a person, and `<!` (Slack-style `<!channel>`, translated by the server) gets one
/// between '<' and '!'. Mentions are silenced inside code spans too.
std::string to_markdown(std::string_view neutral);

/// One cell of a Markdown table (core::markdown_rules::table_cell), mentions silenced as above.
std::string table_cell(std::string_view neutral);

}  // namespace csibot::platform::mattermost
