#pragma once
/// Reading request bodies from chat platforms: JSON (Slack Socket Mode frames and Events API,
/// Mattermost WebSocket events and button callbacks) and application/x-www-form-urlencoded (slash
/// commands of both, Slack interactivity; PLATFORMS.md §1.4, §1.6, §2.4). Pure; nothing here throws
/// except std::bad_alloc. Size limits are the transport's: these read whatever they are given, in time
/// linear in its length.
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace csibot::platform {

/// A parsed body, or why it could not be read.
struct parsed {
  nlohmann::json value;  ///< an object when ok()
  std::string error;     ///< empty when ok(); short and safe to log (never echoes the input)
  bool ok() const noexcept { return error.empty(); }
};

/// Nesting deeper than this is refused before parsing: the deepest platform payloads (Slack's rich
/// text inside a message inside block_actions) stay far below it, and a body of 100,000 '[' should
/// cost nothing.
inline constexpr int max_json_depth = 64;

/// Parses any JSON value from the network, as json::parse(text, nullptr, false) does, except that
/// text nesting deeper than max_json_depth or holding a NUL byte is refused too: a discarded value
/// for all of these. nlohmann would read a raw NUL as the end of the input and ignore what follows.
nlohmann::json parse_json_value(std::string_view text);

/// Parses a JSON object. Invalid JSON or UTF-8, a NUL byte, too deep a nesting, or a value that is
/// not an object is an error.
parsed parse_json(std::string_view text);

/// What parse_form does with a name that occurs more than once.
enum class repeated_names {
  keep_last,  ///< the last value wins (Slack: no field repeats, and this is what its SDKs do)
  collect     ///< Mattermost: a name given once is a string, one given 2+ times an array of its
              ///< values in order (user_mentions, channel_mentions and their _ids repeat)
};

/// Parses a form body into a JSON object of strings (or, with `collect`, arrays of strings): '&'
/// separates pairs, the first '=' splits a pair, '+' is a space, %XX a byte. A name without '=' has
/// the value "". Empty pairs and empty names are skipped. A bad escape ("%G1", a lone '%') or a name or
/// value that does not decode to valid UTF-8 is an error.
parsed parse_form(std::string_view body, repeated_names repeats = repeated_names::keep_last);

/// Longest id, ts, type or action id accepted by payload_reader::get() unless told otherwise, in bytes
/// (Slack's and Mattermost's ids are far shorter).
inline constexpr std::size_t max_id_bytes = 255;

/// Most items payload_reader::list() accepts: no honest form repeats a name this often.
inline constexpr std::size_t max_list_items = 256;

/// Reads members of one JSON object without throwing, remembering the first problem ("missing
/// user_id", "user.id is not a string") in `problem`, so that a decoder reads every field and then
/// checks once. A value that is not an object reads as an empty one. Keeps references to `object`
/// and `problem`: both must outlive the reader.
class payload_reader {
 public:
  payload_reader(const nlohmann::json& object, std::string& problem, std::string path = {});

  /// The string member `key`; "" when absent or null. A wrong type (a repeated form name included)
  /// or more than `max_bytes` bytes is a problem (and gives "").
  std::string get(const char* key, std::size_t max_bytes = max_id_bytes) const;
  /// Like get(), and an empty result is a problem ("missing <key>").
  std::string need(const char* key, std::size_t max_bytes = max_id_bytes) const;
  /// The member `key` as a list: absent or null → {}, a string → one item, an array of strings → its
  /// items. Anything else, an item over `max_bytes` or more than max_list_items items is a problem
  /// (and gives {}).
  std::vector<std::string> list(const char* key, std::size_t max_bytes = max_id_bytes) const;
  /// Whether `key` is present and not null.
  bool has(const char* key) const;
  /// Whether `key` is the JSON literal true; absent, null or anything else reads as false.
  bool flag(const char* key) const;
  /// A reader for the object member `key` (problems named "key.member"); a member that is present
  /// but neither an object nor null is a problem.
  payload_reader child(const char* key) const;

 private:
  void note(std::string what) const;

  const nlohmann::json* object_;
  std::string* problem_;
  std::string path_;
};

}  // namespace csibot::platform
