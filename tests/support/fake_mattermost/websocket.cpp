// The fake's WebSocket bookkeeping (PLATFORMS.md §2.2): authentication by header or challenge, hello,
// logical connections with their own seq and a replay queue (Mattermost's dead queue), resume by
// connection_id/sequence_number, request replies, and events. Called with or under the state's mutex.

#include <charconv>

#include "support/fake_mattermost/state.hpp"

namespace csibot::testing {

using json = nlohmann::json;

namespace {

constexpr std::size_t replay_queue = 128;     // Mattermost's deadQueueSize
constexpr std::size_t kept_connections = 32;  // dead connections remembered for a resume

std::string query_value(std::string_view query, std::string_view key) {
  for (auto rest = query; !rest.empty();) {
    const auto amp = rest.find('&');
    const auto pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
    if (pair.size() > key.size() && pair.substr(0, key.size()) == key && pair[key.size()] == '=')
      return std::string{pair.substr(key.size() + 1)};
  }
  return {};
}

std::optional<std::int64_t> to_int(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

json full_broadcast(const json& given) {
  json out{{"omit_users", nullptr}, {"user_id", ""},       {"channel_id", ""},
           {"team_id", ""},         {"connection_id", ""}, {"omit_connection_id", ""}};
  if (given.is_object()) out.update(given);
  return out;
}

json reply(std::int64_t seq, std::string status, json data = nullptr) {
  json out{{"status", std::move(status)}, {"seq_reply", seq}};
  if (!data.is_null()) out["data"] = std::move(data);
  return out;
}

json failure(std::int64_t seq, std::string id) {
  auto out = reply(seq, "FAIL");
  out["error"] = {{"id", std::move(id)}, {"message", "Invalid request."}};
  return out;
}

}  // namespace

std::uint64_t fake_mattermost::state::ws_opened(std::shared_ptr<mm_peer> peer, std::string_view authorization,
                                                std::string_view query) {
  std::lock_guard lock{mutex};
  const auto id = ++next_socket;
  auto& s = sockets[id];
  s.record.id = id;
  s.record.opened_seq = ++seq;
  s.record.open = true;
  s.record.asked_connection_id = query_value(query, "connection_id");
  s.record.asked_sequence = to_int(query_value(query, "sequence_number"));
  s.peer = std::move(peer);
  if (header_auth && token_ok(authorization)) authenticate(s, "header");
  changed.notify_all();
  return id;
}

void fake_mattermost::state::authenticate(socket& s, std::string how) {
  s.record.auth = std::move(how);
  const auto asked = connections.find(s.record.asked_connection_id);
  if (resume && asked != connections.end() && s.record.asked_sequence) {
    auto& c = asked->second;
    const auto from = *s.record.asked_sequence;
    const auto oldest = c.history.empty() ? c.next_seq : c.history.front().first;
    // Resumable while the queue still holds everything from `from` on (PLATFORMS.md §2.2). An old
    // socket still holding the connection (the client noticed the loss first) is detached.
    if (from >= oldest && from <= c.next_seq) {
      c.socket = s.record.id;
      s.record.connection_id = c.id;
      s.record.resumed = true;
      for (const auto& [n, frame] : c.history)
        if (n >= from) s.peer->send(frame);
      return;
    }
  }
  connection c;
  c.id = make_id();
  c.socket = s.record.id;
  s.record.connection_id = c.id;
  connection_order.push_back(c.id);
  auto& added = connections.emplace(c.id, std::move(c)).first->second;
  // Forget the oldest dead connections beyond the limit; live ones stay whatever their age.
  for (auto it = connection_order.begin();
       connection_order.size() > kept_connections && it != connection_order.end();) {
    const auto found = connections.find(*it);
    if (found != connections.end() && found->second.socket != 0) {
      ++it;
      continue;
    }
    if (found != connections.end()) connections.erase(found);
    it = connection_order.erase(it);
  }
  // hello is seq 0 of the new connection; broadcast.user_id is the authenticated user.
  const json data{{"server_version", options.server_version},
                  {"connection_id", added.id},
                  {"server_hostname", "fake-mattermost"}};
  send_event(added, "hello", data, json{{"user_id", options.bot.id}}, false);
}

void fake_mattermost::state::send_event(connection& c, const std::string& event, const json& data,
                                        const json& broadcast, bool lost) {
  const json frame{
      {"event", event}, {"data", data}, {"broadcast", full_broadcast(broadcast)}, {"seq", c.next_seq}};
  auto text = frame.dump();
  c.history.emplace_back(c.next_seq, text);
  if (c.history.size() > replay_queue) c.history.pop_front();
  ++c.next_seq;
  if (lost || c.socket == 0) return;
  if (const auto it = sockets.find(c.socket); it != sockets.end() && it->second.peer)
    it->second.peer->send(text);
}

void fake_mattermost::state::broadcast(const std::string& event, const json& data, const json& bc) {
  const bool lost = lose_events > 0;
  if (lost) --lose_events;
  for (auto& [id, c] : connections)
    send_event(c, event, data, bc, lost);
}

void fake_mattermost::state::broadcast_post(const std::string& event, const json& post) {
  const auto& channel = ensure_channel(post["channel_id"].get<std::string>());
  const auto& sender = ensure_user(post["user_id"].get<std::string>());
  json data{{"post", post.dump()}};  // a JSON string inside the event, as Mattermost sends it
  if (event == "posted") {
    data.update({{"channel_display_name", channel.display_name},
                 {"channel_name", channel.name},
                 {"channel_type", channel.type},
                 {"sender_name", "@" + sender.username},
                 {"set_online", true},
                 {"team_id", channel.team_id}});
    json mentions = json::array();
    if (channel.type == "D") {
      for (const auto& member : channel.members)
        if (member != sender.id) mentions.push_back(member);
    } else if (post["message"].get<std::string>().find("@" + options.bot.username) != std::string::npos) {
      mentions.push_back(options.bot.id);
    }
    if (!mentions.empty()) data["mentions"] = mentions.dump();  // also a JSON string
  }
  broadcast(event, data, json{{"channel_id", channel.id}});
}

void fake_mattermost::state::ws_frame(std::uint64_t id, std::string_view text) {
  std::lock_guard lock{mutex};
  const auto it = sockets.find(id);
  if (it == sockets.end() || !it->second.peer) return;
  auto& s = it->second;
  ++s.record.frames_received;
  const auto doc = json::parse(text, nullptr, false);
  if (!doc.is_object()) return;  // Mattermost logs undecodable requests and carries on
  const auto client_seq =
      doc.contains("seq") && doc["seq"].is_number_integer() ? doc["seq"].get<std::int64_t>() : 0;
  const auto action =
      doc.contains("action") && doc["action"].is_string() ? doc["action"].get<std::string>() : "";
  const auto data = doc.contains("data") ? doc["data"] : json{};
  requests.push_back({++seq, id, client_seq, action, data, text.size()});
  changed.notify_all();
  if (action == "authentication_challenge") {
    // websocket_router.go: an authenticated socket gets no answer at all; a bad token closes the
    // socket without a FAIL; a good one registers (hello) and only then answers OK.
    if (!s.record.auth.empty()) return;
    const auto token = data.is_object() && data.contains("token") && data["token"].is_string()
                           ? data["token"].get<std::string>()
                           : std::string{};
    if (token != options.token) {
      s.record.refused = true;
      s.peer->hang_up();
      return;
    }
    authenticate(s, "challenge");
    s.peer->send(reply(client_seq, "OK").dump());
    return;
  }
  if (s.record.auth.empty()) return;  // the not_authenticated FAIL is never delivered
  if (client_seq <= 0)
    return s.peer->send(failure(client_seq, "api.web_socket_router.bad_seq.app_error").dump());
  if (action.empty())
    return s.peer->send(failure(client_seq, "api.web_socket_router.no_action.app_error").dump());
  if (action == "ping") {
    if (!answer_pings) return;
    const json pong{{"text", "pong"},
                    {"version", options.server_version},
                    {"server_time", now_millis()},
                    {"node_id", ""}};
    return s.peer->send(reply(client_seq, "OK", pong).dump());
  }
  s.peer->send(reply(client_seq, "OK").dump());
}

void fake_mattermost::state::ws_closed(std::uint64_t id, std::uint16_t code, bool dropped) {
  std::lock_guard lock{mutex};
  const auto it = sockets.find(id);
  if (it == sockets.end() || !it->second.record.open) return;
  auto& r = it->second.record;
  r.open = false;
  r.closed_seq = ++seq;
  r.close_code = code;
  r.dropped = r.dropped || dropped;
  it->second.peer.reset();
  // The logical connection outlives its socket: events go to its queue until a resume or forever.
  for (auto& [cid, c] : connections)
    if (c.socket == id) c.socket = 0;
  changed.notify_all();
}

}  // namespace csibot::testing
