// Who people are on Mattermost, for proactive prompts (runtime::people_directory): users/{id} for the
// time zone and locale, users/email/{email} for ticket webhooks that name an e-mail address, and
// channels/{id}/members (paged) for pulse audiences.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/steady_timer.hpp>
#include <cctype>

#include "bot/net/tokens.hpp"
#include "bot/platform/mattermost/adapter_state.hpp"
#include "bot/runtime/people_directory.hpp"

namespace csibot::platform::mattermost {
namespace asio = boost::asio;
using runtime::lookup_status;

namespace {

constexpr int max_pages = 500;  // 100,000 members at 200 a page; beyond that the paging is broken
constexpr unsigned page_size = 200;
constexpr int max_rate_waits = 5;

// A refusal (404 no such user, 403 a channel the bot cannot see) is an answer; a rate limit or a
// network failure is "ask again later".
lookup_status status_of(const rest_result& r) {
  return r.outcome == rest_result::kind::fatal ? lookup_status::not_found : lookup_status::failed;
}

// Mattermost ids are 26 lower-case letters and digits; "@alice" typed in /csi ask arrives as "alice".
bool is_id(std::string_view s) {
  return s.size() == 26 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
         });
}

std::string path_segment(std::string_view name) {
  std::string out;
  for (const char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) != 0 || c == '-' || c == '.' || c == '_') out += c;
  }
  return out;
}

class mattermost_directory final : public runtime::people_directory {
 public:
  explicit mattermost_directory(std::shared_ptr<mattermost_platform::impl> self) : self_(std::move(self)) {}

  asio::awaitable<runtime::person_profile> profile(std::string user) override {
    const auto self = self_;
    auto r = co_await self->api.user(std::move(user));
    self->note_rate(r);
    runtime::person_profile out;
    if (!r.ok()) {
      out.status = status_of(r);
      out.error = describe("users/{id}", r);
    } else if (r.is_bot) {
      out.status = lookup_status::not_found;  // nobody to ask
    } else {
      out.time_zone = r.timezone;
      out.locale = r.locale;
    }
    co_return out;
  }

  asio::awaitable<runtime::email_match> find_by_email(std::string email) override {
    const auto self = self_;
    auto r = co_await self->api.user_by_email(std::move(email));
    self->note_rate(r);
    runtime::email_match out;
    if (!r.ok()) {
      out.status = status_of(r);
      out.error = describe("users/email", r);
    } else if (!r.id.empty() && !r.is_bot) {
      out.status = lookup_status::found;
      out.user = r.id;
    }
    co_return out;
  }

  asio::awaitable<runtime::member_list> members(commands::target t) override {
    const auto self = self_;
    if (t.kind == commands::target_kind::user) co_return co_await person(self, t.ref.id);
    if (t.kind == commands::target_kind::channel) co_return co_await channel_members(self, t.ref.id);
    // A config reference: users and channels have ids of the same shape, so ask for the channel and
    // fall back to the user when there is no such channel.
    auto channel = co_await channel_members(self, t.ref.id);
    if (channel.status != lookup_status::not_found) co_return channel;
    co_return co_await person(self, t.ref.id);
  }

 private:
  // One person: an id as it is, a username ("@alice" as typed) looked up.
  static asio::awaitable<runtime::member_list> person(std::shared_ptr<mattermost_platform::impl> self,
                                                      std::string user) {
    runtime::member_list out;
    if (is_id(user)) {
      out.users.push_back(std::move(user));
      co_return out;
    }
    auto r =
        co_await self->api.call("GET", "/users/username/" + path_segment(user), nullptr, "users/username");
    self->note_rate(r);
    const auto id = r.ok() && r.body.is_object() ? r.body.value("id", std::string{}) : std::string{};
    if (id.empty()) {
      out.status = r.ok() ? lookup_status::not_found : status_of(r);
      out.error = describe("users/username", r);
    } else {
      out.users.push_back(id);
    }
    co_return out;
  }

  // Every page of channels/{id}/members; a 429 waits its window and asks for the same page again.
  static asio::awaitable<runtime::member_list> channel_members(
      std::shared_ptr<mattermost_platform::impl> self, std::string channel) {
    runtime::member_list out;
    int waits = 0;
    for (unsigned page = 0; page < max_pages;) {
      auto r = co_await self->api.channel_members(channel, page, page_size);
      self->note_rate(r);
      if (r.outcome == rest_result::kind::rate_limited && waits++ < max_rate_waits) {
        asio::steady_timer timer{self->io};
        timer.expires_after(r.retry_after);
        co_await timer.async_wait(net::nothrow);
        continue;
      }
      if (!r.ok()) {
        out.status = status_of(r);
        out.error = describe("channels/members", r);
        out.users.clear();
        co_return out;
      }
      for (auto& id : r.user_ids)
        if (id != self->bot_user_id) out.users.push_back(std::move(id));
      if (!r.more) co_return out;
      ++page;
    }
    spdlog::warn("mattermost: channels/members of {} stopped after {} pages", channel, max_pages);
    co_return out;
  }

  std::shared_ptr<mattermost_platform::impl> self_;
};

}  // namespace

std::shared_ptr<runtime::people_directory> mattermost_platform::directory() {
  return std::make_shared<mattermost_directory>(impl_);
}

}  // namespace csibot::platform::mattermost
