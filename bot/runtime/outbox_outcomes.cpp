// Sends and their outcomes: each attempt is judged when it ends, the verdicts are recorded in one
// transaction, and only then does a lane move on. Everything runs on the io thread.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/post.hpp>

#include "bot/runtime/outbox_impl.hpp"
#include "storage/database.hpp"

namespace csibot::runtime {
namespace asio = boost::asio;

// `s` and `e` by reference, not copied per send (a message's body and reply URL are a dozen
// allocations): the senders are fixed once start() ran, and `e` is its lane's head, which stays in
// place (a deque keeps references on push_back; an unordered_map keeps its nodes) until settle()
// pops it, after this coroutine recorded the outcome. A lane is never erased while busy.
asio::awaitable<void> outbox::impl::send_one(std::shared_ptr<impl> self, const sender& s, std::string key,
                                             const storage::outbox_entry& e) {
  send_result r;
  try {
    r = co_await s(e);
  } catch (const std::exception& ex) {
    r = send_result::retry(ex.what());
  } catch (...) {
    r = send_result::retry("unknown exception");
  }
  self->on_result(std::move(key), e, r);
}

void outbox::impl::on_result(std::string key, const storage::outbox_entry& e, const send_result& r) {
  --in_flight;
  verdicts.push_back(judge(std::move(key), e, r));
  if (!flush_posted) {
    flush_posted = true;
    asio::post(io, [self = shared_from_this()] { self->flush(); });
  }
  pump();
}

detail::verdict outbox::impl::judge(std::string key, const storage::outbox_entry& e, const send_result& r) {
  using status = send_result::status;
  verdict v{verdict::action::sent, e.id, std::move(key), {}, r.reason};
  v.parts_sent = std::max(e.parts_sent, r.parts_sent);  // a sender that threw reports none
  if (r.what == status::sent) return v;
  v.act = verdict::action::fail;
  if (r.what == status::failed) return v;
  if (r.what == status::retry_after) return rate_limited(std::move(v), e, r);
  if (e.attempts + 1 >= opts.max_attempts) {
    v.error = "gave up after " + std::to_string(e.attempts + 1) + " attempts: " + r.reason;
    return v;
  }
  v.act = verdict::action::reschedule;
  lane& l = lanes.at(v.key);  // there: it is busy with this entry
  if (!l.backoff) l.backoff.emplace(opts.backoff_base, opts.backoff_cap, opts.random);
  v.next_at = now() + l.backoff->next();
  return v;
}

// A 429 is the platform saying "later", not a failure: it uses up none of max_attempts, or a burst
// that Slack throttles ten times would lose its message for good. Time bounds it instead, counted
// from the row's first 429, so that a platform answering 429 for ever cannot keep a row (and the
// messages queued behind it in its lane) alive for ever.
detail::verdict outbox::impl::rate_limited(verdict v, const storage::outbox_entry& e, const send_result& r) {
  const auto t = now();
  v.limited_since = e.rate_limited_since.value_or(t);
  if (t - v.limited_since >= opts.rate_limit_patience) {
    const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(t - v.limited_since).count();
    v.error = "still rate limited " + std::to_string(minutes) + " min after the first 429: " + r.reason;
    return v;  // fail
  }
  v.act = verdict::action::postpone;
  v.next_at = t + r.delay;
  if (r.pause == send_result::scope::platform) {
    auto& until = platform_pause[e.message.platform];
    until = std::max(until, v.next_at);
  }
  return v;
}

// Records every outcome since the last flush in one transaction; only then may a lane send its next
// message, so that a restart never repeats a recorded send. Deferred durability: no fsync of its
// own (the next dispatch commit flushes it). Losing it to a power cut only sends those messages
// again, while an fsync per flush would cost the io thread 6-7 ms each time.
void outbox::impl::flush() {
  flush_posted = false;
  if (verdicts.empty()) return;
  std::size_t follow_ups = 0;
  try {
    storage::transaction tx{db, storage::durability::deferred};
    storage::outbox_repository box{db};
    for (const auto& v : verdicts) {
      if (v.act == verdict::action::sent) box.mark_sent(v.id);
      if (v.act == verdict::action::reschedule) box.reschedule(v.id, v.next_at, v.error, v.parts_sent);
      if (v.act == verdict::action::postpone)
        box.postpone(v.id, v.next_at, v.limited_since, v.error, v.parts_sent);
      if (v.act == verdict::action::fail && box.mark_failed(v.id, v.error))
        follow_ups += write_follow_ups(box, lanes.at(v.key).queue.front(), v.error);
    }
    tx.commit();
  } catch (const std::exception& e) {
    return flush_failed(e.what());
  }
  if (flush_failing) spdlog::info("outbox: send outcomes are recorded again");
  flush_failing = false;
  auto done = std::move(verdicts);
  verdicts.clear();
  for (auto& v : done)
    settle(v);
  pump();
  // Room was made, or follow-ups were written: the main read or the read-ahead may take more.
  if (more || follow_ups > 0) post_load();
}

// What opts.on_failed asks to send about a row that failed for good, written beside its mark. A
// follow-up that cannot be made is logged and left out; it never keeps the failure unrecorded.
std::size_t outbox::impl::write_follow_ups(storage::outbox_repository& box, const storage::outbox_entry& e,
                                           std::string_view error) {
  if (!opts.on_failed) return 0;
  try {
    const auto out = opts.on_failed(e, error);
    for (const auto& m : out)
      box.enqueue(m, "", now());
    return out.size();
  } catch (const std::exception& ex) {
    spdlog::error("outbox: message {} failed for good and no one could be told: {}", e.id, ex.what());
    return 0;
  }
}

void outbox::impl::flush_failed(const char* why) {
  if (stopping) {
    spdlog::error(
        "outbox: {} send outcome(s) not recorded at shutdown ({}); those messages will be sent "
        "again after a restart",
        verdicts.size(), why);
    verdicts.clear();
    return;
  }
  if (!flush_failing) spdlog::error("outbox: recording send outcomes failed, retrying: {}", why);
  flush_failing = true;
  flush_timer.expires_after(std::chrono::seconds{1});
  flush_timer.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
    // Cancelled by stop(): one last try, so that what was sent is not sent again after a restart.
    if (!ec || self->stopping) self->flush();
  });
}

void outbox::impl::settle(const verdict& v) {
  lane& l = lanes.at(v.key);
  auto& head = l.queue.front();
  l.busy = false;
  if (v.act == verdict::action::reschedule || v.act == verdict::action::postpone) {
    ++retried;
    if (v.act == verdict::action::reschedule) ++head.attempts;
    if (v.act == verdict::action::postpone && !head.rate_limited_since)
      head.rate_limited_since = v.limited_since;
    head.next_attempt_at = v.next_at;
    head.last_error = v.error;
    head.parts_sent = v.parts_sent;
    spdlog::debug("outbox: message {} to {} will be retried: {}", v.id, head.message.platform, v.error);
  } else {
    if (v.act == verdict::action::sent) {
      ++sent;
      if (l.backoff) l.backoff->reset();
    } else {
      ++failed;
      // Ids and reason only: the body is what a person wrote and stays out of the log.
      spdlog::warn("outbox: message {} ({} to {}) failed for good after {} attempt(s): {}", v.id,
                   head.message.platform,
                   head.message.channel.empty() ? head.message.user : head.message.channel, head.attempts + 1,
                   v.error);
    }
    l.queue.pop_front();
    --loaded;
    if (l.queue.empty()) take_passed_over(v.key, l);
  }
  schedule(v.key);
}

}  // namespace csibot::runtime
