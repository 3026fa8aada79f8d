// Server frames of the local chat (docs/local-chat.md). Declared in codec.hpp.
#include <nlohmann/json.hpp>

#include "bot/platform/local/codec.hpp"

namespace csibot::platform::local {
namespace {

using json = nlohmann::json;

// Text from people and from the catalog may hold invalid UTF-8 (stored verbatim, SPEC §12); the
// browser gets U+FFFD instead of a frame that fails to serialize.
std::string dump(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string_view style_name(core::button_style s) {
  switch (s) {
    case core::button_style::primary:
      return "primary";
    case core::button_style::danger:
      return "danger";
    case core::button_style::normal:
      break;
  }
  return "normal";
}

json body_json(const storage::local_chat_message& m) {
  json body = json::parse(m.body, nullptr, false);
  // A body this build cannot read (edited by hand) still shows as an empty message, not an error.
  if (!body.is_object()) return json::object();
  return body;
}

json message_json(const storage::local_chat_message& m) {
  return {{"id", std::to_string(m.id)},
          {"channel", m.channel},
          {"author", {{"id", m.author}, {"name", m.author_name}, {"bot", m.bot}}},
          {"ts", core::to_millis(m.created_at)},
          {"ephemeral", m.visible_to.has_value()},
          {"body", body_json(m)}};
}

json channel_json(const channel_info& c) {
  return {{"id", c.id}, {"name", c.name}, {"kind", c.dm ? "dm" : "channel"}};
}

}  // namespace

std::string encode_body(const core::message& m) {
  json j = json::object();
  if (!m.header.empty()) j["header"] = m.header;
  if (!m.text.empty()) j["text"] = m.text;
  if (!m.fields.empty()) {
    json fields = json::array();
    for (const auto& f : m.fields)
      fields.push_back({{"label", f.label}, {"value", f.value}});
    j["fields"] = std::move(fields);
  }
  if (m.table) j["table"] = {{"columns", m.table->columns}, {"rows", m.table->rows}};
  if (!m.buttons.empty()) {
    json buttons = json::array();
    for (const auto& b : m.buttons) {
      buttons.push_back({{"label", b.label},
                         {"action_id", b.action_id},
                         {"value", b.value},
                         {"style", style_name(b.style)}});
    }
    j["buttons"] = std::move(buttons);
  }
  if (!m.context.empty()) j["context"] = m.context;
  return dump(j);
}

std::string encode_text_body(std::string_view text) {
  return dump(json{{"text", text}});
}

std::string render_welcome(std::string_view user, std::string_view name, std::string_view command,
                           std::string_view bot_name, const std::vector<channel_info>& channels) {
  json list = json::array();
  for (const auto& c : channels)
    list.push_back(channel_json(c));
  return dump({{"type", "welcome"},
               {"user", {{"id", user}, {"name", name}}},
               {"bot", {{"name", bot_name}}},
               {"command", command},
               {"channels", std::move(list)}});
}

std::string render_message(const storage::local_chat_message& m, std::string_view client_id) {
  json j = message_json(m);
  j["type"] = "message";
  if (!client_id.empty()) j["client_id"] = client_id;
  return dump(j);
}

std::string render_update(const storage::local_chat_message& m) {
  return dump(
      {{"type", "update"}, {"id", std::to_string(m.id)}, {"channel", m.channel}, {"body", body_json(m)}});
}

std::string render_history(std::string_view channel,
                           const std::vector<storage::local_chat_message>& messages) {
  json list = json::array();
  for (const auto& m : messages)
    list.push_back(message_json(m));
  return dump({{"type", "history"}, {"channel", channel}, {"messages", std::move(list)}});
}

std::string render_channel(const channel_info& channel) {
  return dump({{"type", "channel"}, {"channel", channel_json(channel)}});
}

std::string render_error(std::string_view code, std::string_view message) {
  return dump({{"type", "error"}, {"code", code}, {"message", message}});
}

}  // namespace csibot::platform::local
