#include <cctype>
#include <cstdint>

#include "storage/codec.hpp"
#include "storage/message_json.hpp"

namespace csibot::storage {
namespace {

// Reads the outbox's message JSON by hand: nlohmann's DOM cost ~5 µs per row, about half the CPU of
// sending a message. Strict about JSON and types, lenient about keys: absent ones were empty when
// written, unknown ones (from a newer csibot) are skipped.
class parser {
 public:
  parser(std::string_view text, std::string_view column) : s_(text), column_(column) {}

  core::message message() {
    core::message m;
    object([&](const std::string& key) {
      if (key == "header") {
        m.header = string();
      } else if (key == "text") {
        m.text = string();
      } else if (key == "context") {
        m.context = string();
      } else if (key == "fields") {
        array([&] { m.fields.push_back(field()); });
      } else if (key == "table") {
        m.table = table();
      } else if (key == "buttons") {
        array([&] { m.buttons.push_back(button()); });
      } else {
        skip();
      }
    });
    ws();
    if (i_ != s_.size()) fail();
    return m;
  }

 private:
  core::field field() {
    core::field f;
    object([&](const std::string& key) {
      text_or_skip(key == "label" ? &f.label : key == "value" ? &f.value : nullptr);
    });
    return f;
  }
  core::button button() {
    core::button b;
    std::string style;
    object([&](const std::string& key) {
      text_or_skip(key == "label"       ? &b.label
                   : key == "action_id" ? &b.action_id
                   : key == "value"     ? &b.value
                   : key == "style"     ? &style
                                        : nullptr);
    });
    if (style == "primary") {
      b.style = core::button_style::primary;
    } else if (style == "danger") {
      b.style = core::button_style::danger;
    } else if (!style.empty() && style != "normal") {
      fail();
    }
    return b;
  }
  core::table table() {
    core::table t;
    object([&](const std::string& key) {
      if (key == "columns") {
        t.columns = strings();
      } else if (key == "rows") {
        array([&] { t.rows.push_back(strings()); });
      } else {
        skip();
      }
    });
    return t;
  }
  std::vector<std::string> strings() {
    std::vector<std::string> out;
    array([&] { out.push_back(string()); });
    return out;
  }

  void text_or_skip(std::string* target) {
    if (target != nullptr) {
      *target = string();
    } else {
      skip();
    }
  }

  template <class OnKey>
  void object(OnKey&& on_key) {
    expect('{');
    const depth_guard guard{*this};
    if (peek() == '}') return void(++i_);
    do {
      ws();
      const std::string key = string();
      expect(':');
      ws();
      on_key(key);
    } while (next_item('}'));
  }
  template <class OnItem>
  void array(OnItem&& on_item) {
    expect('[');
    const depth_guard guard{*this};
    if (peek() == ']') return void(++i_);
    do {
      ws();
      on_item();
    } while (next_item(']'));
  }
  // Unknown values are skipped recursively: a row of "[[[[…" must fail, not exhaust the stack.
  struct depth_guard {
    explicit depth_guard(parser& p) : p_(p) {
      constexpr int max_depth = 32;
      if (++p_.depth_ > max_depth) p_.fail();
    }
    ~depth_guard() { --p_.depth_; }
    depth_guard(const depth_guard&) = delete;
    depth_guard& operator=(const depth_guard&) = delete;

   private:
    parser& p_;
  };
  // After an item: true at ',', false at the closing bracket.
  bool next_item(char close) {
    const char c = peek();
    ++i_;
    if (c == ',') return true;
    if (c != close) fail();
    return false;
  }

  std::string string() {
    if (peek() != '"') fail();
    ++i_;
    std::string out;
    while (true) {
      const std::size_t run = i_;
      while (i_ < s_.size() && s_[i_] != '"' && s_[i_] != '\\' && static_cast<unsigned char>(s_[i_]) >= 0x20)
        ++i_;
      out.append(s_, run, i_ - run);
      if (i_ >= s_.size() || static_cast<unsigned char>(s_[i_]) < 0x20) fail();
      if (s_[i_++] == '"') return out;
      escape(out);
    }
  }
  void escape(std::string& out) {
    if (i_ >= s_.size()) fail();
    const char c = s_[i_++];
    switch (c) {
      case '"':
      case '\\':
      case '/':
        out += c;
        return;
      case 'b':
        out += '\b';
        return;
      case 'f':
        out += '\f';
        return;
      case 'n':
        out += '\n';
        return;
      case 'r':
        out += '\r';
        return;
      case 't':
        out += '\t';
        return;
      case 'u':
        break;
      default:
        fail();
    }
    std::uint32_t cp = hex4();
    if (cp >= 0xD800 && cp <= 0xDBFF) {  // a surrogate pair spells one code point above U+FFFF
      if (s_.substr(i_, 2) != "\\u") fail();
      i_ += 2;
      const std::uint32_t low = hex4();
      if (low < 0xDC00 || low > 0xDFFF) fail();
      cp = 0x10000 + ((cp - 0xD800) << 10U) + (low - 0xDC00);
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
      fail();
    }
    append_utf8(out, cp);
  }
  std::uint32_t hex4() {
    if (s_.size() - i_ < 4) fail();
    std::uint32_t v = 0;
    for (int k = 0; k < 4; ++k) {
      const char h = s_[i_++];
      const int d = h >= '0' && h <= '9'   ? h - '0'
                    : h >= 'a' && h <= 'f' ? h - 'a' + 10
                    : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                           : -1;
      if (d < 0) fail();
      v = v * 16 + static_cast<std::uint32_t>(d);
    }
    return v;
  }
  static void append_utf8(std::string& out, std::uint32_t cp) {
    const auto byte = [&](std::uint32_t b) { out += static_cast<char>(b); };
    if (cp < 0x80) {
      byte(cp);
    } else if (cp < 0x800) {
      byte(0xC0 | (cp >> 6U));
      byte(0x80 | (cp & 0x3FU));
    } else if (cp < 0x10000) {
      byte(0xE0 | (cp >> 12U));
      byte(0x80 | ((cp >> 6U) & 0x3FU));
      byte(0x80 | (cp & 0x3FU));
    } else {
      byte(0xF0 | (cp >> 18U));
      byte(0x80 | ((cp >> 12U) & 0x3FU));
      byte(0x80 | ((cp >> 6U) & 0x3FU));
      byte(0x80 | (cp & 0x3FU));
    }
  }

  // Any value under a key this csibot does not know: strings, containers, and bare literals.
  void skip() {
    const char c = peek();
    if (c == '"') {
      string();
    } else if (c == '{') {
      object([&](const std::string&) { skip(); });
    } else if (c == '[') {
      array([&] { skip(); });
    } else {
      const std::size_t start = i_;
      while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '-' ||
                                s_[i_] == '+' || s_[i_] == '.'))
        ++i_;
      if (i_ == start) fail();
    }
  }

  void ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\t'))
      ++i_;
  }
  char peek() {
    ws();
    if (i_ >= s_.size()) fail();
    return s_[i_];
  }
  void expect(char c) {
    if (peek() != c) fail();
    ++i_;
  }
  [[noreturn]] void fail() const { throw_bad_column(column_); }

  std::string_view s_;
  std::string_view column_;
  std::size_t i_ = 0;
  int depth_ = 0;
};

}  // namespace

core::message decode_message(std::string_view text, std::string_view column) {
  return parser{text, column}.message();
}

}  // namespace csibot::storage
