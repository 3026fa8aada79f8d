#pragma once
/// The local chat's wire format (docs/local-chat.md): JSON text frames between the browser and
/// csibot. Pure: no I/O, no Asio. Parsing never throws; rendering never throws for any UTF-8 input
/// (invalid UTF-8 is replaced by U+FFFD when serialized).
#include <cstddef>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/message.hpp"
#include "storage/local_chat_repository.hpp"

namespace csibot::platform::local {

/// Limits of client input, in bytes of UTF-8 (the socket itself caps a frame at 64 KiB).
inline constexpr std::size_t max_name_chars = 40;      ///< code points of a display name
inline constexpr std::size_t max_channel_bytes = 100;  ///< channel ids, "dm:" + user id
inline constexpr std::size_t max_text_bytes = 32 * 1024;
inline constexpr std::size_t max_token_bytes = 200;  ///< action ids, values, message ids, client ids

/// {"type":"hello","name":"Alice","locale":"de-DE"}: the first frame of a session.
struct hello_frame {
  std::string name;    ///< trimmed, 1..max_name_chars code points, no control characters
  std::string locale;  ///< "" or a BCP 47-ish tag ([A-Za-z0-9-_], ≤ 16)
};
/// {"type":"message","channel":"general","text":"/csi help","client_id":"c1"}
struct message_frame {
  std::string channel;
  std::string text;       ///< not blank
  std::string client_id;  ///< echoed back on the stored message so the browser can match it; may be ""
};
/// {"type":"action","channel":"dm:alice","message_id":"42","action_id":"csi.rate","value":"vpn:4"}
struct action_frame {
  std::string channel;
  std::string message_id;
  std::string action_id;
  std::string value;
};
/// {"type":"history","channel":"general"}
struct history_frame {
  std::string channel;
};
/// Why a client frame was refused: `code` is stable (docs/local-chat.md), `message` is for people.
struct frame_error {
  std::string code;
  std::string message;
};

using client_frame = std::variant<hello_frame, message_frame, action_frame, history_frame, frame_error>;

/// Parses one text frame from the browser. Bad JSON, a non-object, an unknown or missing type, a
/// missing or mistyped field, or a value over its limit come back as frame_error.
client_frame parse_client_frame(std::string_view text) noexcept;

/// The user id for a display name: a slug of its ASCII letters and digits ("Ada Lovelace" →
/// "ada-lovelace"); a name without any gets "u" + a hash of the name, so it is stable too.
std::string user_id_for(std::string_view name);

/// A channel entry of the welcome frame.
struct channel_info {
  std::string id;
  std::string name;  ///< shown in the sidebar: "general", "csibot" for the DM
  bool dm = false;
};

/// The stored JSON body of a core::message (header, text, fields, table, buttons, context).
std::string encode_body(const core::message& m);

/// A user's own message as a stored body: {"text": ...}.
std::string encode_text_body(std::string_view text);

// Server frames. Each returns one serialized JSON object.
std::string render_welcome(std::string_view user, std::string_view name, std::string_view command,
                           std::string_view bot_name, const std::vector<channel_info>& channels);
std::string render_message(const storage::local_chat_message& m, std::string_view client_id = {});
std::string render_update(const storage::local_chat_message& m);
std::string render_history(std::string_view channel,
                           const std::vector<storage::local_chat_message>& messages);
std::string render_channel(const channel_info& channel);
std::string render_error(std::string_view code, std::string_view message);

}  // namespace csibot::platform::local
