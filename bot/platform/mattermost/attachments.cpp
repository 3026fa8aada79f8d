#include "bot/platform/mattermost/attachments.hpp"

#include "bot/platform/mattermost/action_context.hpp"
#include "bot/platform/mattermost/limits.hpp"
#include "bot/platform/mattermost/markdown.hpp"
#include "core/markup.hpp"
#include "core/text.hpp"

namespace csibot::platform::mattermost {
namespace {

using json = nlohmann::json;

constexpr std::string_view ellipsis = "\xE2\x80\xA6";  // "…"

bool is_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// The longest prefix of `text` of at most `max_bytes` bytes that ends on a code point boundary.
std::string cap_bytes(std::string_view text, std::size_t max_bytes) {
  std::size_t end = 0;
  while (end < text.size()) {
    const std::size_t n = core::utf8_step(text.substr(end));
    if (end + n > max_bytes) break;
    end += n;
  }
  return std::string(text.substr(0, end));
}

// A button's name is plain text on Mattermost: the neutral escapes give their characters.
std::string label_of(const core::button& b) {
  std::string label = core::one_line(core::without_escapes(b.label));
  if (label.empty()) label = core::one_line(b.value);
  if (label.empty()) return std::string(ellipsis);
  if (core::utf8_length(label) <= max_label_chars) return label;
  return core::cap_chars(label, max_label_chars - 1).text + std::string(ellipsis);
}

std::string_view style_of(core::button_style s) {
  switch (s) {
    case core::button_style::primary:
      return "primary";
    case core::button_style::danger:
      return "danger";
    case core::button_style::normal:
      break;
  }
  return "default";
}

}  // namespace

std::string actions_url(std::string_view public_url) {
  while (public_url.ends_with('/'))
    public_url.remove_suffix(1);
  return std::string(public_url) + "/mattermost/actions";
}

std::string wire_action_id(std::string_view action_id, std::size_t index) {
  std::string id;
  for (const char c : action_id) {
    if (id.size() == max_wire_id_letters) break;
    if (is_alnum(c)) id += c;
  }
  return id + "x" + std::to_string(index);
}

json button_attachment(const std::vector<core::button>& buttons, const button_target& target) {
  if (buttons.empty()) return nullptr;
  json actions = json::array();
  for (std::size_t i = 0; i < buttons.size(); ++i) {
    const auto& b = buttons[i];
    const action_context context{cap_bytes(b.action_id, max_action_id_bytes),
                                 cap_bytes(b.value, max_value_bytes), target.channel, target.user};
    actions.push_back(
        {{"id", wire_action_id(b.action_id, i)},
         {"type", "button"},
         {"name", label_of(b)},
         {"style", style_of(b.style)},
         {"integration", {{"url", target.actions_url}, {"context", sign_context(context, target.key)}}}});
  }
  return {{"actions", std::move(actions)}};
}

}  // namespace csibot::platform::mattermost
