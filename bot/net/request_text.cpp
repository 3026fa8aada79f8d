#include "bot/net/request_text.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include "bot/net/detail/connect.hpp"

namespace csibot::net {
namespace {

// RFC 9110 §5.6.2: token = 1*tchar.
bool is_token(std::string_view name) {
  constexpr std::string_view extra = "!#$%&'*+-.^_`|~";
  return !name.empty() && std::all_of(name.begin(), name.end(), [&](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           extra.find(c) != std::string_view::npos;
  });
}

// A value may hold anything visible, spaces and tabs, and obs-text; CR, LF or NUL would end the field
// (or the header block) early and let the value write fields of its own.
bool is_safe_value(std::string_view value) {
  return value.find_first_of(std::string_view{"\r\n\0", 3}) == std::string_view::npos;
}

bool sends_content(std::string_view method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "OPTIONS";
}

// Fields that the formatter writes itself from the request's own facts.
bool is_framing_field(std::string_view name) {
  return iequals(name, "content-length") || iequals(name, "transfer-encoding") || iequals(name, "connection");
}

void append_field(std::string& out, std::string_view name, std::string_view value) {
  out.append(name).append(": ").append(value).append("\r\n");
}

}  // namespace

std::optional<std::string> request_text(const request_head& head, const header_map& headers,
                                        std::size_t body_size) {
  if (!is_safe_value(head.user_agent)) return std::nullopt;
  const auto& fields = headers.entries();
  for (const auto& [name, value] : fields) {
    if (!is_token(name) || !is_safe_value(value)) return std::nullopt;
  }
  // Only the last of several fields with one name is sent, as setting a field twice would.
  const auto superseded = [&](std::size_t i) {
    return std::any_of(fields.begin() + static_cast<std::ptrdiff_t>(i) + 1, fields.end(),
                       [&](const auto& later) { return iequals(later.first, fields[i].first); });
  };

  std::string out;
  out.reserve(256);
  out.append(head.method).append(" ").append(head.target->target).append(" HTTP/1.1\r\n");
  if (!headers.contains("host")) append_field(out, "Host", detail::host_header(*head.target));
  if (!headers.contains("user-agent")) append_field(out, "User-Agent", head.user_agent);
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (is_framing_field(fields[i].first) || superseded(i)) continue;
    append_field(out, fields[i].first, fields[i].second);
  }
  if (body_size > 0 || sends_content(head.method)) {
    std::array<char, 24> digits{};
    const auto end = std::to_chars(digits.data(), digits.data() + digits.size(), body_size).ptr;
    append_field(out, "Content-Length", std::string_view{digits.data(), end});
  }
  if (!head.keep_alive) append_field(out, "Connection", "close");
  out.append("\r\n");
  return out;
}

}  // namespace csibot::net
