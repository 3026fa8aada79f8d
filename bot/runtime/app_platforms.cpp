// The chat platforms of `csibot run`: the chat servers it signs in to at start, and what it knows of
// their people (their language, their directory) and of which platforms run here.
#include <spdlog/spdlog.h>

#include "bot/runtime/app_impl.hpp"
#include "bot/runtime/platform_wiring.hpp"
#include "core/i18n.hpp"

namespace csibot::runtime::detail {

// The chat-server platforms that are configured (Slack, Mattermost), on one group-commit queue that
// writes their replies and one outbox that sends them. Each signs in here, before the port opens: a
// refused token is a start-up failure (the exception reaches run_bot: one line, exit 2), not
// something to retry forever.
void app::start_remotes() {
  // Every platform's people, the web chat's included, may be told something someone else caused.
  dispatcher_.set_language_lookup([this](const core::ref& person) { return known_language(person); });
  if (!settings_.slack && !settings_.mattermost) {
    // The web chat alone still has rows in the outbox: what csibot writes there itself, such as an
    // improvement's verdict for its owners (commands::check_improvements), sent by the web chat's
    // sender (install_routes).
    if (settings_.local.enabled) outbox_ = std::make_unique<runtime::outbox>(io_, db_, system_now);
    return;
  }
  runtime::outbox_options sending;
  sending.on_failed = [this](const storage::outbox_entry& e, std::string_view error) {
    return tell_subscriber(e, error);
  };
  outbox_ = std::make_unique<runtime::outbox>(io_, db_, system_now, std::move(sending));
  queue_ = std::make_unique<runtime::dispatch_queue>(
      io_, dispatcher_, db_, system_now,
      [this](std::vector<storage::outbox_entry> rows) { outbox_->accept(std::move(rows)); });
  if (settings_.slack) {
    // Socket Mode's acks get a thread of their own (socket_thread.hpp); HTTP mode answers on the
    // server's connections instead.
    if (settings_.slack->mode == "socket") sockets_.emplace();
    remotes_.push_back(runtime::start_slack(io_, settings_, *queue_, *outbox_, db_, system_now,
                                            sockets_ ? &sockets_->io() : nullptr));
  }
  if (settings_.mattermost) {
    remotes_.push_back(runtime::start_mattermost(io_, settings_, *queue_, *outbox_, db_, system_now));
  }
  for (const auto& p : remotes_)
    profiles_.emplace(std::string{p->name()},
                      std::make_shared<runtime::profile_cache>(p->directory(), system_now));
  queue_->set_preparer([this](core::inbound& in) { return with_locale(in); });
}

// For a message to someone other than the one whose event it is: their language if their profile
// was read lately (they wrote to the bot within a day), "" otherwise. Never waits for a read.
std::string app::known_language(const core::ref& person) const {
  if (person.platform == "local") {
    // The web chat's people give their browser's language when they connect.
    const auto locale = local_ ? local_->locale_of(person.id) : std::string{};
    return locale.empty() ? std::string{} : std::string{core::language_of(locale)};
  }
  const auto it = profiles_.find(person.platform);
  if (it == profiles_.end()) return {};
  const auto* known = it->second->known(person.id);
  if (known == nullptr || known->locale.empty()) return {};
  return std::string{core::language_of(known->locale)};
}

// Slack and Mattermost send commands, DMs and clicks without the person's locale (SPEC §10: answer
// in their language): it comes from their profile, read once a day. Until it is known, the queue
// holds the person's events (at most a couple of seconds); a profile that cannot be read leaves
// the bot's language.
bool app::with_locale(core::inbound& in) {
  if (!in.locale.empty()) return true;
  const auto it = profiles_.find(in.platform);
  if (it == profiles_.end()) return true;
  if (const auto* known = it->second->known(in.user)) {
    in.locale = known->locale;
    return true;
  }
  it->second->read_later(io_.get_executor(), in.user,
                         [this, platform = in.platform, user = in.user] { queue_->release(platform, user); });
  return false;
}

platform::remote_platform* app::remote(std::string_view name) const {
  for (const auto& p : remotes_)
    if (p->name() == name) return p.get();
  return nullptr;
}

// Who people are, per running platform, for proactive prompts.
runtime::directory_map app::directories() const {
  runtime::directory_map out;
  if (local_) out.emplace("local", local_->directory());
  for (const auto& [name, profiles] : profiles_)
    out.emplace(name, profiles);
  return out;
}

bool app::platform_enabled(std::string_view platform) const {
  return (platform == "local" && local_ != nullptr) || remote(platform) != nullptr;
}

}  // namespace csibot::runtime::detail
