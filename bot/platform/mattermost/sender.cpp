// The outbox's sender for platform "mattermost" (PLATFORMS.md §2.3-§2.5): one outbox row becomes a
// response_url post or one or more REST calls, and their outcome a runtime::send_result.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/steady_timer.hpp>

#include "bot/net/tokens.hpp"
#include "bot/platform/mattermost/adapter_state.hpp"
#include "bot/platform/mattermost/responses.hpp"

namespace csibot::platform::mattermost {
namespace asio = boost::asio;
using runtime::send_result;
using steady = std::chrono::steady_clock;

namespace {

// The outbox owns retries: a 429 waits exactly the server's window, a transient failure backs off, a
// refusal (403 no permission, 404 no such post, 400) is final. Mattermost limits per token (or per
// address), not per channel, so a 429 pauses the whole platform.
send_result to_send_result(std::string_view call, const rest_result& r) {
  switch (r.outcome) {
    case rest_result::kind::ok:
      return send_result::sent();
    case rest_result::kind::rate_limited:
      return send_result::retry_after(r.retry_after, send_result::scope::platform, describe(call, r));
    case rest_result::kind::retryable:
      return send_result::retry(describe(call, r));
    case rest_result::kind::fatal:
      break;
  }
  return send_result::failed(describe(call, r));
}

// render_outbound() names paths from the server's root ("/api/v4/posts"); rest_api::call() wants them
// under its base URL, which already ends in /api/v4.
std::string under_base(std::string path) {
  constexpr std::string_view prefix = "/api/v4/";
  if (path.starts_with(prefix)) path.erase(0, prefix.size() - 1);
  return path;
}

std::string call_name(std::string_view path) {
  if (path.ends_with("/patch")) return "posts/patch";
  if (path.ends_with("/ephemeral")) return "posts/ephemeral";
  return "posts";
}

std::string string_at(const nlohmann::json& j, const char* key) {
  const auto it = j.is_object() ? j.find(key) : j.end();
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

// While the server's window is used up, every call waits for it (the pacer keeps most rows from even
// starting; this covers calls after the first of a row, and rows that started before the window ran
// out).
asio::awaitable<void> pace(std::shared_ptr<mattermost_platform::impl> self) {
  const auto wait = self->rate_wait();
  if (wait <= std::chrono::milliseconds::zero()) co_return;
  asio::steady_timer timer{self->io};
  timer.expires_after(wait);
  co_await timer.async_wait(net::nothrow);
}

// A slash command's reply goes to its response_url (PLATFORMS.md §2.4): it reaches the channel where
// the command was typed whether or not the bot may post there, as an ephemeral post for that person
// or, `in_channel`, a post for everyone (whose buttons anyone there may click, as on a REST channel
// post). Several posts travel as one CommandResponse with extra_responses: one of the URL's five
// uses. The first `done` posts went out by REST in earlier attempts and are left out.
asio::awaitable<send_result> respond(std::shared_ptr<mattermost_platform::impl> self, std::string url,
                                     core::outbound out, response_type type, std::size_t done) {
  const button_target target{self->actions, self->key, out.channel,
                             type == response_type::in_channel ? std::string{} : out.user};
  auto posts = render(out.body, target);
  posts.erase(posts.begin(), posts.begin() + static_cast<std::ptrdiff_t>(std::min(done, posts.size())));
  auto body = command_response(posts, type);
  auto r = co_await self->api.post_to_response_url(std::move(url), std::move(body));
  // One request carries every post; those before `done` stay counted as delivered for a retry.
  co_return to_send_result("response_url", r).with_parts(done);
}

struct attempt {
  send_result result;
  unsigned http_status = 0;  // of the call that failed
};

// The REST calls of render_outbound (one per post), in order, from the first that earlier attempts
// did not make (`done`): a retry after a failed later part must not post the first parts again. The
// first post's id is the row's platform id (what a later update patches).
asio::awaitable<attempt> post_all(std::shared_ptr<mattermost_platform::impl> self, core::outbound out,
                                  std::size_t done) {
  auto calls = render_outbound(out, self->actions, self->key);
  if (calls.empty()) {
    if (out.channel.empty()) co_return attempt{send_result::failed("no channel to post to"), 0};
    co_return attempt{send_result::sent(), 0};  // an empty message says nothing
  }
  std::string first_id;
  for (auto i = done; i < calls.size(); ++i) {
    auto& call = calls[i];
    co_await pace(self);
    const auto name = call_name(call.path);
    auto r =
        co_await self->api.call(call.method, under_base(std::move(call.path)), std::move(call.body), name);
    self->note_rate(r);
    if (!r.ok()) co_return attempt{to_send_result(name, r).with_parts(i), r.http_status};
    if (first_id.empty()) first_id = string_at(r.body, "id");
    // A post in a person's DM moves that channel's mark: recovery asks only for what came after it.
    if (out.kind == core::delivery::direct) {
      const auto at = r.body.is_object() ? r.body.value("create_at", std::int64_t{0}) : std::int64_t{0};
      self->note_channel(out.channel, out.user, at);
    }
  }
  co_return attempt{send_result::sent(std::move(first_id)), 0};
}

// The DM between the bot and `user`: the channel book knows it from earlier runs, rest_api caches it
// for this one; only the first message to a person calls POST /channels/direct.
asio::awaitable<channel_result> open_dm(std::shared_ptr<mattermost_platform::impl> self, std::string user) {
  channel_result out;
  out.channel_id = self->book.channel_of(user);
  if (!out.channel_id.empty()) {
    out.outcome = rest_result::kind::ok;
    co_return out;
  }
  co_await pace(self);
  out = co_await self->api.direct_channel(self->bot_user_id, std::move(user));
  self->note_rate(out);
  co_return out;
}

// A command's post for the whole channel (/csi digest --here, /csi subscribe) goes by REST like any
// channel post. A 403 means the bot may not post there (a private channel it is no member of), but
// the command's response_url still reaches that channel for everyone (PLATFORMS.md §2.4): the person
// who asked sees the post instead of nothing. An archived channel answers 400 and is left alone. When
// the response_url fails too (used up, expired), the reason names both refusals.
asio::awaitable<send_result> post_for_command(std::shared_ptr<mattermost_platform::impl> self,
                                              core::outbound out, std::string reply_to, std::size_t done) {
  auto a = co_await post_all(self, out, done);
  if (a.result.what != send_result::status::failed || a.http_status != 403) co_return std::move(a.result);
  spdlog::info("mattermost: post in channel {} refused (403); posting it through the command's response_url",
               out.channel);
  auto r = co_await respond(self, std::move(reply_to), std::move(out), response_type::in_channel,
                            a.result.parts_sent);
  if (r.what == send_result::status::failed) r.reason = a.result.reason + ", then " + r.reason;
  co_return r;
}

asio::awaitable<send_result> deliver(std::shared_ptr<mattermost_platform::impl> self,
                                     storage::outbox_entry e) {
  auto out = std::move(e.message);
  auto done = e.parts_sent;  // parts delivered by earlier attempts: a message resumes after them
  if (out.kind == core::delivery::ephemeral) {
    if (!e.reply_to.empty()) {
      auto r = co_await respond(self, e.reply_to, out, response_type::ephemeral, done);
      // Used up (5 uses) or expired (30 minutes): the reply still deserves to arrive, by REST.
      if (r.what != send_result::status::failed) co_return r;
      spdlog::info("mattermost: response_url refused ({}); sending the reply as an ephemeral post", r.reason);
    }
    auto a = co_await post_all(self, out, done);
    // posts/ephemeral needs the create_post_ephemeral permission, which bot accounts lack by default
    // (PLATFORMS.md §2.3): the DM is the other place only that person sees.
    if (a.result.what != send_result::status::failed || a.http_status != 403) co_return a.result;
    done = std::max(done, a.result.parts_sent);
    out.kind = core::delivery::direct;
    out.channel.clear();
  }
  if (out.kind == core::delivery::channel && !e.reply_to.empty())
    co_return co_await post_for_command(self, std::move(out), std::move(e.reply_to), done);
  // The conversation lives in the direct channel (SPEC §12).
  if (out.kind == core::delivery::direct && out.channel.empty() && !out.user.empty()) {
    auto dm = co_await open_dm(self, out.user);
    if (!dm.ok()) co_return to_send_result("channels/direct", dm).with_parts(done);
    out.channel = dm.channel_id;
  }
  auto a = co_await post_all(self, std::move(out), done);
  co_return a.result;
}

}  // namespace

void mattermost_platform::impl::note_rate(const rest_result& r) {
  const auto at = steady::now();
  if (r.outcome == rest_result::kind::rate_limited) {
    paused_until = std::max(paused_until, at + r.retry_after);
  } else if (r.rate && r.rate->remaining == 0) {
    // The window is used up although this call passed: the next one would get a 429. The reset is
    // whole seconds and may read 0 just before it refills; one second is Mattermost's window.
    const std::chrono::milliseconds reset = std::max(r.rate->reset, std::chrono::seconds{1});
    paused_until = std::max(paused_until, at + reset);
  }
}

std::chrono::milliseconds mattermost_platform::impl::rate_wait() const {
  const auto at = steady::now();
  if (paused_until <= at) return std::chrono::milliseconds::zero();
  return std::chrono::ceil<std::chrono::milliseconds>(paused_until - at);
}

runtime::outbox::sender mattermost_platform::sender() {
  return [self = impl_](const storage::outbox_entry& e) { return deliver(self, e); };
}

runtime::outbox::pacer mattermost_platform::pacer() {
  return [self = impl_](const storage::outbox_entry&) { return self->rate_wait(); };
}

}  // namespace csibot::platform::mattermost
