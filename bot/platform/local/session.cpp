// Client frames of the local chat: what one browser session may do (docs/local-chat.md).
#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>

#include "bot/platform/local/state.hpp"
#include "commands/dispatch.hpp"
#include "config/settings.hpp"

namespace csibot::platform::local {
namespace {

template <class... F>
struct overloaded : F... {
  using F::operator()...;
};
// C++20 deduces this by itself; clang before 17 (Debian's is 14, used by `make fuzz`) needs the guide.
template <class... F>
overloaded(F...) -> overloaded<F...>;

std::optional<std::int64_t> parse_id(std::string_view text) {
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc{} || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

// "/csi feedback vpn" → the arguments "feedback vpn"; nullopt when the text is not a command.
std::optional<std::string> command_arguments(std::string_view text, std::string_view command) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos || command.empty()) return std::nullopt;
  text.remove_prefix(first);
  if (!text.starts_with(command)) return std::nullopt;
  text.remove_prefix(command.size());
  if (!text.empty() && text.find_first_of(" \t\r\n") != 0) return std::nullopt;  // "/csix" is not "/csi"
  const auto start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return std::string{};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(start, last - start + 1));
}

}  // namespace

void local_platform::impl::send(const session_state& s, std::string frame) {
  if (held != nullptr) {
    held->push_back({s.socket, std::move(frame)});
  } else if (auto socket = s.socket.lock()) {
    socket->send(std::move(frame));
  }
}

void local_platform::impl::error(const session_state& s, std::string_view code, std::string_view message) {
  send(s, render_error(code, message));
}

void local_platform::impl::remember_locale(const std::string& user, const std::string& locale) {
  // Names are free to pick, so a stream of hellos under new names must not grow this without end;
  // a person forgotten here is asked in the bot's language until their next hello.
  constexpr std::size_t max_remembered = 10'000;
  try {
    repo.remember_locale(user, locale, now(), max_remembered);
  } catch (const std::exception& e) {
    spdlog::warn("local: could not remember the language of {}: {}", user, e.what());
  }
}

std::string local_platform::impl::locale_of(std::string_view user) const {
  try {
    return repo.locale_of(user);
  } catch (const std::exception& e) {
    spdlog::warn("local: could not read the language of {}: {}", user, e.what());
    return {};
  }
}

bool local_platform::impl::take_token(session_state& s) {
  const auto t = now();
  const auto elapsed = std::chrono::duration<double>(t - s.refilled_at).count();
  const auto burst = static_cast<double>(limits.burst);
  if (elapsed > 0) {
    s.tokens = std::min(burst, s.tokens + elapsed * static_cast<double>(limits.frames_per_second));
    s.refilled_at = t;
  }
  if (s.tokens < 1.0) return false;
  s.tokens -= 1.0;
  s.told_rate_limited = false;
  return true;
}

void local_platform::impl::handle_frame(session_state& s, std::string_view text) {
  auto frame = parse_client_frame(text);
  if (const auto* e = std::get_if<frame_error>(&frame)) return error(s, e->code, e->message);
  if (s.user.empty() && !std::holds_alternative<hello_frame>(frame)) {
    return error(s, "hello_first", "say hello with your name first");
  }
  std::visit(overloaded{[&](const hello_frame& f) { on_hello(s, f); },
                        [&](const message_frame& f) { on_message(s, f); },
                        [&](const action_frame& f) { on_action(s, f); },
                        [&](const history_frame& f) { on_history(s, f); }, [](const frame_error&) {}},
             frame);
}

void local_platform::impl::on_hello(session_state& s, const hello_frame& f) {
  if (!s.user.empty()) return error(s, "already_hello", "this session already has a name");
  std::string id = user_id_for(f.name);
  if (id == bot_id) return error(s, "name_taken", "that name belongs to the bot; pick another");
  repo.ensure_channel(dm_channel(id), storage::local_channel_kind::dm, now());
  s.user = std::move(id);
  s.name = f.name;
  s.locale = f.locale;
  remember_locale(s.user, s.locale);
  send(s, render_welcome(s.user, s.name, settings.bot.command, bot_id, channel_list(s.user)));
}

core::inbound local_platform::impl::inbound_for(const session_state& s, std::string channel) {
  core::inbound in;
  in.platform = "local";
  in.user = s.user;
  in.user_name = s.name;
  in.is_dm = channel.starts_with("dm:");
  in.channel = std::move(channel);
  // The browser never redelivers, so every frame is a new event; the prefix keeps ids unique
  // across restarts, when the processed-event table still remembers the old ones.
  in.event_id = event_prefix + std::to_string(++events);
  in.locale = s.locale;
  return in;
}

void local_platform::impl::on_message(session_state& s, const message_frame& f) {
  if (!may_see(s.user, f.channel, std::nullopt) || !repo.has_channel(f.channel)) {
    return error(s, "no_channel", "there is no such channel");
  }
  auto args = command_arguments(f.text, settings.bot.command);
  // A command is private to the one who typed it, like a slash command elsewhere; chat is public.
  storage::local_chat_message m{0,
                                f.channel,
                                s.user,
                                s.name,
                                false,
                                encode_text_body(f.text),
                                args ? std::optional<std::string>(s.user) : std::nullopt,
                                now(),
                                {}};
  post(std::move(m), f.client_id);
  auto in = inbound_for(s, f.channel);
  if (args) {
    in.command = settings.bot.command;
    in.text = std::move(*args);
  } else if (!in.is_dm) {
    return;  // csibot does not read channel conversations
  } else {
    in.text = f.text;
  }
  route(dispatcher.dispatch(in, now()));
}

void local_platform::impl::on_action(session_state& s, const action_frame& f) {
  const auto id = parse_id(f.message_id);
  const auto m = id ? repo.find(*id) : std::nullopt;
  if (!m || m->channel != f.channel || !m->bot || !may_see(s.user, m->channel, m->visible_to)) {
    return error(s, "no_message", "that message is gone or not yours");
  }
  auto in = inbound_for(s, m->channel);
  in.action = core::action{f.action_id, f.value, f.message_id};
  route(dispatcher.dispatch(in, now()));
}

void local_platform::impl::on_history(session_state& s, const history_frame& f) {
  if (!may_see(s.user, f.channel, std::nullopt) || !repo.has_channel(f.channel)) {
    return error(s, "no_channel", "there is no such channel");
  }
  send(s, render_history(f.channel, repo.recent(f.channel, s.user, limits.history)));
}

}  // namespace csibot::platform::local
