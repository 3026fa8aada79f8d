#pragma once
/// Reading request bodies from Slack: JSON (Socket Mode frames, Events API over HTTP) and
/// application/x-www-form-urlencoded (slash commands and interactivity over HTTP, PLATFORMS.md
/// §1.4, §1.6). Pure; nothing here throws except std::bad_alloc. Size limits are the transport's:
/// these read whatever they are given, in time linear in its length.
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace csibot::platform::slack {

/// A parsed body, or why it could not be read.
struct parsed {
  nlohmann::json value;  ///< an object when ok()
  std::string error;     ///< empty when ok(); short and safe to log (never echoes the input)
  bool ok() const noexcept { return error.empty(); }
};

/// Nesting deeper than this is refused before parsing: Slack's deepest payloads (rich text inside
/// a message inside block_actions) stay far below it, and a body of 100,000 '[' should cost nothing.
inline constexpr int max_json_depth = 64;

/// Parses a JSON object. Invalid JSON or UTF-8, a NUL byte, too deep a nesting, or a value that is
/// not an object is an error.
parsed parse_json(std::string_view text);

/// Parses a form body into a JSON object of strings: '&' separates pairs, the first '=' splits a
/// pair, '+' is a space, %XX a byte. A name without '=' has the value "". Empty pairs are skipped;
/// a repeated name keeps its last value. A bad escape ("%G1", a lone '%') or a name or value that
/// does not decode to valid UTF-8 is an error.
parsed parse_form(std::string_view body);

/// Interactivity over HTTP: a form whose `payload` field is the JSON object of the interaction.
/// A missing field, or one that parse_json refuses, is an error.
parsed parse_interactive_form(std::string_view body);

/// Longest id, ts, type or action id accepted from Slack, in bytes (Slack's are far shorter).
inline constexpr std::size_t max_id_bytes = 255;

/// Reads members of one JSON object without throwing, remembering the first problem ("missing
/// user_id", "user.id is not a string") in `problem`, so that a decoder reads every field and then
/// checks once. A value that is not an object reads as an empty one. Keeps references to `object`
/// and `problem`: both must outlive the reader.
class payload_reader {
 public:
  payload_reader(const nlohmann::json& object, std::string& problem, std::string path = {});

  /// The string member `key`; "" when absent or null. A wrong type or more than `max_bytes` bytes
  /// is a problem (and gives "").
  std::string get(const char* key, std::size_t max_bytes = max_id_bytes) const;
  /// Like get(), and an empty result is a problem ("missing <key>").
  std::string need(const char* key, std::size_t max_bytes = max_id_bytes) const;
  /// Whether `key` is present and not null.
  bool has(const char* key) const;
  /// A reader for the object member `key` (problems named "key.member"); a member that is present
  /// but neither an object nor null is a problem.
  payload_reader child(const char* key) const;

 private:
  void note(std::string what) const;

  const nlohmann::json* object_;
  std::string* problem_;
  std::string path_;
};

}  // namespace csibot::platform::slack
