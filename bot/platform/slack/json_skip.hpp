#pragma once
/// JSON parsed without the members nothing reads. Pure.
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string_view>

#include "bot/platform/common/form.hpp"

namespace csibot::platform::slack {

/// Decides for each object member whether a skipping parse leaves it out. `depth` counts the objects
/// and arrays around the member: 1 for a member of the top-level object, 2 for a member of an object
/// inside it, 3 for a member of an object in an array inside it. `parent_key` is the key under which
/// the member's own object sits ("" for the top-level object and for objects in arrays).
using member_filter = bool (*)(std::size_t depth, std::string_view parent_key, std::string_view key);

/// Parses `text` as json::parse(text, nullptr, false) does — a discarded value when it is not valid
/// JSON, the same tree otherwise — except that the members `skip` names are never built, with
/// everything inside them. Slack's payloads repeat a lot that csibot never reads (the echoed message
/// of chat.postMessage, the verification token and workspace names of every slash command), and
/// every member of an nlohmann tree costs allocations that the receiving thread later frees.
/// For a duplicate key the last value wins, as with json::parse.
///
/// Like platform::parse_json, it refuses (a discarded value) text that nests deeper than
/// max_json_depth or holds a raw NUL byte: the parse stops at the first bracket too many, so
/// "[[[[…" from a hostile peer costs neither a deep tree nor its bookkeeping, and nlohmann would
/// otherwise read a NUL as the end of the input and ignore whatever follows it.
nlohmann::json parse_skipping(std::string_view text, member_filter skip);

}  // namespace csibot::platform::slack
