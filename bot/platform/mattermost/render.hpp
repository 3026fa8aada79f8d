#pragma once
/// Rendering core::message as Mattermost posts (PLATFORMS.md §2.3, §2.5): a Markdown `message` plus,
/// for buttons, `props.attachments`. Pure: builds the parts; responses.hpp wraps them into REST and
/// response bodies. Every string of the message is passed through core::sanitize first, so the JSON
/// always dumps with nlohmann's default (throwing) error handler.
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bot/platform/mattermost/attachments.hpp"
#include "bot/platform/mattermost/markdown.hpp"
#include "core/message.hpp"

namespace csibot::platform::mattermost {

/// One post's content.
struct post {
  std::string message;                                   ///< Markdown of at most the render limit in runes
  nlohmann::json attachments = nlohmann::json::array();  ///< [] or the one attachment with buttons
  friend bool operator==(const post&, const post&) = default;
};

/// The message as one or more posts, in order. Markdown:
/// - header → "#### header" (one line);
/// - text → to_markdown(text);
/// - fields → one line each, "**label:** value" (just the value when the label is empty);
/// - table → a Markdown table: a header row (empty cells when the table has no columns), a delimiter
///   row, one row per table row padded to the widest; cells through table_cell(); a cell made only of
///   sparkline glyphs (▁…█ and ·) in a code span, so that its bars line up;
/// - context → to_markdown(context), last.
/// Parts are separated by a blank line. Buttons become button_attachment(buttons, target) on the last
/// post. A message longer than `max_runes` (≥ 16 in tests; Mattermost's limit otherwise) continues in
/// further posts: cut between lines, the line break at a cut dropped, so the posts joined with "\n"
/// are the whole message; a table cut this way repeats its header rows in the next post; a single
/// line longer than a post is cut after its last space in the second half of the window, else between
/// two code points, never after an escaping backslash; such pieces join with "". Nothing is dropped.
/// An empty message gives no posts.
std::vector<post> render(const core::message& m, const button_target& target,
                         std::size_t max_runes = max_post_runes);

}  // namespace csibot::platform::mattermost
