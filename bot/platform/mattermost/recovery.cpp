// Missed-event recovery (PLATFORMS.md §2.2 "Reconnect"): when the server could not resume a
// connection (a new connection id after a reconnect) or csibot itself was away (the first hello after
// start), the posts of every known DM channel since its newest seen post are fetched over REST and
// submitted as if they had come over the socket. Posts the dispatcher already handled repeat their
// post id and are ignored, so asking for a little too much is harmless; asking for too little is not,
// hence the margin.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <variant>

#include "bot/net/tokens.hpp"
#include "bot/platform/mattermost/adapter_state.hpp"
#include "bot/platform/mattermost/events.hpp"

namespace csibot::platform::mattermost {
namespace asio = boost::asio;
using json = nlohmann::json;

namespace {

constexpr int max_rate_waits = 5;

// The frame the server would have sent for `post`, so that a recovered post passes the same decoder,
// and the same rules (the bot's own posts, system posts, other bots, blank text), as a live one. Only
// direct channels are asked about, hence channel_type "D".
std::string posted_frame(const json& post) {
  const json data{{"channel_type", "D"}, {"post", post.dump(-1, ' ', false, json::error_handler_t::replace)}};
  const json frame{{"event", "posted"}, {"data", data}};
  return frame.dump(-1, ' ', false, json::error_handler_t::replace);
}

bool deleted(const json& post) {
  const auto it = post.find("delete_at");
  return it != post.end() && it->is_number_integer() && it->get<std::int64_t>() > 0;
}

// One channel's posts since `since`; a 429 waits its window and asks again.
asio::awaitable<posts_result> fetch(std::shared_ptr<mattermost_platform::impl> self, std::string channel,
                                    std::int64_t since) {
  for (int waits = 0;; ++waits) {
    auto r = co_await self->api.posts_since(channel, since);
    self->note_rate(r);
    if (r.outcome != rest_result::kind::rate_limited || waits >= max_rate_waits || self->stopped) co_return r;
    asio::steady_timer timer{self->io};
    timer.expires_after(r.retry_after);
    co_await timer.async_wait(net::nothrow);
  }
}

// Submits the posts of one channel that are people's direct messages written since `since`; returns
// how many.
std::size_t submit_posts(mattermost_platform::impl& self, const posts_result& r, std::int64_t since) {
  std::size_t n = 0;
  for (const auto& post : r.posts) {
    if (deleted(post)) continue;
    auto decoded = decode_frame(posted_frame(post), self.bot_user_id);
    auto* p = std::get_if<posted>(&decoded.body);
    if (p == nullptr) continue;  // the bot's own replies, system messages: as on the socket
    // posts?since lists what changed, not only what was written: an old post edited (or reacted to)
    // during the gap is no new message, and may be older than the ids remembered to drop replays.
    if (core::to_millis(p->created_at) < since) continue;
    self.note_channel(p->event.channel, p->event.user, core::to_millis(p->created_at));
    self.submit(std::move(p->event), {}, "recovery", true);
    ++n;
  }
  return n;
}

asio::awaitable<void> recover(std::shared_ptr<mattermost_platform::impl> self) {
  do {
    self->recover_again = false;
    ++self->recoveries;
    const auto floor = core::to_millis(self->now() - self->opts.recovery_window);
    const auto margin = self->opts.recovery_margin.count();
    const auto marks = self->book.marks();
    std::size_t submitted = 0, failed = 0;
    for (const auto& m : marks) {
      if (self->stopped) co_return;
      const auto since = std::max(m.newest - margin, floor);
      auto r = co_await fetch(self, m.channel, since);
      // Stopped while asking: the dispatch queue may already be gone.
      if (self->stopped) co_return;
      if (!r.ok()) {
        ++failed;  // rest_api logged it; the next resync asks again
        continue;
      }
      submitted += submit_posts(*self, r, since);
    }
    spdlog::info("mattermost: recovery asked {} direct channel(s) for missed posts: {} submitted, {} failed",
                 marks.size(), submitted, failed);
  } while (self->recover_again && !self->stopped);
}

}  // namespace

void mattermost_platform::impl::start_recovery() {
  // A resync while one runs: its channels may have missed more since they were asked; one more pass.
  if (recovering) {
    recover_again = true;
    return;
  }
  if (book.size() == 0) return;
  recovering = true;
  asio::co_spawn(io, recover(shared_from_this()), [weak = weak_from_this()](std::exception_ptr e) {
    const auto self = weak.lock();
    if (self) self->recovering = false;
    if (!e) return;
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& what) {
      spdlog::error("mattermost: recovery failed: {}", what.what());
    }
  });
}

}  // namespace csibot::platform::mattermost
