// The outbox's public face: the order key, construction, and the calls that start and stop it. The
// parts of impl are in outbox_lanes.cpp, outbox_reading.cpp and outbox_outcomes.cpp (outbox_impl.hpp).
#include "bot/runtime/outbox.hpp"

#include <algorithm>

#include "bot/runtime/outbox_impl.hpp"
#include "storage/database.hpp"

namespace csibot::runtime {
namespace asio = boost::asio;

std::string outbox::default_order_key(const storage::outbox_entry& e) {
  const auto& m = e.message;
  constexpr char sep = '\x1f';  // cannot occur in a platform's ids
  std::string key = m.platform + sep;
  if (m.kind == core::delivery::ephemeral) return key + m.channel + sep + m.user;
  if (m.kind == core::delivery::direct && m.channel.empty()) return key + sep + m.user;
  return key + m.channel;
}

outbox::impl::impl(asio::io_context& i, storage::database& d, clock c, outbox_options o)
    : io(i), db(d), now(std::move(c)), opts(std::move(o)), poll_timer(i), flush_timer(i) {
  if (!opts.order_key) opts.order_key = &outbox::default_order_key;
  opts.max_in_flight = std::max<std::size_t>(opts.max_in_flight, 1);
  opts.max_loaded = std::max<std::size_t>(opts.max_loaded, 1);
  opts.poll_interval = std::max(opts.poll_interval, std::chrono::milliseconds{10});
}

void outbox::impl::stop() {
  if (stopping) return;
  stopping = true;
  ready.clear();
  poll_timer.cancel();
  flush_timer.cancel();
  for (auto& [key, l] : lanes) {
    l.ready = false;
    if (l.timer) l.timer->cancel();
  }
}

outbox::outbox(asio::io_context& io, storage::database& db, clock now, outbox_options options)
    : impl_(std::make_shared<impl>(io, db, std::move(now), std::move(options))) {}

outbox::~outbox() {
  impl_->stop();
}

void outbox::add_sender(std::string platform, sender s, pacer p) {
  impl_->pacers.insert_or_assign(platform, std::move(p));
  impl_->senders.insert_or_assign(std::move(platform), std::move(s));
}

void outbox::start() {
  impl_->post_load();
  impl_->poll();
}

void outbox::notify() {
  impl_->post_load();
}

void outbox::accept(std::vector<storage::outbox_entry> rows) {
  impl_->accept(std::move(rows));
}

void outbox::stop() {
  impl_->stop();
}

bool outbox::idle() const {
  return impl_->stopping && impl_->in_flight == 0 && impl_->verdicts.empty();
}

outbox_stats outbox::stats() const {
  outbox_stats s;
  s.pending = storage::outbox_repository{impl_->db}.pending_count();
  s.sent = impl_->sent;
  s.failed = impl_->failed;
  s.retried = impl_->retried;
  s.in_flight = impl_->in_flight;
  return s;
}

}  // namespace csibot::runtime
