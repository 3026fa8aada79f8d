// The outbox's sender for platform "slack" (PLATFORMS.md §1.4, §1.6, §1.7): one outbox row becomes
// one or more Web API calls, or response_url posts, and their outcome a runtime::send_result.
#include <spdlog/spdlog.h>

#include <boost/asio/steady_timer.hpp>
#include <optional>

#include "bot/net/tokens.hpp"
#include "bot/platform/slack/adapter_state.hpp"
#include "bot/platform/slack/blocks.hpp"

namespace csibot::platform::slack {
namespace asio = boost::asio;
using runtime::send_result;

namespace {

// The outbox owns retries: a 429 waits exactly Retry-After, a transient failure backs off, a refusal
// (channel_not_found, not_in_channel, invalid_auth …) is final. The reason carries Slack's error code.
send_result to_send_result(std::string_view method, const api_result& r) {
  switch (r.outcome) {
    case api_result::kind::ok:
      return send_result::sent();
    case api_result::kind::rate_limited:
      return send_result::retry_after(r.retry_after, send_result::scope::key, describe(method, r));
    case api_result::kind::retryable:
      return send_result::retry(describe(method, r));
    case api_result::kind::fatal:
      break;
  }
  return send_result::failed(describe(method, r));
}

// A response_url answers the person who typed the command or clicked, in the channel where they did,
// even one the bot has not joined (PLATFORMS.md §1.4): the right road for a command's private reply.
// `url` and `body` belong to the outbox entry, which outlives the send (runtime::outbox::sender).
// The first `done` parts went out in earlier attempts: sending them again would show them twice and
// spend the URL's 5 uses on them.
asio::awaitable<send_result> respond(std::shared_ptr<slack_platform::impl> self, const std::string& url,
                                     const core::message& body, response_kind kind, std::size_t done) {
  auto parts = render_response(body, kind);  // a named local: no temporaries kept across co_await
  for (auto i = done; i < parts.size(); ++i) {
    auto r = co_await self->api.respond_raw(url, std::move(parts[i]));
    if (!r.ok()) co_return to_send_result("response_url", r).with_parts(i);
  }
  co_return send_result::sent();
}

// Slack allows about one chat.postMessage per second per channel with short bursts (PLATFORMS.md
// §1.7); waiting here holds up only this channel's lane of the outbox.
asio::awaitable<void> pace(std::shared_ptr<slack_platform::impl> self, std::string channel) {
  const auto now = channel_pacer::clock::now();
  const auto at = self->pacer.reserve(channel, now);
  if (at <= now) co_return;
  asio::steady_timer timer{self->io};
  timer.expires_at(at);
  co_await timer.async_wait(net::nothrow);
}

std::string ts_of(const api_result& r) {
  if (!r.body.is_object()) return {};
  for (const char* key : {"ts", "message_ts"}) {
    if (const auto it = r.body.find(key); it != r.body.end() && it->is_string())
      return it->get<std::string>();
  }
  return {};
}

// A 429 blocks its method for the whole workspace (PLATFORMS.md §1.7). For chat.postMessage that is
// every channel: the pacer holds them all, so that other lanes stop hitting the limited method and
// wait without a send slot. Not the whole platform (send_result::scope::platform): response_url
// replies, chat.update and chat.postEphemeral are other methods and stay free, so people's answers
// to commands and clicks are not held up behind a throttled digest. Other methods' 429s hold the
// channel only (their lanes are rare and retry on their own Retry-After).
void hold(slack_platform::impl& self, std::string_view method, const std::string& channel,
          std::chrono::milliseconds retry_after) {
  const auto until = channel_pacer::clock::now() + retry_after;
  if (method == "chat.postMessage")
    self.pacer.hold_all(until);
  else
    self.pacer.hold(channel, until);
}

// What call_all came to. `error` is Slack's code of the call that failed ("" when none did): the
// result's reason is written for people, the code is what the caller decides by.
struct attempt {
  send_result result;
  std::string error;
};

// The Web API calls of render_outbound, in order, from the first that earlier attempts did not make
// (`done`: one call per part, as render_response has one body per part); the first message's ts is
// the row's platform id (what a later chat.update needs). `dm_channel`, when not empty, is where a
// direct message goes.
asio::awaitable<attempt> call_all(std::shared_ptr<slack_platform::impl> self, const core::outbound& out,
                                  std::string dm_channel, std::size_t done) {
  std::string first_ts;
  auto calls = render_outbound(out, dm_channel);
  for (auto i = done; i < calls.size(); ++i) {
    auto& call = calls[i];
    if (call.method == "chat.postMessage") {
      // A send that started before a 429 held the method gives its slot back rather than wait out
      // the hold in flight (which would also hold up a shutdown for as long as Retry-After).
      const auto now = channel_pacer::clock::now();
      if (const auto held = self->pacer.held_until(); held > now) {
        const auto wait = std::chrono::ceil<std::chrono::milliseconds>(held - now);
        co_return attempt{
            send_result::retry_after(wait, send_result::scope::key, "chat.postMessage: rate limited")
                .with_parts(i),
            {}};
      }
      co_await pace(self, call.channel);
    }
    auto r = co_await self->api.call_raw(call.method, std::move(call.body));
    if (r.outcome == api_result::kind::rate_limited) hold(*self, call.method, call.channel, r.retry_after);
    if (!r.ok()) co_return attempt{to_send_result(call.method, r).with_parts(i), std::move(r.error)};
    if (first_ts.empty()) first_ts = ts_of(r);
  }
  co_return attempt{send_result::sent(std::move(first_ts)), {}};
}

// A command's post for the whole channel (/csi digest --here, /csi subscribe) goes by chat.postMessage
// like any channel post. Where Slack refuses csibot itself (bars_bot_from_channel), the command's
// response_url still reaches that channel for everyone (PLATFORMS.md §1.4): the person who asked sees
// the post instead of nothing. Parts resume after those either road delivered. When the response_url
// fails too (used up, expired), the reason names both refusals.
asio::awaitable<send_result> post_for_command(std::shared_ptr<slack_platform::impl> self,
                                              const storage::outbox_entry& e) {
  auto a = co_await call_all(self, e.message, {}, e.parts_sent);
  if (a.result.what != send_result::status::failed || !bars_bot_from_channel(a.error))
    co_return std::move(a.result);
  spdlog::info("slack: chat.postMessage refused in {} ({}); posting there through the command's response_url",
               e.message.channel, a.error);
  auto r = co_await respond(self, e.reply_to, e.message.body, response_kind::in_channel, a.result.parts_sent);
  if (r.what == send_result::status::failed) r.reason = a.result.reason + ", then " + r.reason;
  co_return r;
}

// Reads `e` in place, never copies it: the outbox keeps it alive until the send completes. A message
// of several parts resumes after the e.parts_sent that earlier attempts delivered, on whichever road.
asio::awaitable<send_result> deliver(std::shared_ptr<slack_platform::impl> self,
                                     const storage::outbox_entry& e) {
  const auto& out = e.message;
  const auto done = e.parts_sent;
  if (out.kind == core::delivery::ephemeral && !e.reply_to.empty()) {
    auto r = co_await respond(self, e.reply_to, out.body, response_kind::ephemeral, done);
    if (r.what != send_result::status::failed || out.user.empty()) co_return r;
    // Used up (5 uses) or expired (30 minutes), as after an outage: the reply still deserves to
    // arrive, and the app's DM is the other place only this person sees (chat.postEphemeral would
    // need csibot in a channel it may never have joined).
    spdlog::info("slack: response_url refused ({}); sending the reply to the person's DM", r.reason);
    auto dm = co_await self->api.open_dm(out.user);
    if (!dm.ok()) co_return to_send_result("conversations.open", dm).with_parts(r.parts_sent);
    core::outbound direct = out;
    direct.kind = core::delivery::direct;
    co_return (co_await call_all(self, direct, std::move(dm.channel), r.parts_sent)).result;
  }

  if (out.kind == core::delivery::update) {
    if (out.replaces.empty() || out.channel.empty()) {
      // Nothing to chat.update: the click's response_url can still replace the message it came from.
      // Without one, render_outbound posts it to the channel (an update with nothing to replace).
      if (!e.reply_to.empty())
        co_return co_await respond(self, e.reply_to, out.body, response_kind::replace_original, done);
    } else {
      auto r = (co_await call_all(self, out, {}, done)).result;
      // An ephemeral message cannot be chat.update'd (PLATFORMS.md §1.6); its click's response_url can.
      if (r.what == send_result::status::failed && !e.reply_to.empty())
        co_return co_await respond(self, e.reply_to, out.body, response_kind::replace_original, r.parts_sent);
      co_return r;
    }
  }

  // The conversation lives in the app's DM (SPEC §12); conversations.open is cached per user.
  if (out.kind == core::delivery::direct && out.channel.empty() && !out.user.empty()) {
    auto dm = co_await self->api.open_dm(out.user);
    if (!dm.ok()) co_return to_send_result("conversations.open", dm);
    co_return (co_await call_all(self, out, std::move(dm.channel), done)).result;
  }
  if (out.kind == core::delivery::channel && !e.reply_to.empty())
    co_return co_await post_for_command(self, e);
  co_return (co_await call_all(self, out, {}, done)).result;
}

// The channel whose chat.postMessage pace `e` must wait for ("" for a first DM, whose channel is not
// known yet: it still waits for a hold of the whole method); nullopt when deliver() will not call
// chat.postMessage (response_url replies, chat.update, chat.postEphemeral).
std::optional<std::string> paced_channel(const slack_platform::impl& self, const storage::outbox_entry& e) {
  const auto& m = e.message;
  switch (m.kind) {
    case core::delivery::direct:
      return m.channel.empty() ? self.api.cached_dm(m.user) : m.channel;
    case core::delivery::channel:
      return m.channel;
    case core::delivery::update:
      if (m.replaces.empty() && e.reply_to.empty()) return m.channel;
      break;
    case core::delivery::ephemeral:
      break;
  }
  return std::nullopt;
}

}  // namespace

runtime::outbox::sender slack_platform::sender() {
  return [self = impl_](const storage::outbox_entry& e) { return deliver(self, e); };
}

runtime::outbox::pacer slack_platform::pacer() {
  return [self = impl_](const storage::outbox_entry& e) {
    const auto channel = paced_channel(*self, e);
    if (!channel) return std::chrono::milliseconds::zero();
    const auto now = channel_pacer::clock::now();
    const auto wait = self->pacer.next_allowed(*channel, now) - now;
    return std::chrono::ceil<std::chrono::milliseconds>(wait);
  };
}

}  // namespace csibot::platform::slack
