#include "core/json_text.hpp"

#include <array>
#include <charconv>

#include "core/text.hpp"

namespace csibot::core {

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  out.reserve(out.size() + text.size() + 2);
  out += '"';
  std::size_t run = 0;  // start of the bytes not yet copied: copied in runs, not one at a time
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      if (const std::size_t n = utf8_sequence(text.substr(i)); n > 0) {
        i += n;
        continue;
      }
    }
    out.append(text.substr(run, i - run));
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
        if (c >= 0x80) {
          out += "\xEF\xBF\xBD";  // U+FFFD: one byte that is not UTF-8 must not make the text unusable
        } else {
          out += "\\u00";
          out += hex[c >> 4U];
          out += hex[c & 0xFU];
        }
    }
    ++i;
    run = i;
  }
  out.append(text.substr(run));
  out += '"';
}

void json_writer::key(std::string_view k) {
  if (!first_) out_ += ',';
  first_ = false;
  out_ += '"';
  out_ += k;
  out_ += "\":";
}

void json_writer::member(std::string_view k, std::string_view value) {
  key(k);
  append_json_string(out_, value);
}

void json_writer::number(std::string_view k, std::int64_t value) {
  key(k);
  std::array<char, 24> digits{};
  const auto end = std::to_chars(digits.data(), digits.data() + digits.size(), value).ptr;
  out_.append(digits.data(), end);
}

void json_writer::boolean(std::string_view k, bool value) {
  key(k);
  out_ += value ? "true" : "false";
}

void json_writer::strings(const std::vector<std::string>& items) {
  array(items, [&](const std::string& s) { append_json_string(out_, s); });
}

}  // namespace csibot::core
