// The fake's public API and its Socket Mode bookkeeping. The Web API answers live in
// web_methods.cpp, the sockets in server.cpp.

#include "support/fake_slack/fake_slack.hpp"

#include <algorithm>
#include <cstdio>

#include "core/json_text.hpp"
#include "support/fake_slack/server.hpp"
#include "support/fake_slack/state.hpp"

namespace csibot::testing {

using json = nlohmann::json;

namespace {

/// A UUID-shaped id (Slack's envelope ids are UUIDs), unique per fake.
std::string envelope_id_for(std::uint64_t n) {
  char text[40];
  std::snprintf(text, sizeof text, "00000000-0000-4000-8000-%012llx", static_cast<unsigned long long>(n));
  return text;
}

// Written as text around the payload's own text: the load tool pushes thousands of envelopes a
// second, and a tree built and dumped per frame made the fake compete with csibot for the CPU.
std::string envelope_frame(const std::string& id, const std::string& type, const std::string& payload,
                           int retry) {
  std::string frame;
  frame.reserve(payload.size() + 160);
  core::json_writer{frame}.object([&](core::json_writer& w) {
    w.member("envelope_id", id);
    w.member("type", type);
    // Slack marks where an ack may carry a response body, and has retry fields on events only.
    w.boolean("accepts_response_payload", type != "events_api");
    if (type == "events_api" || retry > 0) {
      w.number("retry_attempt", retry);
      w.member("retry_reason", retry > 0 ? "timeout" : "");
    }
    w.key("payload");
    frame += payload;
  });
  return frame;
}

}  // namespace

// --- state: Socket Mode ----------------------------------------------------------------------------

bool fake_slack::state::take_ticket(std::string_view ticket) {
  std::lock_guard lock{mutex};
  return tickets.erase(std::string{ticket}) == 1;
}

std::uint64_t fake_slack::state::ws_opened(std::shared_ptr<ws_peer> peer, std::string ticket) {
  std::lock_guard lock{mutex};
  const auto id = ++next_socket;
  auto& s = sockets[id];
  s.record.id = id;
  s.record.ticket = std::move(ticket);
  s.record.opened_seq = ++seq;
  s.record.open = true;
  s.peer = std::move(peer);
  const auto open =
      std::count_if(sockets.begin(), sockets.end(), [](const auto& e) { return e.second.record.open; });
  s.peer->send(json{{"type", "hello"},
                    {"num_connections", open},
                    {"connection_info", {{"app_id", options.app_id}}},
                    {"debug_info",
                     {{"host", "fake-slack-" + std::to_string(id)},
                      {"started", "2024-01-01 00:00:00.000"},
                      {"build_number", 1},
                      {"approximate_connection_time", 3600}}}}
                   .dump());
  // Envelopes pushed while no socket was open go out now, after hello, as Slack retries them.
  for (; !pending.empty(); pending.pop_front())
    send_envelope(pending.front(), id);
  changed.notify_all();
  return id;
}

void fake_slack::state::ws_frame(std::uint64_t id, std::string_view text) {
  std::lock_guard lock{mutex};
  if (auto it = sockets.find(id); it != sockets.end()) ++it->second.record.frames_received;
  const auto frame = json::parse(text, nullptr, false);
  if (!frame.is_object() || !frame.contains("envelope_id") || !frame["envelope_id"].is_string()) return;
  ack_record ack;
  ack.seq = ++seq;
  ack.envelope_id = frame["envelope_id"].get<std::string>();
  ack.connection = id;
  ack.payload = frame.value("payload", json{});
  ack.at = std::chrono::steady_clock::now();
  if (const auto e = envelopes.find(ack.envelope_id); e != envelopes.end())
    ack.envelope_written = e->second.written;
  acks.push_back(std::move(ack));
  changed.notify_all();
}

void fake_slack::state::envelope_written(const std::string& envelope_id) {
  const auto at = std::chrono::steady_clock::now();
  std::lock_guard lock{mutex};
  if (const auto e = envelopes.find(envelope_id); e != envelopes.end()) e->second.written = at;
}

void fake_slack::state::ws_closed(std::uint64_t id, std::uint16_t code, bool dropped) {
  std::lock_guard lock{mutex};
  const auto it = sockets.find(id);
  if (it == sockets.end() || !it->second.record.open) return;
  auto& r = it->second.record;
  r.open = false;
  r.closed_seq = ++seq;
  r.close_code = code;
  r.dropped = r.dropped || dropped;
  it->second.peer.reset();
  changed.notify_all();
}

std::uint64_t fake_slack::state::pick_socket(std::optional<std::uint64_t> wanted, std::uint64_t avoid) {
  if (wanted) {
    const auto it = sockets.find(*wanted);
    if (it != sockets.end() && it->second.record.open) return *wanted;
  }
  // Prefer sockets not told to disconnect (Slack stops using those), then any open one, and the
  // one to avoid (a redelivery's previous socket) only when it is the last one left.
  for (int pass = 0; pass < 3; ++pass) {
    std::vector<std::uint64_t> open;
    for (const auto& [id, s] : sockets)
      if (s.record.open && (pass > 0 || !s.told_to_disconnect) && (pass > 1 || id != avoid))
        open.push_back(id);
    if (!open.empty()) return open[round_robin++ % open.size()];
  }
  return 0;
}

void fake_slack::state::send_envelope(const std::string& id, std::uint64_t socket_id) {
  auto& e = envelopes.at(id);
  e.last_socket = socket_id;
  sockets.at(socket_id).peer->send(envelope_frame(id, e.type, e.payload, e.retry_attempt), id);
}

std::vector<fake_slack::state::socket*> fake_slack::state::targets(std::optional<std::uint64_t> wanted) {
  std::vector<socket*> out;
  for (auto& [id, s] : sockets)
    if (s.record.open && (!wanted || *wanted == id)) out.push_back(&s);
  return out;
}

// --- fake_slack ------------------------------------------------------------------------------------

fake_slack::fake_slack(fake_slack_options options)
    : state_(std::make_shared<state>(std::move(options))), server_(std::make_unique<server>(state_)) {}

fake_slack::~fake_slack() = default;

std::uint16_t fake_slack::port() const noexcept {
  return state_->port;
}

std::string fake_slack::api_url() const {
  return state_->base_url() + "/api/";
}

std::string fake_slack::new_response_url(std::string channel) {
  std::lock_guard lock{state_->mutex};
  return state_->response_url_locked(std::move(channel));
}

const fake_slack_options& fake_slack::options() const noexcept {
  return state_->options;
}

void fake_slack::fail_next(std::string method, std::size_t count, fault f) {
  std::lock_guard lock{state_->mutex};
  auto& queue = state_->faults[std::move(method)];
  for (std::size_t i = 0; i < count; ++i)
    queue.push_back(f);
}

void fake_slack::set_user(std::string user, std::string locale, std::string tz, int tz_offset_seconds) {
  std::lock_guard lock{state_->mutex};
  state_->people[std::move(user)] = {std::move(locale), std::move(tz), tz_offset_seconds};
}

void fake_slack::set_email(std::string email, std::string user) {
  for (auto& c : email)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  std::lock_guard lock{state_->mutex};
  state_->emails[std::move(email)] = std::move(user);
}

void fake_slack::set_channel_access(std::string channel, channel_access access) {
  std::lock_guard lock{state_->mutex};
  state_->access[std::move(channel)] = access;
}

void fake_slack::set_members(std::string channel, std::vector<std::string> members) {
  std::lock_guard lock{state_->mutex};
  state_->channel_members[std::move(channel)] = std::move(members);
}

std::vector<api_call> fake_slack::calls(std::string_view method) const {
  std::lock_guard lock{state_->mutex};
  std::vector<api_call> out;
  for (const auto& c : state_->calls)
    if (method.empty() || c.method == method) out.push_back(c);
  return out;
}

std::size_t fake_slack::call_count(std::string_view method) const {
  std::lock_guard lock{state_->mutex};
  return static_cast<std::size_t>(std::count_if(state_->calls.begin(), state_->calls.end(),
                                                [&](const api_call& c) { return c.method == method; }));
}

std::vector<json> fake_slack::messages() const {
  std::lock_guard lock{state_->mutex};
  return state_->messages;
}

std::vector<std::string> fake_slack::message_ts() const {
  std::lock_guard lock{state_->mutex};
  return state_->message_ts;
}

std::vector<response_post> fake_slack::responses() const {
  std::lock_guard lock{state_->mutex};
  return state_->responses;
}

std::size_t fake_slack::response_count() const {
  std::lock_guard lock{state_->mutex};
  return state_->responses.size();
}

std::string fake_slack::push_envelope(std::string type, json payload,
                                      std::optional<std::uint64_t> connection) {
  return push_envelope_text(std::move(type), payload.dump(), connection);
}

std::string fake_slack::push_envelope_text(std::string type, std::string payload,
                                           std::optional<std::uint64_t> connection) {
  std::lock_guard lock{state_->mutex};
  auto id = envelope_id_for(++state_->next_envelope);
  state_->envelopes[id] = {std::move(type), std::move(payload), 0, 0};
  if (const auto target = state_->pick_socket(connection)) {
    state_->send_envelope(id, target);
  } else {
    state_->pending.push_back(id);
  }
  return id;
}

std::string fake_slack::push_slash_command(std::string command, std::string text, std::string user,
                                           std::string channel) {
  std::string response_url = new_response_url(channel);
  const auto& o = state_->options;
  json payload{{"token", "verification-token"},
               {"team_id", o.team_id},
               {"team_domain", "fake"},
               {"channel_id", channel},
               {"channel_name", "general"},
               {"user_id", user},
               {"user_name", "user-" + user},
               {"command", std::move(command)},
               {"text", std::move(text)},
               {"api_app_id", o.app_id},
               {"is_enterprise_install", "false"},
               {"response_url", std::move(response_url)},
               {"trigger_id", "1.2.trigger"}};
  return push_envelope("slash_commands", std::move(payload));
}

bool fake_slack::redeliver(const std::string& envelope_id, std::optional<std::uint64_t> connection) {
  std::lock_guard lock{state_->mutex};
  const auto it = state_->envelopes.find(envelope_id);
  if (it == state_->envelopes.end()) return false;
  const auto target = state_->pick_socket(connection, it->second.last_socket);
  if (target == 0) return false;
  ++it->second.retry_attempt;
  state_->send_envelope(envelope_id, target);
  return true;
}

void fake_slack::send_raw(std::string frame, std::optional<std::uint64_t> connection) {
  std::lock_guard lock{state_->mutex};
  for (auto* s : state_->targets(connection))
    s->peer->send(frame);
}

void fake_slack::disconnect(std::string reason, std::optional<std::uint64_t> connection) {
  std::lock_guard lock{state_->mutex};
  const auto frame =
      json{{"type", "disconnect"}, {"reason", reason}, {"debug_info", {{"host", "fake-slack"}}}}.dump();
  for (auto* s : state_->targets(connection)) {
    s->told_to_disconnect = true;
    s->peer->send(frame);
  }
}

void fake_slack::drop(std::optional<std::uint64_t> connection) {
  std::lock_guard lock{state_->mutex};
  for (auto* s : state_->targets(connection)) {
    s->record.dropped = true;
    s->peer->drop();
  }
}

std::vector<ws_connection_record> fake_slack::connections() const {
  std::lock_guard lock{state_->mutex};
  std::vector<ws_connection_record> out;
  for (const auto& [id, s] : state_->sockets)
    out.push_back(s.record);
  return out;
}

std::size_t fake_slack::open_connections() const {
  std::lock_guard lock{state_->mutex};
  return static_cast<std::size_t>(std::count_if(state_->sockets.begin(), state_->sockets.end(),
                                                [](const auto& e) { return e.second.record.open; }));
}

std::vector<ack_record> fake_slack::acks(std::string_view envelope_id) const {
  std::lock_guard lock{state_->mutex};
  std::vector<ack_record> out;
  for (const auto& a : state_->acks)
    if (envelope_id.empty() || a.envelope_id == envelope_id) out.push_back(a);
  return out;
}

std::size_t fake_slack::ack_count(std::string_view envelope_id) const {
  return acks(envelope_id).size();
}

namespace {

template <class Predicate>
bool wait_on(const fake_slack::state& s, std::chrono::milliseconds timeout, Predicate&& done,
             std::condition_variable& cv) {
  std::unique_lock lock{s.mutex};
  return cv.wait_for(lock, timeout, std::forward<Predicate>(done));
}

template <class Predicate>
bool wait_on(const fake_slack::state& s, std::chrono::milliseconds timeout, Predicate&& done) {
  return wait_on(s, timeout, std::forward<Predicate>(done), s.changed);
}

}  // namespace

bool fake_slack::wait_for_messages(std::size_t count, std::chrono::milliseconds timeout) const {
  return wait_on(*state_, timeout, [&] { return state_->messages.size() >= count; });
}

bool fake_slack::wait_for_responses(std::size_t count, std::chrono::milliseconds timeout) const {
  std::unique_lock lock{state_->mutex};
  // The POST handler wakes waiters only once the smallest count one of them waits for is reached.
  const auto mark = state_->responses_awaited.insert(count);
  const bool reached =
      state_->responses_changed.wait_for(lock, timeout, [&] { return state_->responses.size() >= count; });
  state_->responses_awaited.erase(mark);
  return reached;
}

bool fake_slack::wait_for_calls(std::string_view method, std::size_t count,
                                std::chrono::milliseconds timeout) const {
  return wait_on(*state_, timeout, [&] {
    return static_cast<std::size_t>(std::count_if(state_->calls.begin(), state_->calls.end(),
                                                  [&](const api_call& c) { return c.method == method; })) >=
           count;
  });
}

bool fake_slack::wait_for_ack(std::string_view envelope_id, std::chrono::milliseconds timeout) const {
  return wait_on(*state_, timeout, [&] {
    return std::any_of(state_->acks.begin(), state_->acks.end(),
                       [&](const ack_record& a) { return a.envelope_id == envelope_id; });
  });
}

bool fake_slack::wait_for_open_connections(std::size_t count, std::chrono::milliseconds timeout) const {
  return wait_on(*state_, timeout, [&] {
    return static_cast<std::size_t>(std::count_if(state_->sockets.begin(), state_->sockets.end(),
                                                  [](const auto& e) { return e.second.record.open; })) >=
           count;
  });
}

}  // namespace csibot::testing
