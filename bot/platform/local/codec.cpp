#include "bot/platform/local/codec.hpp"

#include <cstdint>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/json_depth.hpp"

namespace csibot::platform::local {
namespace {

using json = nlohmann::json;

// nlohmann parses iteratively, but a frame of 60,000 '[' still builds a deep tree for nothing:
// nobody's frame nests deeper than a few levels, so refuse early and cheaply.
constexpr int max_depth = 16;

frame_error bad_field(std::string_view name, std::string_view why) {
  return {"bad_field", std::string(name) + ": " + std::string(why)};
}

// Reads string member `name` into `out`. A missing optional member leaves `out` empty.
std::optional<frame_error> read_string(const json& j, const char* name, std::size_t max_bytes, bool required,
                                       std::string& out) {
  const auto it = j.find(name);
  if (it == j.end() || it->is_null()) {
    if (required) return frame_error{"missing_field", std::string(name) + " is required"};
    return std::nullopt;
  }
  if (!it->is_string()) return bad_field(name, "must be a string");
  const auto& s = it->get_ref<const std::string&>();
  if (s.size() > max_bytes) return bad_field(name, "is longer than " + std::to_string(max_bytes) + " bytes");
  out = s;
  return std::nullopt;
}

bool is_blank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

std::optional<frame_error> check_channel(std::string_view channel) {
  for (const char c : channel) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == ':' || c == '.';
    if (!ok) return bad_field("channel", "has characters other than a-z 0-9 - _ : .");
  }
  return std::nullopt;
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s)
    n += (static_cast<unsigned char>(c) & 0xC0U) != 0x80U ? 1U : 0U;
  return n;
}

client_frame parse_hello(const json& j) {
  hello_frame f;
  if (auto e = read_string(j, "name", 4 * max_name_chars, true, f.name)) return *e;
  f.name = std::string(trim(f.name));
  if (f.name.empty()) return bad_field("name", "must not be blank");
  if (code_points(f.name) > max_name_chars) {
    return bad_field("name", "is longer than " + std::to_string(max_name_chars) + " characters");
  }
  for (const char c : f.name) {
    if (static_cast<unsigned char>(c) < 0x20U || c == 0x7F)
      return bad_field("name", "has control characters");
  }
  if (auto e = read_string(j, "locale", 16, false, f.locale)) return *e;
  for (const char c : f.locale) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return bad_field("locale", "is not a language tag");
  }
  return f;
}

client_frame parse_message(const json& j) {
  message_frame f;
  if (auto e = read_string(j, "channel", max_channel_bytes, true, f.channel)) return *e;
  if (auto e = check_channel(f.channel)) return *e;
  if (auto e = read_string(j, "text", max_text_bytes, true, f.text)) return *e;
  if (is_blank(f.text)) return bad_field("text", "must not be blank");
  if (auto e = read_string(j, "client_id", max_token_bytes, false, f.client_id)) return *e;
  return f;
}

client_frame parse_action(const json& j) {
  action_frame f;
  if (auto e = read_string(j, "channel", max_channel_bytes, true, f.channel)) return *e;
  if (auto e = check_channel(f.channel)) return *e;
  if (auto e = read_string(j, "message_id", max_token_bytes, true, f.message_id)) return *e;
  if (auto e = read_string(j, "action_id", max_token_bytes, true, f.action_id)) return *e;
  if (f.action_id.empty()) return bad_field("action_id", "must not be empty");
  if (auto e = read_string(j, "value", max_token_bytes, false, f.value)) return *e;
  return f;
}

client_frame parse_history(const json& j) {
  history_frame f;
  if (auto e = read_string(j, "channel", max_channel_bytes, true, f.channel)) return *e;
  if (auto e = check_channel(f.channel)) return *e;
  return f;
}

client_frame parse_object(const json& j) {
  const auto type = j.find("type");
  if (type == j.end() || !type->is_string())
    return frame_error{"missing_type", "a frame needs a string \"type\""};
  const auto& t = type->get_ref<const std::string&>();
  if (t == "hello") return parse_hello(j);
  if (t == "message") return parse_message(j);
  if (t == "action") return parse_action(j);
  if (t == "history") return parse_history(j);
  return frame_error{"unknown_type", "unknown frame type (expected hello, message, action or history)"};
}

}  // namespace

client_frame parse_client_frame(std::string_view text) noexcept {
  try {
    if (core::json_nests_deeper_than(text, max_depth))
      return frame_error{"bad_json", "the frame nests too deeply"};
    // nlohmann stops at a raw NUL as if the input ended there; valid JSON never holds one.
    if (text.find('\0') != std::string_view::npos)
      return frame_error{"bad_json", "the frame holds a NUL byte"};
    const json j = json::parse(text, nullptr, false);
    if (j.is_discarded()) return frame_error{"bad_json", "the frame is not valid JSON (UTF-8)"};
    if (!j.is_object()) return frame_error{"bad_json", "a frame must be a JSON object"};
    return parse_object(j);
  } catch (const std::exception&) {
    // Only allocation failure can get here; the caller must still get an answer, not a crash.
    return frame_error{"internal", "the frame could not be read"};
  }
}

std::string user_id_for(std::string_view name) {
  constexpr std::size_t max_slug = 32;
  std::string slug;
  bool dash = false;
  for (const char c : name) {
    const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if ((lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9')) {
      if (dash && !slug.empty()) slug += '-';
      dash = false;
      slug += lower;
      if (slug.size() >= max_slug) break;
    } else {
      dash = true;
    }
  }
  if (!slug.empty()) return slug;
  // FNV-1a: a name in another script ("山田") still maps to the same id on every visit.
  std::uint32_t hash = 2166136261U;
  for (const char c : name)
    hash = (hash ^ static_cast<unsigned char>(c)) * 16777619U;
  char buf[16];
  std::snprintf(buf, sizeof buf, "u%08x", static_cast<unsigned>(hash));
  return buf;
}

}  // namespace csibot::platform::local
