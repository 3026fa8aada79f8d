// libFuzzer entry for the local web chat's wire format (bot/platform/local/codec.hpp): anything a
// browser sends is a frame or a frame_error within the documented limits, never an exception, and
// whatever is stored from it (a person's text, a rendered message) goes back out as valid JSON.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <variant>

#include "bot/platform/local/codec.hpp"
#include "core/text.hpp"
#include "fuzz/support/check.hpp"
#include "fuzz/support/fuzzed_message.hpp"

namespace {

namespace local = csibot::platform::local;
namespace core = csibot::core;
using json = nlohmann::json;

using csibot::fuzz::check;

/// A stored message with `body`, rendered as the server sends it: must be JSON whose body reads back.
void check_rendered(std::string body) {
  csibot::storage::local_chat_message m;
  m.id = 7;
  m.channel = "general";
  m.author = "alice";
  m.author_name = "Alice";
  m.body = std::move(body);
  check(json::parse(local::render_message(m, "c1")).is_object());
  check(json::parse(local::render_update(m)).is_object());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text{reinterpret_cast<const char*>(data), size};
  const auto frame = local::parse_client_frame(text);
  if (const auto* h = std::get_if<local::hello_frame>(&frame)) {
    const auto length = core::utf8_length(h->name);
    check(length >= 1 && length <= local::max_name_chars);
    check(core::sanitize(h->name) == h->name && h->name.find_first_of("\t\n") == std::string::npos);
    check(h->locale.size() <= 16);
    const auto id = local::user_id_for(h->name);
    check(!id.empty());
    for (const char c : id)
      check((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
  } else if (const auto* m = std::get_if<local::message_frame>(&frame)) {
    check(!core::trim(m->text).empty() && m->text.size() <= local::max_text_bytes);
    check(m->channel.size() <= local::max_channel_bytes && m->client_id.size() <= local::max_token_bytes);
    check_rendered(local::encode_text_body(m->text));
  } else if (const auto* a = std::get_if<local::action_frame>(&frame)) {
    check(a->channel.size() <= local::max_channel_bytes && a->action_id.size() <= local::max_token_bytes);
    check(a->value.size() <= local::max_token_bytes && a->message_id.size() <= local::max_token_bytes);
  } else if (const auto* e = std::get_if<local::frame_error>(&frame)) {
    check(!e->code.empty() && !e->message.empty());
    check(json::parse(local::render_error(e->code, e->message)).is_object());
  }

  // The same bytes as a message csibot renders into the chat.
  FuzzedDataProvider in{data, size};
  check_rendered(local::encode_body(csibot::fuzz::message_from(in)));
  return 0;
}
