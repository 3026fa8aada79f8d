#pragma once
/// Percent-encoding for the form bodies tests and fakes send (application/x-www-form-urlencoded), as
/// Slack and Mattermost encode them: RFC 3986 unreserved characters stay, every other byte is %XX.
/// Written here rather than borrowed from bot/, so that a bug there cannot hide in what tests send.
#include <cctype>
#include <string>
#include <string_view>

namespace csibot::test {

inline std::string url_encode(std::string_view text) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += hex[u >> 4U];
      out += hex[u & 15U];
    }
  }
  return out;
}

}  // namespace csibot::test
