#include "bot/platform/mattermost/action_context.hpp"

#include <algorithm>

#include "bot/platform/common/crypto.hpp"
#include "bot/platform/mattermost/limits.hpp"

namespace csibot::platform::mattermost {
namespace {

using json = nlohmann::json;

constexpr std::size_t mac_hex_digits = 64;
constexpr std::string_view key_label = "csibot mattermost button context";

// Length-prefixed fields (netstring-like): "ab"+"c" and "a"+"bc" must not sign alike.
void field(std::string& out, std::string_view value) {
  out += std::to_string(value.size());
  out += ':';
  out += value;
  out += '\n';
}

std::string canonical(const action_context& c) {
  std::string out = "csibot.mattermost.context\n";
  field(out, std::to_string(context_version));
  field(out, c.action_id);
  field(out, c.value);
  field(out, c.channel);
  field(out, c.user);
  return out;
}

std::string mac_hex(const action_context& c, std::string_view key) {
  return crypto::to_hex(crypto::hmac_sha256(key, canonical(c)));
}

// The string member `key`, or false when it is absent, not a string or longer than `max_bytes`.
bool read_string(const json& ctx, const char* key, std::size_t max_bytes, std::string& out) {
  const auto it = ctx.find(key);
  if (it == ctx.end() || !it->is_string()) return false;
  const auto& s = it->get_ref<const std::string&>();
  if (s.size() > max_bytes) return false;
  out = s;
  return true;
}

bool is_lower_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

}  // namespace

std::string derive_context_key(std::string_view bot_token) {
  if (bot_token.empty()) return {};
  return crypto::hmac_sha256(bot_token, key_label);
}

json sign_context(const action_context& c, std::string_view key) {
  return {{"v", context_version}, {"action", c.action_id}, {"value", c.value},
          {"channel", c.channel}, {"user", c.user},        {"mac", mac_hex(c, key)}};
}

context_verification verify_context(const json& ctx, std::string_view key, std::string_view channel,
                                    std::string_view user) {
  using enum context_check;
  // With an empty key anybody could compute the MAC.
  if (key.empty()) return {missing, "no key to verify button contexts", {}};
  if (!ctx.is_object() || ctx.empty()) return {missing, "the callback has no context", {}};
  const auto v = ctx.find("v");
  if (v == ctx.end() || !v->is_number_integer()) return {malformed, "the context has no version", {}};
  if (v->get<std::int64_t>() != context_version) return {malformed, "the context version is unknown", {}};
  action_context c;
  std::string mac;
  if (!read_string(ctx, "action", max_action_id_bytes, c.action_id) ||
      !read_string(ctx, "value", max_value_bytes, c.value) ||
      !read_string(ctx, "channel", max_id_bytes, c.channel) ||
      !read_string(ctx, "user", max_id_bytes, c.user)) {
    return {malformed, "a context field is missing, not a string or too long", {}};
  }
  if (!read_string(ctx, "mac", mac_hex_digits, mac) || mac.size() != mac_hex_digits ||
      !std::all_of(mac.begin(), mac.end(), is_lower_hex)) {
    return {malformed, "the context has no MAC of 64 lowercase hex digits", {}};
  }
  const std::string expected = mac_hex(c, key);
  // Constant time: how much of a guessed MAC matches must not show in the response time.
  if (expected.size() != mac_hex_digits || !crypto::constant_time_equal(expected, mac)) {
    return {forged, "the context's MAC does not match its fields", {}};
  }
  if (!c.channel.empty() && c.channel != channel) {
    return {wrong_channel, "the button was posted to another channel", {}};
  }
  if (!c.user.empty() && c.user != user) return {wrong_user, "the button is meant for someone else", {}};
  return {ok, "context verified", std::move(c)};
}

std::string_view to_string(context_check check) noexcept {
  switch (check) {
    case context_check::ok:
      return "ok";
    case context_check::missing:
      return "missing";
    case context_check::malformed:
      return "malformed";
    case context_check::forged:
      return "forged";
    case context_check::wrong_channel:
      return "wrong_channel";
    case context_check::wrong_user:
      break;
  }
  return "wrong_user";
}

}  // namespace csibot::platform::mattermost
