// Socket Mode frames (PLATFORMS.md §1.2 steps 3-6): what the client reads and the ack it writes.
// Pure JSON, no sockets.

#include <algorithm>
#include <cstdint>
#include <limits>

#include "bot/platform/slack/json_skip.hpp"
#include "bot/platform/slack/socket_mode.hpp"
#include "core/json_text.hpp"

namespace csibot::platform::slack {

using json = nlohmann::json;

namespace {

constexpr std::size_t max_envelope_id = 256;  // Slack's are UUIDs; a longer one is not Slack's

std::string string_at(const json& object, std::string_view key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

// A non-negative integer member, clamped to int; 0 when absent or not an integer.
int int_at(const json& object, std::string_view key) {
  constexpr int max = std::numeric_limits<int>::max();
  const auto it = object.find(key);
  if (it == object.end() || !it->is_number_integer()) return 0;
  if (it->is_number_unsigned())
    return static_cast<int>(std::min<std::uint64_t>(it->get<std::uint64_t>(), max));
  return static_cast<int>(std::clamp<std::int64_t>(it->get<std::int64_t>(), 0, max));
}

// Members of an envelope's payload that no decoder reads (payloads.cpp), left out while parsing:
// a slash command carries 13 members and 5 of them are these. The verification token is deprecated
// and, once Socket Mode authenticates the socket, nothing to keep in memory either.
bool unread_payload_member(std::size_t depth, std::string_view parent_key, std::string_view key) {
  if (depth != 2 || parent_key != "payload") return false;
  return key == "token" || key == "team_domain" || key == "channel_name" || key == "api_app_id" ||
         key == "is_enterprise_install" || key == "enterprise_id" || key == "enterprise_name" ||
         key == "is_ext_shared_channel" || key == "event_context" || key == "context_team_id" ||
         key == "context_enterprise_id";
}

socket_frame malformed(std::string reason, std::string envelope_id = {}) {
  socket_frame out;
  out.reason = std::move(reason);
  out.envelope_id = std::move(envelope_id);
  return out;
}

}  // namespace

net::ws_client_options default_socket_mode_ws_options() {
  net::ws_client_options options;
  options.idle_timeout = std::chrono::seconds{10};
  options.limits.max_message = 16 * 1024 * 1024;
  // Nearly everything csibot sends on this socket is an ack (~70 bytes) that Slack waits for. A
  // burst of envelopes can queue thousands of them while Slack is slow to read; closing the socket
  // then (the default 1,024-frame guard against stuck browsers) would drop every queued ack and
  // make Slack retry all of those envelopes. 32,768 acks stay near 3 MiB.
  options.limits.max_send_queue = 32 * 1024;
  return options;
}

socket_frame parse_socket_frame(std::string_view text, std::size_t max_frame) {
  if (text.size() > max_frame)
    return malformed("frame above the " + std::to_string(max_frame) + " byte limit");
  auto doc = parse_skipping(text, unread_payload_member);
  if (doc.is_discarded()) return malformed("invalid JSON");
  if (!doc.is_object()) return malformed("not a JSON object");
  socket_frame out;
  out.type = string_at(doc, "type");
  if (const auto id = doc.find("envelope_id"); id != doc.end()) {
    if (!id->is_string() || id->get_ref<const std::string&>().empty())
      return malformed("envelope_id not a string");
    if (id->get_ref<const std::string&>().size() > max_envelope_id) return malformed("envelope_id too long");
    // From here on the id is usable: even a frame we cannot use is acknowledged, so that Slack
    // does not redeliver the same broken envelope again and again.
    auto envelope_id = id->get<std::string>();
    const auto payload = doc.find("payload");
    if (out.type.empty()) return malformed("envelope without type", std::move(envelope_id));
    if (payload == doc.end() || !payload->is_object()) {
      return malformed("envelope without a payload object", std::move(envelope_id));
    }
    out.what = socket_frame::kind::envelope;
    out.envelope_id = std::move(envelope_id);
    out.retry_attempt = int_at(doc, "retry_attempt");
    out.payload = std::move(*payload);
    return out;
  }
  if (out.type == "hello") {
    out.what = socket_frame::kind::hello;
    out.num_connections = int_at(doc, "num_connections");
  } else if (out.type == "disconnect") {
    out.what = socket_frame::kind::disconnect;
    out.reason = string_at(doc, "reason");
  } else if (out.type.empty()) {
    return malformed("frame without type");
  } else {
    out.what = socket_frame::kind::other;
  }
  return out;
}

std::string ack_frame(std::string_view envelope_id) {
  // One per envelope, on the socket thread: written as text rather than built as a tree and dumped.
  std::string out;
  out.reserve(envelope_id.size() + 32);
  core::json_writer{out}.object([&](core::json_writer& o) { o.member("envelope_id", envelope_id); });
  // The empty payload as Slack's SDKs send it (PLATFORMS §1.2): Slack takes the bare envelope_id
  // too, but an ack is the one frame whose shape we do not want to depend on leniency for.
  out.insert(out.size() - 1, R"(,"payload":{})");
  return out;
}

}  // namespace csibot::platform::slack
