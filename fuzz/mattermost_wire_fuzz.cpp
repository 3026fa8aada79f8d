// libFuzzer entry for everything csibot reads from Mattermost (bot/platform/mattermost): WebSocket
// frames (the transport's view and the adapter's decoding), slash-command forms and button callbacks,
// REST answers. Nothing may throw or crash; what is decoded stays within the documented caps.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "bot/net/http_client.hpp"
#include "bot/platform/common/form.hpp"
#include "bot/platform/mattermost/events.hpp"
#include "bot/platform/mattermost/limits.hpp"
#include "bot/platform/mattermost/requests.hpp"
#include "bot/platform/mattermost/rest_result.hpp"
#include "bot/platform/mattermost/socket_message.hpp"
#include "fuzz/support/check.hpp"

namespace {

namespace mm = csibot::platform::mattermost;
namespace platform = csibot::platform;

using csibot::fuzz::check;

void check_event(const std::optional<csibot::core::inbound>& event) {
  if (!event) return;
  check(event->platform == mm::platform_name);
  check(event->user.size() <= mm::max_id_bytes && event->channel.size() <= mm::max_id_bytes);
  check(event->text.size() <= mm::max_message_bytes);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text{reinterpret_cast<const char*>(data), size};

  (void)mm::parse_socket_message(text);
  const auto frame = mm::decode_frame(text, "botuserid");
  if (const auto* p = std::get_if<mm::posted>(&frame.body)) {
    check(p->event.platform == mm::platform_name);
    check(p->event.text.size() <= mm::max_message_bytes);
  }
  if (frame.seq) check(*frame.seq >= 0);

  if (const auto form = mm::parse_command_form(text); form.ok())
    check_event(mm::decode_command(form.value, "botuserid00000000000000000").event);
  if (const auto body = platform::parse_json(text); body.ok()) {
    check_event(mm::decode_action(body.value, "k3y", "botuserid00000000000000000").event);
    check_event(mm::decode_command(body.value, "botuserid00000000000000000").event);
  }

  csibot::net::http_result answer;
  answer.status = 200 + static_cast<unsigned>(size % 400);
  answer.body = std::string(text);
  const auto result = mm::classify_response(answer, "tok");
  check(result.body.is_null() || !result.body.is_discarded());
  return 0;
}
