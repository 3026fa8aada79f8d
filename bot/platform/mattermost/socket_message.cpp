// The event socket's own view of Mattermost WebSocket frames (PLATFORMS.md §2.2). The adapter decodes
// events with the wire library; this reads only what sequencing and keep-alive need.

#include "bot/platform/mattermost/socket_message.hpp"

#include <algorithm>

#include "bot/platform/common/form.hpp"

namespace csibot::platform::mattermost {

using json = nlohmann::json;

namespace {

std::string string_at(const json& object, std::string_view key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

std::optional<std::int64_t> integer_at(const json& object, std::string_view key) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<std::int64_t>();
}

}  // namespace

socket_message parse_socket_message(std::string_view text) {
  socket_message out;
  const auto doc = parse_json_value(text);
  if (doc.is_discarded() || !doc.is_object()) return out;
  if (const auto event = doc.find("event"); event != doc.end() && event->is_string()) {
    out.what = socket_message::kind::event;
    out.event = event->get<std::string>();
    out.seq = integer_at(doc, "seq");
    if (out.event == "hello") {
      const auto data = doc.find("data");
      if (data != doc.end() && data->is_object()) out.connection_id = string_at(*data, "connection_id");
    }
    return out;
  }
  if (const auto reply = integer_at(doc, "seq_reply")) {
    out.what = socket_message::kind::reply;
    out.seq_reply = *reply;
    out.status = string_at(doc, "status");
    const auto error = doc.find("error");
    if (error != doc.end() && error->is_object()) out.error_id = string_at(*error, "id");
  }
  return out;
}

std::string request_frame(std::int64_t seq, std::string_view action, const json& data) {
  auto frame = json{{"seq", seq}, {"action", action}, {"data", data}}.dump();
  return frame.size() > max_client_frame ? std::string{} : frame;
}

std::string websocket_url(std::string server_url) {
  while (!server_url.empty() && server_url.back() == '/')
    server_url.pop_back();
  if (server_url.starts_with("https://")) {
    server_url.replace(0, 5, "wss");
  } else if (server_url.starts_with("http://")) {
    server_url.replace(0, 4, "ws");
  }
  constexpr std::string_view api = "/api/v4";
  if (!server_url.ends_with(api)) server_url += api;
  return server_url + "/websocket";
}

std::string resume_url(const std::string& url, std::string_view connection_id, std::int64_t sequence_number) {
  if (connection_id.empty()) return url;
  // Connection ids are 26 characters of [a-z0-9]: nothing to escape. Anything else is not sent.
  const bool plain = std::all_of(connection_id.begin(), connection_id.end(),
                                 [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); });
  if (!plain) return url;
  return url + (url.find('?') == std::string::npos ? "?" : "&") +
         "connection_id=" + std::string{connection_id} +
         "&sequence_number=" + std::to_string(sequence_number);
}

std::chrono::milliseconds reconnect_delay(const reconnect_policy& policy, std::uint32_t failures,
                                          double random) noexcept {
  using ms = std::chrono::milliseconds;
  const auto base = std::max(policy.base, ms{0});
  const auto cap = std::max(policy.cap, base);
  auto delay = base;
  if (failures > policy.quadratic_after) {
    // base × n² in double: n² × base overflows int64 only for absurd n, but double never does.
    const double n = failures;
    const double scaled = static_cast<double>(base.count()) * n * n;
    delay = scaled >= static_cast<double>(cap.count()) ? cap : ms{static_cast<std::int64_t>(scaled)};
  }
  delay = std::min(delay, cap);
  const auto jitter = std::max(policy.jitter, ms{0});
  const double r = std::clamp(random, 0.0, 1.0);
  return delay + ms{static_cast<std::int64_t>(r * static_cast<double>(jitter.count()))};
}

}  // namespace csibot::platform::mattermost
