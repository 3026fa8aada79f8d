#include "bot/platform/slack/form.hpp"

namespace csibot::platform::slack {

parsed parse_interactive_form(std::string_view body) {
  parsed form = parse_form(body);
  if (!form.ok()) return form;
  const auto it = form.value.find("payload");
  if (it == form.value.end()) return {{}, "the form has no payload field"};
  parsed payload = parse_json(it->get_ref<const std::string&>());
  if (!payload.ok()) payload.error = "payload: " + payload.error;
  return payload;
}

}  // namespace csibot::platform::slack
