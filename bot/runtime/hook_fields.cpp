#include "bot/runtime/hook_fields.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <nlohmann/json.hpp>

#include "core/json_depth.hpp"
#include "core/ref.hpp"

namespace csibot::runtime {

using json = nlohmann::json;

namespace {

// RFC 5321: 254 characters is the longest address that can be used in a path.
constexpr std::size_t max_email_length = 254;

// C0 controls, DEL and C1 controls (U+0080–U+009F). Text here comes out of the JSON parser, which
// only lets valid UTF-8 through, so a C1 character is exactly the pair C2 80 … C2 9F. C1 matters as
// much as C0: U+009B alone is a terminal's CSI, the start of an escape sequence.
bool c1_at(std::string_view text, std::size_t i) {
  if (i + 1 >= text.size() || static_cast<unsigned char>(text[i]) != 0xC2) return false;
  const auto next = static_cast<unsigned char>(text[i + 1]);
  return next >= 0x80 && next <= 0x9F;
}

}  // namespace

bool has_control(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto u = static_cast<unsigned char>(text[i]);
    if (u < 0x20 || u == 0x7F || c1_at(text, i)) return true;
  }
  return false;
}

// Caller-supplied text as it may appear in a log line. Controls are rejected before anything is
// logged, but a line separator (U+2028, U+2029) or a bidirectional override (U+202A–U+202E,
// U+2066–U+2069) is legal in a ticket key and would split a line in some log viewers or make it read
// differently from what it says: those are written as \uXXXX. Controls are escaped the same way in case
// a reason quotes text before it was checked.
std::string loggable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto u = static_cast<unsigned char>(text[i]);
    std::uint32_t escaped = 0x110000;  // none
    if (u < 0x20 || u == 0x7F) {
      escaped = u;
    } else if (c1_at(text, i)) {
      escaped = static_cast<unsigned char>(text[i + 1]);
    } else if (u == 0xE2 && i + 2 < text.size()) {
      const auto b1 = static_cast<unsigned char>(text[i + 1]);
      const auto b2 = static_cast<unsigned char>(text[i + 2]);
      const std::uint32_t cp = 0x2000U | ((b1 & 0x3FU) << 6U) | (b2 & 0x3FU);
      if ((cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) escaped = cp;
    }
    if (escaped == 0x110000) {
      out += text[i];
      continue;
    }
    out += fmt::format("\\u{:04X}", escaped);
    i += escaped < 0x80 ? 0 : escaped < 0x800 ? 1 : 2;
  }
  return out;
}

namespace {

// A deliberately plain check: one '@', a dotted domain, no spaces, quotes or brackets. Quoted local
// parts and IP-literal domains are legal but never seen in ITSM tools, and the address is only used
// to look the person up on the chat platform later.
bool is_email(std::string_view text) {
  if (text.size() > max_email_length) return false;
  const auto at = text.find('@');
  if (at == std::string_view::npos || at == 0 || text.find('@', at + 1) != std::string_view::npos)
    return false;
  const auto domain = text.substr(at + 1);
  if (domain.empty() || domain.find('.') == std::string_view::npos || domain.front() == '.' ||
      domain.back() == '.' || domain.find("..") != std::string_view::npos) {
    return false;
  }
  constexpr std::string_view forbidden = " \t\"(),:;<>[\\]";
  return !has_control(text) && text.find_first_of(forbidden) == std::string_view::npos;
}

// "slack:U0123" stays as it is; an e-mail address becomes "email:<address, lower case>" for the
// runtime to resolve through the platform (users.lookupByEmail and the like), which match addresses
// case-insensitively. nullopt when it is neither.
std::optional<std::string> normalize_person(std::string_view text) {
  if (auto r = core::parse_ref(text); r && !has_control(text)) return r->str();
  if (!is_email(text)) return std::nullopt;
  std::string out = "email:";
  out.reserve(out.size() + text.size());
  for (char c : text)
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return out;
}

}  // namespace

std::optional<std::string> string_field(const json& body, const char* name, bool required) {
  const auto it = body.find(name);
  if (it == body.end() || it->is_null()) {
    if (required) throw rejection{400, std::string{"missing field '"} + name + "'"};
    return std::nullopt;
  }
  if (!it->is_string()) throw rejection{400, std::string{"field '"} + name + "' must be a string"};
  auto value = it->get<std::string>();
  if (value.empty()) {
    if (required) throw rejection{400, std::string{"field '"} + name + "' must not be empty"};
    return std::nullopt;
  }
  return value;
}

namespace {

// A ticket is one flat object; this leaves room for whatever an ITSM tool nests beside its fields,
// and refuses "[[[[…" before the parser builds a tree level by level for it.
constexpr int max_body_depth = 32;

}  // namespace

json parse_body(std::string_view raw) {
  // nlohmann stops at a raw NUL and would take what precedes it as the whole body.
  if (raw.find('\0') != std::string_view::npos) throw rejection{400, "body contains a NUL byte"};
  if (core::json_nests_deeper_than(raw, max_body_depth))
    throw rejection{400, "body nests deeper than " + std::to_string(max_body_depth) + " levels"};
  json body = json::parse(raw, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) throw rejection{400, "body is not valid JSON"};
  if (!body.is_object()) throw rejection{400, "body must be a JSON object"};
  return body;
}

namespace {

constexpr std::string_view person_forms =
    "platform:id (local, slack, mattermost, discord) nor an e-mail address";

}  // namespace

std::optional<std::string> person_field(const json& body, const char* name, bool required) {
  const auto text = string_field(body, name, required);
  if (!text) return std::nullopt;
  // Checked apart from the form, so that the reason says what is wrong; both reach the log.
  if (has_control(*text))
    throw rejection{400, std::string{"field '"} + name + "' contains control characters"};
  auto person = normalize_person(*text);
  if (!person)
    throw rejection{400, std::string{"field '"} + name + "' is neither " + std::string{person_forms}};
  return person;
}

}  // namespace csibot::runtime
