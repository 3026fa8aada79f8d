// Bot output in the local chat: where each core::outbound goes, and the fan-out to sessions.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>

#include "bot/platform/local/state.hpp"

namespace csibot::platform::local {
namespace {

bool is_channel_id(std::string_view id) {
  if (id.empty() || id.size() > max_channel_bytes) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
  });
}

// The commands layer may name a channel with or without the platform ("local:csi-digests").
std::string strip_platform(std::string_view channel) {
  if (channel.starts_with("local:")) channel.remove_prefix(6);
  return std::string(channel);
}

}  // namespace

storage::local_chat_message local_platform::impl::post(storage::local_chat_message m,
                                                       std::string_view client_id) {
  m.id = repo.append(m);
  m.updated_at = m.created_at;
  publish(m, render_message(m, client_id));
  return m;
}

void local_platform::impl::publish(const storage::local_chat_message& m, const std::string& frame) {
  for (const auto& [key, s] : sessions) {
    if (may_see(s.user, m.channel, m.visible_to)) send(s, frame);
  }
}

void local_platform::impl::ensure_public_channel(const std::string& id) {
  if (!is_channel_id(id)) {
    spdlog::warn("local: ignoring channel '{}': use a-z, 0-9, '-', '_' and '.'",
                 id.substr(0, max_channel_bytes));
    return;
  }
  if (!repo.ensure_channel(id, storage::local_channel_kind::channel, now())) return;
  const std::string frame = render_channel({id, id, false});
  for (const auto& [key, s] : sessions) {
    if (!s.user.empty()) send(s, frame);
  }
}

std::vector<channel_info> local_platform::impl::channel_list(const std::string& user) const {
  std::vector<channel_info> out;
  for (const auto& c : repo.channels(storage::local_channel_kind::channel))
    out.push_back({c.id, c.id, false});
  if (!user.empty()) out.push_back({dm_channel(user), std::string(bot_id), true});
  return out;
}

void local_platform::impl::route(const std::vector<core::outbound>& out) {
  std::vector<core::outbound> others;
  for (const auto& o : out) {
    if (o.platform.empty() || o.platform == "local") {
      deliver_one(o);
    } else {
      others.push_back(o);
    }
  }
  if (others.empty()) return;
  if (forward) {
    forward(others);
  } else {
    spdlog::warn("local: {} message(s) for people on {} cannot be sent from the web chat; not delivered",
                 others.size(), others.front().platform);
  }
}

void local_platform::impl::deliver_one(const core::outbound& out) {
  storage::local_chat_message m{
      0, {}, std::string(bot_id), std::string(bot_id), true, encode_body(out.body), std::nullopt, now(), {}};
  switch (out.kind) {
    case core::delivery::direct: {
      // A reply inside a DM names it; otherwise the bot opens the DM with the user.
      m.channel = out.channel.starts_with("dm:") ? out.channel : dm_channel(out.user);
      repo.ensure_channel(m.channel, storage::local_channel_kind::dm, m.created_at);
      post(std::move(m));
      return;
    }
    case core::delivery::channel:
      m.channel = strip_platform(out.channel);
      ensure_public_channel(m.channel);
      if (!repo.has_channel(m.channel)) return;
      post(std::move(m));
      return;
    case core::delivery::ephemeral:
      m.channel = out.channel.empty() ? dm_channel(out.user) : strip_platform(out.channel);
      if (m.channel.starts_with("dm:"))
        repo.ensure_channel(m.channel, storage::local_channel_kind::dm, m.created_at);
      if (!repo.has_channel(m.channel)) return;
      m.visible_to = out.user;
      post(std::move(m));
      return;
    case core::delivery::update:
      break;
  }
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(out.replaces.data(), out.replaces.data() + out.replaces.size(), id);
  if (ec != std::errc{} || end != out.replaces.data() + out.replaces.size()) return;
  if (!repo.replace_body(id, m.body, m.created_at)) return;
  if (const auto stored = repo.find(id)) publish(*stored, render_update(*stored));
}

}  // namespace csibot::platform::local
