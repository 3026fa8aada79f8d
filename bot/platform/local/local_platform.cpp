#include "bot/platform/local/local_platform.hpp"

#include <spdlog/spdlog.h>

#include <cstdio>
#include <random>

#include "bot/platform/local/state.hpp"
#include "config/settings.hpp"
#include "core/ref.hpp"

namespace csibot::platform::local {
namespace {

std::string random_prefix() {
  std::random_device random;
  char buf[24];
  std::snprintf(buf, sizeof buf, "l%08x%08x-", static_cast<unsigned>(random()),
                static_cast<unsigned>(random()));
  return buf;
}

}  // namespace

std::string dm_channel(std::string_view user) {
  return "dm:" + std::string(user);
}

bool may_see(std::string_view user, std::string_view channel, const std::optional<std::string>& visible_to) {
  if (user.empty()) return false;  // no hello yet
  if (visible_to && *visible_to != user) return false;
  if (channel.starts_with("dm:")) return channel.substr(3) == user;
  return true;
}

local_platform::impl::impl(storage::database& database, commands::dispatcher& dispatch,
                           const config::settings& config, clock now_fn, local::options opts)
    : db(database),
      dispatcher(dispatch),
      settings(config),
      now(std::move(now_fn)),
      limits(opts),
      repo(database),
      event_prefix(random_prefix()) {
  const auto t = now();
  repo.ensure_channel("general", storage::local_channel_kind::channel, t);
  // Each service's digest channel on this platform, and every digest subscription's, exist from
  // the start so people can join them before the first digest is posted.
  std::vector<std::string> refs;
  for (const auto& s : settings.services)
    refs.push_back(s.digest_channel);
  for (const auto& d : settings.digests)
    refs.push_back(d.channel);
  for (const auto& text : refs) {
    const auto r = core::parse_ref(text);
    if (r && r->platform == "local") ensure_public_channel(r->id);
  }
}

local_platform::local_platform(storage::database& db, commands::dispatcher& dispatcher,
                               const config::settings& settings, clock now, local::options opts)
    : impl_(std::make_shared<impl>(db, dispatcher, settings, std::move(now), opts)) {}

local_platform::~local_platform() = default;

void local_platform::attach(std::shared_ptr<net::ws_session> session) {
  const net::ws_session* key = session.get();
  session_state state;
  state.socket = session;
  state.tokens = static_cast<double>(impl_->limits.burst);
  state.refilled_at = impl_->now();
  impl_->sessions.insert_or_assign(key, std::move(state));
  // Weak: a session that outlives the platform must not keep it (or a dangling pointer) alive.
  std::weak_ptr<impl> weak = impl_;
  session->on_message([weak, key](std::string_view text) {
    if (auto self = weak.lock()) self->on_frame(key, text);
  });
  session->on_close([weak, key](const net::close_info&) {
    if (auto self = weak.lock()) self->on_close(key);
  });
}

void local_platform::deliver(const std::vector<core::outbound>& out) {
  for (const auto& o : out) {
    if (!o.platform.empty() && o.platform != "local") continue;
    try {
      impl_->deliver_one(o);
    } catch (const std::exception& e) {
      spdlog::error("local: could not deliver a message to {}: {}", o.channel.empty() ? o.user : o.channel,
                    e.what());
    }
  }
}

void local_platform::batch_with(poster post) {
  impl_->schedule = std::move(post);
}

std::uint64_t local_platform::batches() const {
  return impl_->batches;
}

void local_platform::forward_others(forward_fn forward) {
  impl_->forward = std::move(forward);
}

std::vector<channel_info> local_platform::channels() const {
  return impl_->channel_list({});
}

std::size_t local_platform::session_count() const {
  return impl_->sessions.size();
}

const config::settings& local_platform::settings() const noexcept {
  return impl_->settings;
}

std::string local_platform::locale_of(std::string_view user) const {
  return impl_->locale_of(user);
}

}  // namespace csibot::platform::local
