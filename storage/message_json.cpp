#include "storage/message_json.hpp"

#include "storage/codec.hpp"

namespace csibot::storage {
namespace {

// Written by hand, because it is on the hot path of every reply (one outbox row each) and building an
// nlohmann::json tree first cost ~6 µs per message, more than the row's INSERT.

bool continuation(unsigned char c) {
  return (c & 0xC0U) == 0x80U;
}

// Length of the valid UTF-8 sequence at the start of `s`, 0 when it is not one (RFC 3629: no overlong
// forms, no surrogates, nothing above U+10FFFF).
std::size_t utf8_sequence(std::string_view s) {
  const auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char lead = b(0);
  std::size_t n = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    n = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    n = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    n = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  }
  if (n == 0 || s.size() < n || b(1) < low || b(1) > high) return 0;
  for (std::size_t i = 2; i < n; ++i)
    if (!continuation(b(i))) return 0;
  return n;
}

void append_escaped(std::string& out, std::string_view s) {
  constexpr char hex[] = "0123456789abcdef";
  out += '"';
  std::size_t plain = 0;  // start of the run copied as it is
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
      ++i;
      continue;
    }
    std::size_t n = 1;
    if (c >= 0x80) {
      n = utf8_sequence(s.substr(i));
      if (n > 0) {
        i += n;
        continue;
      }
      n = 1;
    }
    out.append(s, plain, i - plain);
    if (c >= 0x80) {
      out += "\xEF\xBF\xBD";  // U+FFFD for a byte that is not UTF-8: a reply must not be lost to it
    } else if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else {
      out += "\\u00";
      out += hex[c >> 4U];
      out += hex[c & 0xFU];
    }
    i += n;
    plain = i;
  }
  out.append(s, plain, s.size() - plain);
  out += '"';
}

class writer {
 public:
  explicit writer(std::string& o) : out_(o) {}

  void key(std::string_view k) {
    if (!first_) out_ += ',';
    first_ = false;
    out_ += '"';
    out_ += k;
    out_ += "\":";
  }
  /// A string member, also when empty.
  void member(std::string_view k, const std::string& value) {
    key(k);
    append_escaped(out_, value);
  }
  /// A string member, left out when empty.
  void text(std::string_view k, const std::string& value) {
    if (!value.empty()) member(k, value);
  }
  /// `[each(item), …]`
  template <class Items, class Each>
  void array(const Items& items, Each&& each) {
    out_ += '[';
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i > 0) out_ += ',';
      each(items[i]);
    }
    out_ += ']';
  }
  void strings(const std::vector<std::string>& items) {
    array(items, [&](const std::string& s) { append_escaped(out_, s); });
  }
  /// `{…}` with the members `body` writes through the writer it is given.
  template <class Body>
  void object(Body&& body) {
    writer inner{out_};
    out_ += '{';
    body(inner);
    out_ += '}';
  }

 private:
  std::string& out_;
  bool first_ = true;
};

std::string_view style_name(core::button_style s) {
  return s == core::button_style::primary ? "primary" : s == core::button_style::danger ? "danger" : "normal";
}

}  // namespace

std::string encode_message(const core::message& m) {
  std::string out;
  out.reserve(32 + m.header.size() + m.text.size() + m.context.size() +
              80 * (m.fields.size() + m.buttons.size()));
  writer{out}.object([&](writer& o) {
    o.text("header", m.header);
    o.text("text", m.text);
    if (!m.fields.empty()) {
      o.key("fields");
      o.array(m.fields, [&](const core::field& f) {
        o.object([&](writer& fw) {
          fw.member("label", f.label);
          fw.member("value", f.value);
        });
      });
    }
    if (m.table) {
      o.key("table");
      o.object([&](writer& t) {
        t.key("columns");
        t.strings(m.table->columns);
        t.key("rows");
        t.array(m.table->rows, [&](const std::vector<std::string>& row) { t.strings(row); });
      });
    }
    if (!m.buttons.empty()) {
      o.key("buttons");
      o.array(m.buttons, [&](const core::button& b) {
        o.object([&](writer& bw) {
          bw.text("label", b.label);
          bw.text("action_id", b.action_id);
          bw.text("value", b.value);
          if (b.style != core::button_style::normal) bw.member("style", std::string{style_name(b.style)});
        });
      });
    }
    o.text("context", m.context);
  });
  return out;
}

}  // namespace csibot::storage
