#include "bot/runtime/metrics.hpp"

#include <fmt/format.h>

namespace csibot::runtime {
namespace {

// record_webhook() indexes its counters by the outcome's value: the list must be in that order.
static_assert([] {
  for (std::size_t i = 0; i < all_hook_outcomes.size(); ++i) {
    if (static_cast<std::size_t>(all_hook_outcomes[i]) != i) return false;
  }
  return true;
}());

void family(std::string& out, std::string_view name, std::string_view type, std::string_view help) {
  out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
}

}  // namespace

void metrics::record(std::string_view platform, commands::outcome result,
                     std::chrono::duration<double> latency) {
  auto it = events_.find(platform);
  if (it == events_.end()) it = events_.emplace(std::string{platform}, per_platform{}).first;
  auto& p = it->second;
  ++p.received;
  switch (result) {
    case commands::outcome::handled:
      ++p.handled;
      break;
    case commands::outcome::duplicate:
      ++p.duplicate;
      break;
    case commands::outcome::failed:
      ++p.failed;
      break;
  }
  const double seconds = latency.count();
  for (std::size_t i = 0; i < latency_buckets.size(); ++i) {
    if (seconds <= latency_buckets[i]) ++bucket_counts_[i];
  }
  ++latency_count_;
  latency_sum_ += seconds;
}

void metrics::record_webhook(std::string_view hook, hook_outcome outcome) {
  for (std::size_t h = 0; h < ticket_hook_names.size(); ++h) {
    if (ticket_hook_names[h] == hook) ++webhooks_[h][static_cast<std::size_t>(outcome)];
  }
}

event_totals metrics::totals() const {
  event_totals t;
  for (const auto& [platform, p] : events_) {
    t.received += p.received;
    t.handled += p.handled;
    t.duplicate += p.duplicate;
    t.failed += p.failed;
  }
  return t;
}

std::string metrics::render(const gauges& g) const {
  std::string out;
  family(out, "csibot_events_total", "counter", "Platform events by outcome (received = all of them).");
  for (const auto& [platform, p] : events_) {
    for (const auto& [what, n] : {std::pair{"received", p.received}, std::pair{"handled", p.handled},
                                  std::pair{"duplicate", p.duplicate}, std::pair{"failed", p.failed}}) {
      out += fmt::format("csibot_events_total{{platform=\"{}\",outcome=\"{}\"}} {}\n", platform, what, n);
    }
  }
  family(out, "csibot_reply_latency_seconds", "histogram",
         "Time from receiving an event to having its replies.");
  for (std::size_t i = 0; i < latency_buckets.size(); ++i) {
    out += fmt::format("csibot_reply_latency_seconds_bucket{{le=\"{}\"}} {}\n", latency_buckets[i],
                       bucket_counts_[i]);
  }
  out += fmt::format("csibot_reply_latency_seconds_bucket{{le=\"+Inf\"}} {}\n", latency_count_);
  out += fmt::format("csibot_reply_latency_seconds_sum {}\ncsibot_reply_latency_seconds_count {}\n",
                     latency_sum_, latency_count_);
  // A counter although it is read from the database: feedback rows are never deleted (retention and
  // forget-me erase their text only), so it only grows and rate() over it is feedback per second.
  // It was typed gauge before; name and value are unchanged, so no query or dashboard breaks.
  family(out, "csibot_feedback_total", "counter",
         "Feedback rows stored (complete and partial); rows are never deleted.");
  out += fmt::format("csibot_feedback_total {}\n", g.feedback_total);
  family(out, "csibot_webhook_requests_total", "counter",
         "Ticket webhook calls by hook and outcome (docs/webhooks.md).");
  for (std::size_t h = 0; h < ticket_hook_names.size(); ++h) {
    for (const auto o : all_hook_outcomes) {
      out += fmt::format("csibot_webhook_requests_total{{hook=\"{}\",outcome=\"{}\"}} {}\n",
                         ticket_hook_names[h], to_string(o), webhooks_[h][static_cast<std::size_t>(o)]);
    }
  }
  family(out, "csibot_conversations_open", "gauge", "Feedback conversations waiting for an answer.");
  out += fmt::format("csibot_conversations_open {}\n", g.conversations_open);
  family(out, "csibot_platform_connected", "gauge", "Connected clients or connections per platform.");
  for (const auto& [platform, n] : g.platform_connected) {
    out += fmt::format("csibot_platform_connected{{platform=\"{}\"}} {}\n", platform, n);
  }
  family(out, "csibot_http_requests_total", "counter", "HTTP requests answered.");
  out += fmt::format("csibot_http_requests_total {}\n", g.http_requests_total);
  family(out, "csibot_connections_active", "gauge", "Open TCP connections (HTTP and WebSocket).");
  out += fmt::format("csibot_connections_active {}\n", g.connections_active);
  family(out, "csibot_websocket_sessions_active", "gauge", "Open WebSocket sessions.");
  out += fmt::format("csibot_websocket_sessions_active {}\n", g.ws_sessions_active);
  family(out, "csibot_uptime_seconds", "gauge", "Seconds since start.");
  out += fmt::format("csibot_uptime_seconds {:.0f}\n", g.uptime_seconds);
  return out;
}

}  // namespace csibot::runtime
