// The fake's data model: ids, users, channels and posts in Mattermost's JSON shapes (PLATFORMS.md
// §2.2, §2.3). Called with the state's mutex held.

#include <chrono>

#include "support/fake_mattermost/state.hpp"

namespace csibot::testing {

using json = nlohmann::json;

namespace {

/// SplitMix64's finalizer: a bijection, so distinct counters give distinct, random-looking ids.
std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30U)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27U)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31U);
}

}  // namespace

fake_mattermost::state::state(fake_mattermost_options opts) : options(std::move(opts)) {
  users[options.bot.id] = options.bot;
}

std::string fake_mattermost::state::make_id() {
  // Mattermost's ids: 26 characters of this base-32 alphabet (model.NewId).
  static constexpr std::string_view alphabet = "ybndrfg8ejkmcpqxot1uwisza345h769";
  const auto n = ++next_id;
  std::uint64_t high = mix(n);
  std::uint64_t low = mix(n ^ 0x5bd1e995ULL);
  std::string out;
  for (int i = 0; i < 26; ++i) {
    auto& word = i < 12 ? high : low;  // 60 bits of a bijection: no repeats in practice
    out += alphabet[word & 31U];
    word >>= 5U;
  }
  return out;
}

std::int64_t fake_mattermost::state::now_millis() {
  const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  // Strictly increasing, so that "posts since <create_at of a post>" never returns that post.
  last_millis = std::max(last_millis + 1, static_cast<std::int64_t>(now));
  return last_millis;
}

bool fake_mattermost::state::token_ok(std::string_view authorization) const {
  // Mattermost reads "Bearer <token>" and the older "Token <token>".
  for (const std::string_view scheme : {"Bearer ", "Token "}) {
    if (authorization.size() > scheme.size() && authorization.substr(0, scheme.size()) == scheme)
      return authorization.substr(scheme.size()) == options.token;
  }
  return false;
}

void fake_mattermost::state::record(mm_call call) {
  call.seq = ++seq;
  calls.push_back(std::move(call));
  changed.notify_all();
}

mm_user& fake_mattermost::state::ensure_user(const std::string& id) {
  auto [it, added] = users.try_emplace(id);
  if (added) {
    it->second.id = id;
    it->second.username = "user-" + id.substr(0, 8);
    it->second.email = it->second.username + "@example.com";
    user_order.push_back(id);
  }
  return it->second;
}

mm_channel& fake_mattermost::state::ensure_channel(const std::string& id) {
  auto [it, added] = channels.try_emplace(id);
  if (added) {
    it->second.id = id;
    it->second.name = "channel-" + id.substr(0, 8);
    it->second.display_name = it->second.name;
    it->second.team_id = options.team_id;
    channel_order.push_back(id);
  }
  return it->second;
}

mm_channel& fake_mattermost::state::open_direct(std::string a, std::string b) {
  if (b < a) std::swap(a, b);
  auto name = a + "__" + b;
  if (const auto known = direct_channels.find(name); known != direct_channels.end())
    return channels.at(known->second);
  auto& c = ensure_channel(make_id());
  c.type = "D";
  c.display_name.clear();
  c.team_id.clear();
  c.members = a == b ? std::vector<std::string>{a} : std::vector<std::string>{a, b};
  c.name = std::move(name);
  direct_channels[c.name] = c.id;
  return c;
}

json& fake_mattermost::state::add_post(const std::string& user_id, const std::string& channel_id,
                                       std::string message, std::string root_id, json props) {
  const auto at = now_millis();
  posts.push_back({{"id", make_id()},
                   {"create_at", at},
                   {"update_at", at},
                   {"edit_at", 0},
                   {"delete_at", 0},
                   {"is_pinned", false},
                   {"user_id", user_id},
                   {"channel_id", channel_id},
                   {"root_id", std::move(root_id)},
                   {"original_id", ""},
                   {"message", std::move(message)},
                   {"type", ""},
                   {"props", props.is_object() ? std::move(props) : json::object()},
                   {"hashtags", ""},
                   {"pending_post_id", ""},
                   {"reply_count", 0},
                   {"metadata", json::object()}});
  post_index[posts.back()["id"].get<std::string>()] = posts.size() - 1;
  changed.notify_all();
  return posts.back();
}

json* fake_mattermost::state::find_post(std::string_view id) {
  const auto it = post_index.find(std::string{id});
  return it == post_index.end() ? nullptr : &posts[it->second];
}

json fake_mattermost::state::user_json(const mm_user& user) const {
  return {{"id", user.id},
          {"create_at", 1700000000000},
          {"update_at", 1700000000000},
          {"delete_at", 0},
          {"username", user.username},
          {"email", user.email},
          {"first_name", ""},
          {"last_name", ""},
          {"nickname", ""},
          {"is_bot", user.is_bot},
          {"roles", "system_user"},
          {"locale", user.locale},
          // Mattermost's timezone object uses string booleans.
          {"timezone",
           {{"useAutomaticTimezone", "true"}, {"automaticTimezone", user.timezone}, {"manualTimezone", ""}}}};
}

json fake_mattermost::state::channel_json(const mm_channel& channel) const {
  return {{"id", channel.id},
          {"create_at", 1700000000000},
          {"update_at", 1700000000000},
          {"delete_at", channel.delete_at},
          {"team_id", channel.team_id},
          {"type", channel.type},
          {"display_name", channel.display_name},
          {"name", channel.name},
          {"header", ""},
          {"purpose", ""},
          {"last_post_at", 0},
          {"total_msg_count", 0},
          {"extra_update_at", 0},
          {"creator_id", ""}};
}

}  // namespace csibot::testing
