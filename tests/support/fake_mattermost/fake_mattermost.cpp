// The fake's public API: set-up, snapshots, WebSocket controls and blocking waits. The REST answers
// live in rest_routes.cpp, the WebSocket bookkeeping in websocket.cpp, the sockets in server.cpp,
// the calls into the bot in webhook_driver.cpp.

#include "support/fake_mattermost/fake_mattermost.hpp"

#include <algorithm>

#include "support/fake_mattermost/server.hpp"
#include "support/fake_mattermost/state.hpp"

namespace csibot::testing {

using json = nlohmann::json;

mm_user csibot_bot_user() {
  mm_user bot;
  bot.id = "botuserid00000000000000000";
  bot.username = "csibot";
  bot.email = "csibot@example.com";
  bot.is_bot = true;
  return bot;
}

fake_mattermost::fake_mattermost(fake_mattermost_options options)
    : state_(std::make_shared<state>(std::move(options))), server_(std::make_unique<server>(state_)) {}

fake_mattermost::~fake_mattermost() = default;

std::uint16_t fake_mattermost::port() const noexcept {
  return state_->port;
}

std::string fake_mattermost::url() const {
  return state_->base_url();
}

const fake_mattermost_options& fake_mattermost::options() const noexcept {
  return state_->options;
}

std::string fake_mattermost::new_response_url() {
  std::lock_guard lock{state_->mutex};
  auto id = state_->make_id();
  state_->hooks[id] = 0;
  return state_->base_url() + "/hooks/commands/" + id;
}

void fake_mattermost::add_user(mm_user user) {
  std::lock_guard lock{state_->mutex};
  auto& stored = state_->ensure_user(user.id);
  stored = std::move(user);
}

void fake_mattermost::add_channel(mm_channel channel) {
  std::lock_guard lock{state_->mutex};
  auto& stored = state_->ensure_channel(channel.id);
  stored = std::move(channel);
  for (const auto& member : stored.members)
    state_->ensure_user(member);
  if (stored.type == "D") state_->direct_channels[stored.name] = stored.id;
}

std::string fake_mattermost::direct_channel(std::string user_id) {
  std::lock_guard lock{state_->mutex};
  state_->ensure_user(user_id);
  return state_->open_direct(state_->options.bot.id, std::move(user_id)).id;
}

std::string fake_mattermost::new_id() {
  std::lock_guard lock{state_->mutex};
  return state_->make_id();
}

void fake_mattermost::fail_next(std::string endpoint, std::size_t count, mm_fault f) {
  std::lock_guard lock{state_->mutex};
  auto& queue = state_->faults[std::move(endpoint)];
  for (std::size_t i = 0; i < count; ++i)
    queue.push_back(f);
}

void fake_mattermost::set_rate_limit(std::uint32_t limit, std::uint32_t remaining) {
  std::lock_guard lock{state_->mutex};
  state_->rate_limit = limit;
  state_->rate_remaining = remaining;
}

void fake_mattermost::set_allow_ephemeral(bool allow) {
  std::lock_guard lock{state_->mutex};
  state_->allow_ephemeral = allow;
}

std::vector<mm_call> fake_mattermost::calls(std::string_view endpoint) const {
  std::lock_guard lock{state_->mutex};
  std::vector<mm_call> out;
  for (const auto& c : state_->calls)
    if (endpoint.empty() || c.endpoint == endpoint) out.push_back(c);
  return out;
}

std::size_t fake_mattermost::call_count(std::string_view endpoint) const {
  std::lock_guard lock{state_->mutex};
  return static_cast<std::size_t>(std::count_if(state_->calls.begin(), state_->calls.end(),
                                                [&](const mm_call& c) { return c.endpoint == endpoint; }));
}

std::vector<json> fake_mattermost::posts() const {
  std::lock_guard lock{state_->mutex};
  return state_->posts;
}

std::vector<json> fake_mattermost::posts_by(std::string_view user_id) const {
  std::lock_guard lock{state_->mutex};
  std::vector<json> out;
  for (const auto& p : state_->posts)
    if (p["user_id"] == user_id) out.push_back(p);
  return out;
}

std::optional<json> fake_mattermost::post(std::string_view id) const {
  std::lock_guard lock{state_->mutex};
  const auto* found = state_->find_post(id);
  return found ? std::optional<json>{*found} : std::nullopt;
}

std::vector<mm_ephemeral> fake_mattermost::ephemerals() const {
  std::lock_guard lock{state_->mutex};
  return state_->ephemerals;
}

std::vector<mm_response_post> fake_mattermost::responses() const {
  std::lock_guard lock{state_->mutex};
  return state_->responses;
}

std::optional<mm_channel> fake_mattermost::channel(std::string_view id) const {
  std::lock_guard lock{state_->mutex};
  const auto it = state_->channels.find(std::string{id});
  return it == state_->channels.end() ? std::nullopt : std::optional<mm_channel>{it->second};
}

namespace {

std::string add_post(fake_mattermost::state& s, std::string user, std::string channel, std::string message,
                     std::string root, bool deliver) {
  std::lock_guard lock{s.mutex};
  s.ensure_user(user);
  s.ensure_channel(channel);
  const auto& post = s.add_post(user, channel, std::move(message), std::move(root), json::object());
  auto id = post["id"].get<std::string>();
  if (deliver) s.broadcast_post("posted", post);
  return id;
}

}  // namespace

std::string fake_mattermost::push_post(std::string user_id, std::string channel_id, std::string message,
                                       std::string root_id) {
  return add_post(*state_, std::move(user_id), std::move(channel_id), std::move(message), std::move(root_id),
                  true);
}

std::string fake_mattermost::store_post(std::string user_id, std::string channel_id, std::string message,
                                        std::string root_id) {
  return add_post(*state_, std::move(user_id), std::move(channel_id), std::move(message), std::move(root_id),
                  false);
}

std::string fake_mattermost::store_edited_post(std::string user_id, std::string channel_id,
                                               std::string message, std::chrono::milliseconds written_ago) {
  const auto id = store_post(std::move(user_id), std::move(channel_id), std::move(message));
  std::lock_guard lock{state_->mutex};
  auto& post = *state_->find_post(id);
  const auto edited = post["update_at"].get<std::int64_t>();
  post["create_at"] = edited - written_ago.count();
  post["edit_at"] = edited;
  return id;
}

void fake_mattermost::push_event(std::string event, json data, json broadcast) {
  std::lock_guard lock{state_->mutex};
  state_->broadcast(event, data, broadcast);
}

void fake_mattermost::send_raw(std::string frame, std::optional<std::uint64_t> socket) {
  std::lock_guard lock{state_->mutex};
  for (auto& [id, s] : state_->sockets)
    if (s.peer && s.record.open && (!socket || *socket == id)) s.peer->send(frame);
}

void fake_mattermost::lose_next_events(std::size_t count) {
  std::lock_guard lock{state_->mutex};
  state_->lose_events += count;
}

void fake_mattermost::drop(std::optional<std::uint64_t> socket) {
  std::lock_guard lock{state_->mutex};
  for (auto& [id, s] : state_->sockets) {
    if (!s.peer || !s.record.open || (socket && *socket != id)) continue;
    s.record.dropped = true;
    s.peer->drop();
  }
}

void fake_mattermost::set_resume(bool resume) {
  std::lock_guard lock{state_->mutex};
  state_->resume = resume;
}

void fake_mattermost::set_header_auth(bool accept) {
  std::lock_guard lock{state_->mutex};
  state_->header_auth = accept;
}

void fake_mattermost::set_answer_pings(bool answer) {
  std::lock_guard lock{state_->mutex};
  state_->answer_pings = answer;
}

void fake_mattermost::set_echo_own_posts(bool echo) {
  std::lock_guard lock{state_->mutex};
  state_->echo_own_posts = echo;
}

std::vector<mm_socket_record> fake_mattermost::sockets() const {
  std::lock_guard lock{state_->mutex};
  std::vector<mm_socket_record> out;
  for (const auto& [id, s] : state_->sockets)
    out.push_back(s.record);
  return out;
}

namespace {

std::size_t open_count(const fake_mattermost::state& s) {
  return static_cast<std::size_t>(std::count_if(s.sockets.begin(), s.sockets.end(), [](const auto& e) {
    return e.second.record.open && !e.second.record.auth.empty();
  }));
}

std::size_t request_count(const fake_mattermost::state& s, std::string_view action) {
  return static_cast<std::size_t>(
      std::count_if(s.requests.begin(), s.requests.end(),
                    [&](const mm_ws_request& r) { return action.empty() || r.action == action; }));
}

template <class Predicate>
bool wait_on(const fake_mattermost::state& s, std::chrono::milliseconds timeout, Predicate&& done) {
  std::unique_lock lock{s.mutex};
  return s.changed.wait_for(lock, timeout, std::forward<Predicate>(done));
}

}  // namespace

std::size_t fake_mattermost::open_sockets() const {
  std::lock_guard lock{state_->mutex};
  return open_count(*state_);
}

std::vector<mm_ws_request> fake_mattermost::requests(std::string_view action) const {
  std::lock_guard lock{state_->mutex};
  std::vector<mm_ws_request> out;
  for (const auto& r : state_->requests)
    if (action.empty() || r.action == action) out.push_back(r);
  return out;
}

bool fake_mattermost::wait_for_calls(std::string_view endpoint, std::size_t count,
                                     std::chrono::milliseconds timeout) const {
  return wait_on(*state_, timeout, [&] {
    return static_cast<std::size_t>(
               std::count_if(state_->calls.begin(), state_->calls.end(),
                             [&](const mm_call& c) { return c.endpoint == endpoint; })) >= count;
  });
}

bool fake_mattermost::wait_for_posts_by(std::string_view user_id, std::size_t count,
                                        std::chrono::milliseconds timeout) const {
  return wait_on(*state_, timeout, [&] {
    return static_cast<std::size_t>(std::count_if(state_->posts.begin(), state_->posts.end(),
                                                  [&](const json& p) { return p["user_id"] == user_id; })) >=
           count;
  });
}

bool fake_mattermost::wait_for_ephemerals(std::size_t count, std::chrono::milliseconds timeout) const {
  return wait_on(*state_, timeout, [&] { return state_->ephemerals.size() >= count; });
}

bool fake_mattermost::wait_for_responses(std::size_t count, std::chrono::milliseconds timeout) const {
  return wait_on(*state_, timeout, [&] { return state_->responses.size() >= count; });
}

bool fake_mattermost::wait_for_open_sockets(std::size_t count, std::chrono::milliseconds timeout) const {
  return wait_on(*state_, timeout, [&] { return open_count(*state_) >= count; });
}

bool fake_mattermost::wait_for_requests(std::string_view action, std::size_t count,
                                        std::chrono::milliseconds timeout) const {
  return wait_on(*state_, timeout, [&] { return request_count(*state_, action) >= count; });
}

}  // namespace csibot::testing
