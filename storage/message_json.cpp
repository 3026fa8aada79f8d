#include "storage/message_json.hpp"

#include "core/json_text.hpp"
#include "storage/codec.hpp"

namespace csibot::storage {
namespace {

// Written by hand, because it is on the hot path of every reply (one outbox row each) and building an
// nlohmann::json tree first cost ~6 µs per message, more than the row's INSERT.

using writer = core::json_writer;

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
