// Who people are on Slack, for proactive prompts (runtime::people_directory): users.info for the time
// zone and locale, users.lookupByEmail for ticket webhooks that name an e-mail address, and
// conversations.members (paged) for pulse audiences.
#include <spdlog/spdlog.h>

#include <boost/asio/steady_timer.hpp>

#include "bot/net/tokens.hpp"
#include "bot/platform/slack/adapter_state.hpp"
#include "bot/runtime/people_directory.hpp"

namespace csibot::platform::slack {
namespace asio = boost::asio;
using runtime::lookup_status;

namespace {

// A channel of 100,000 people at 200 per page; beyond that something is wrong with the cursor.
constexpr int max_pages = 500;
constexpr int page_size = 200;  // Slack's recommendation for conversations.members
constexpr int max_rate_waits = 5;

// A refusal (user_not_found, users_not_found, channel_not_found, not_in_channel) is an answer; a rate
// limit or a network failure is "ask again later".
lookup_status status_of(const api_result& r) {
  return r.outcome == api_result::kind::fatal ? lookup_status::not_found : lookup_status::failed;
}

bool is_user_id(std::string_view id) {
  return !id.empty() && (id.front() == 'U' || id.front() == 'W');
}

class slack_directory final : public runtime::people_directory {
 public:
  explicit slack_directory(std::shared_ptr<slack_platform::impl> self) : self_(std::move(self)) {}

  asio::awaitable<runtime::person_profile> profile(std::string user) override {
    const auto self = self_;
    auto r = co_await self->api.user_info(std::move(user));
    runtime::person_profile out;
    if (!r.ok()) {
      out.status = status_of(r);
      out.error = describe("users.info", r);
    } else if (r.is_bot || r.deleted) {
      out.status = lookup_status::not_found;  // nobody to ask
    } else {
      out.time_zone = r.tz;
      out.locale = r.locale;
    }
    co_return out;
  }

  asio::awaitable<runtime::email_match> find_by_email(std::string email) override {
    const auto self = self_;
    auto r = co_await self->api.lookup_by_email(std::move(email));
    runtime::email_match out;
    if (!r.ok()) {
      out.status = status_of(r);
      out.error = describe("users.lookupByEmail", r);
    } else if (!r.id.empty() && !r.is_bot && !r.deleted) {
      out.status = lookup_status::found;
      out.user = r.id;
    }
    co_return out;
  }

  asio::awaitable<runtime::member_list> members(commands::target t) override {
    runtime::member_list out;
    const bool user = t.kind == commands::target_kind::user ||
                      (t.kind == commands::target_kind::any && is_user_id(t.ref.id));
    if (user) {
      out.users.push_back(t.ref.id);
      co_return out;
    }
    co_return co_await channel_members(self_, t.ref.id);
  }

 private:
  // Every page of conversations.members; a 429 waits its Retry-After and asks for the same page again.
  static asio::awaitable<runtime::member_list> channel_members(std::shared_ptr<slack_platform::impl> self,
                                                               std::string channel) {
    runtime::member_list out;
    std::string cursor;
    int waits = 0;
    for (int page = 0; page < max_pages; ++page) {
      auto r = co_await self->api.conversation_members(channel, cursor, page_size);
      if (r.outcome == api_result::kind::rate_limited && waits++ < max_rate_waits) {
        asio::steady_timer timer{self->io};
        timer.expires_after(r.retry_after);
        co_await timer.async_wait(net::nothrow);
        --page;
        continue;
      }
      if (!r.ok()) {
        out.status = status_of(r);
        out.error = describe("conversations.members", r);
        out.users.clear();
        co_return out;
      }
      for (auto& m : r.members)
        if (m != self->bot_user_id) out.users.push_back(std::move(m));
      if (r.next_cursor.empty()) co_return out;
      cursor = std::move(r.next_cursor);
    }
    spdlog::warn("slack: conversations.members of {} stopped after {} pages", channel, max_pages);
    co_return out;
  }

  std::shared_ptr<slack_platform::impl> self_;
};

}  // namespace

std::shared_ptr<runtime::people_directory> slack_platform::directory() {
  return std::make_shared<slack_directory>(impl_);
}

}  // namespace csibot::platform::slack
