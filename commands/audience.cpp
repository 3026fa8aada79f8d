#include "commands/audience.hpp"

#include <algorithm>

namespace csibot::commands {
namespace {

constexpr std::string_view user_prefix = "user:";
constexpr std::string_view channel_prefix = "channel:";

std::optional<target> make(target_kind kind, std::string_view platform, std::string_view id) {
  auto r = core::parse_ref(std::string{platform} + ":" + std::string{id});
  if (!r) return std::nullopt;
  return target{kind, std::move(*r)};
}

// Slack escapes mentions in slash command text as <@U123|name> and <#C123|name> (PLATFORMS.md §1);
// the id is what its API understands, the name after '|' is only for people.
std::optional<target> escaped(std::string_view word, std::string_view platform) {
  if (word.size() < 4 || word.front() != '<' || word.back() != '>') return std::nullopt;
  const char sigil = word[1];
  if (sigil != '@' && sigil != '#') return std::nullopt;
  auto id = word.substr(2, word.size() - 3);
  id = id.substr(0, id.find('|'));
  if (id.empty()) return std::nullopt;
  return make(sigil == '@' ? target_kind::user : target_kind::channel, platform, id);
}

// Slack ids: upper-case letters and digits ("U0123ABC", "C0CUSTOMERS"); names are lower case.
bool slack_id(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  });
}

}  // namespace

std::string target::str() const {
  switch (kind) {
    case target_kind::user:
      return std::string{user_prefix} + ref.str();
    case target_kind::channel:
      return std::string{channel_prefix} + ref.str();
    case target_kind::any:
      break;
  }
  return ref.str();
}

std::optional<target> parse_stored_target(std::string_view text) {
  target_kind kind = target_kind::any;
  if (text.starts_with(user_prefix)) {
    kind = target_kind::user;
    text.remove_prefix(user_prefix.size());
  } else if (text.starts_with(channel_prefix)) {
    kind = target_kind::channel;
    text.remove_prefix(channel_prefix.size());
  }
  auto r = core::parse_ref(text);
  if (!r) return std::nullopt;
  return target{kind, std::move(*r)};
}

bool unescaped_slack_name(std::string_view word, std::string_view platform) {
  return platform == "slack" && word.size() > 1 && (word.front() == '@' || word.front() == '#') &&
         !slack_id(word.substr(1));
}

std::optional<target> parse_ask_target(std::string_view word, std::string_view platform,
                                       const mentions& resolved) {
  if (word.empty()) return std::nullopt;
  if (auto t = escaped(word, platform)) return t;
  for (const auto& [typed, id] : resolved) {
    if (typed != word) continue;
    return make(word.front() == '@' ? target_kind::user : target_kind::channel, platform, id);
  }
  if (unescaped_slack_name(word, platform)) return std::nullopt;
  if (word.front() == '@') return make(target_kind::user, platform, word.substr(1));
  // '#' is Slack's and the local chat's channel sigil, '~' Mattermost's.
  if (word.front() == '#' || word.front() == '~') return make(target_kind::channel, platform, word.substr(1));
  if (auto r = core::parse_ref(word)) return target{target_kind::any, std::move(*r)};
  return std::nullopt;
}

bool only_users(const std::vector<target>& targets) {
  return std::all_of(targets.begin(), targets.end(),
                     [](const target& t) { return t.kind == target_kind::user; });
}

std::string describe(const std::vector<target>& targets) {
  std::string out;
  for (const auto& t : targets) {
    out += out.empty() ? "" : ", ";
    switch (t.kind) {
      case target_kind::user:
        out += "@" + t.ref.id;
        break;
      case target_kind::channel:
        out += "#" + t.ref.id;
        break;
      case target_kind::any:
        out += t.ref.str();
        break;
    }
  }
  return out;
}

}  // namespace csibot::commands
