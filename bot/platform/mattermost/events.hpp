#pragma once
/// The Mattermost WebSocket API (PLATFORMS.md §2.2): decoding what the server sends and encoding the
/// two requests csibot makes. Pure; decode_frame never throws: hostile input (invalid JSON, 100,000
/// '[', wrong types, oversized strings) is a `malformed` frame with a short reason.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "core/events.hpp"
#include "core/time.hpp"

namespace csibot::platform::mattermost {

/// `hello`, the first event of every connection (seq 0).
struct hello {
  std::string connection_id;  ///< pass back as ?connection_id= on reconnect to resume the queue
  std::string server_version;
  std::string server_hostname;  ///< "" when the server did not say
  std::string bot_user_id;      ///< broadcast.user_id: the authenticated user, i.e. the bot
};

/// The answer to a request of ours (authentication_challenge, ping): carries seq_reply, not seq.
struct reply {
  std::int64_t seq_reply = 0;
  bool ok = false;                                 ///< status "OK"
  nlohmann::json data = nlohmann::json::object();  ///< e.g. {"text":"pong",…}; {} when absent
  std::string error_id;                            ///< on FAIL, e.g. api.web_socket_router.bad_seq.app_error
  std::string error_message;
};

/// A `posted` event that is a person writing to the bot in a direct channel. `event` has platform
/// "mattermost", user = post.user_id, user_name = sender_name without its '@', channel =
/// post.channel_id, is_dm, text = post.message, event_id = post.id (redeliveries after a resumed
/// connection repeat it), team = data.team_id ("" for DMs).
struct posted {
  core::inbound event;
  std::string root_id;           ///< the thread's root post when the message is a reply; "" otherwise
  core::timestamp created_at{};  ///< post.create_at
};

/// A valid event csibot does not act on: another event type, or a post that is not a person's
/// direct message to the bot (the reason says which).
struct ignored {
  std::string event;   ///< the event name ("typing", "posted", …)
  std::string reason;  ///< for a debug log
};

/// A frame that cannot be used.
struct malformed {
  std::string problem;  ///< short and safe to log; never echoes the input
};

using frame_body = std::variant<hello, reply, posted, ignored, malformed>;

/// One decoded frame. `seq` is the event's sequence number whenever it could be read, even for an
/// ignored or malformed event: the caller checks it for gaps (PLATFORMS §2.2: +1 per event) and must
/// advance past a bad event rather than reconnect over it. Replies have no seq.
struct server_frame {
  std::optional<std::int64_t> seq;
  frame_body body;
};

/// Decodes one text frame. `bot_user_id` (from hello; "" before it) marks the bot's own posts.
/// Events: `hello` needs data.connection_id; `posted` needs data.post to be a JSON *string* holding the
/// post object (it is parsed a second time, with the same depth guard), and is a `posted` only for an
/// ordinary post (type "") in a direct channel (channel_type "D") by someone other than the bot, not
/// marked props.from_bot or props.from_webhook, with non-blank text; anything else valid is `ignored`
/// with a reason (system_* posts, group DMs "G", channels "O"/"P", the bot's own posts, other event
/// names). A frame with seq_reply and no event is a reply. Ids over 64 bytes, a message over 65,536
/// bytes, or a wrong type is malformed.
server_frame decode_frame(std::string_view text, std::string_view bot_user_id) noexcept;

/// {"seq":seq,"action":"authentication_challenge","data":{"token":token}} as text (the answer is a
/// reply with this seq, or none when the upgrade's Authorization header already authenticated).
/// `seq` must be > 0 (the server refuses 0).
std::string authentication_challenge(std::int64_t seq, std::string_view token);

/// {"seq":seq,"action":"ping"} as text; the reply's data is {"text":"pong",…}.
std::string ping(std::int64_t seq);

}  // namespace csibot::platform::mattermost
