#pragma once
/// Names and size caps shared by the Mattermost wire code. Anything longer than a cap is refused with
/// a reason rather than carried into storage and logs: Mattermost's own values are far shorter.
#include <cstddef>
#include <string_view>

namespace csibot::platform::mattermost {

/// core::inbound::platform and the `platform:` prefix of references (SPEC §12).
inline constexpr std::string_view platform_name = "mattermost";

/// Ids (users, channels, posts, teams, connections) are 26 characters; trigger ids are longer but
/// still far below this. Hides csibot::platform::max_id_bytes (255) on purpose: pass it explicitly to
/// payload_reader, whose default is the generic one.
inline constexpr std::size_t max_id_bytes = 64;
/// Names, versions, trigger ids, commands and other short strings.
inline constexpr std::size_t max_name_bytes = 1'024;
/// A post's message: 16,383 runes of at most 4 bytes each, rounded up.
inline constexpr std::size_t max_message_bytes = 65'536;
/// response_url and integration URLs.
inline constexpr std::size_t max_url_bytes = 2'048;
/// A button's action id and value as carried in its signed context (core::button; csibot's are a
/// dozen characters). Rendering cuts longer ones to these sizes, decoding refuses longer ones.
inline constexpr std::size_t max_action_id_bytes = 1'024;
inline constexpr std::size_t max_value_bytes = 8'000;

}  // namespace csibot::platform::mattermost
