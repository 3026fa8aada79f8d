#include "bot/platform/slack/json_text.hpp"

namespace csibot::platform::slack {

void append_quoted(std::string& out, std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  out.reserve(out.size() + text.size() + 2);
  out += '"';
  std::size_t run = 0;  // start of the bytes not yet copied: copied in runs, not one at a time
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text.substr(run, i - run));
    run = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        out += "\\u00";
        out += hex[c >> 4];
        out += hex[c & 0xF];
    }
  }
  out.append(text.substr(run));
  out += '"';
}

void add_text_member(std::string& members, std::string_view key, std::string_view value) {
  append_quoted(members, key);
  members += ':';
  append_quoted(members, value);
  members += ',';
}

void add_flag_member(std::string& members, std::string_view key, bool value) {
  append_quoted(members, key);
  members += value ? ":true," : ":false,";
}

}  // namespace csibot::platform::slack
