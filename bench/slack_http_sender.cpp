#include "bench/slack_http_sender.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "bot/net/http_client.hpp"
#include "bot/platform/slack/signature.hpp"

namespace csibot::bench {
namespace asio = boost::asio;

/// A worker waiting for a job sleeps on its timer; wake_one() cancels it.
struct slack_http_sender::worker_state {
  explicit worker_state(asio::io_context& io) : timer(io) {}
  asio::steady_timer timer;
};

namespace {

std::string timestamp_now() {
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  return std::to_string(now.time_since_epoch().count());
}

}  // namespace

slack_http_sender::slack_http_sender(std::uint16_t port, std::string signing_secret, std::size_t connections,
                                     std::size_t commands)
    : url_("http://127.0.0.1:" + std::to_string(port) + "/slack/commands"),
      secret_(std::move(signing_secret)),
      outcomes_(commands) {
  net::client_options o;
  // Every worker keeps its connection between requests, as a busy Slack would.
  o.max_idle_per_host = std::max<std::size_t>(connections, 1);
  client_ = std::make_unique<net::http_client>(io_, o);
  for (std::size_t i = 0; i < std::max<std::size_t>(connections, 1); ++i) {
    auto state = std::make_shared<worker_state>(io_);
    asio::co_spawn(
        io_,
        [this, state]() -> asio::awaitable<void> {
          for (;;) {
            while (queue_.empty()) {
              idle_.push_back(state);
              state->timer.expires_at(steady::time_point::max());
              boost::system::error_code ignored;
              co_await state->timer.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
            }
            job j = std::move(queue_.front());
            queue_.pop_front();
            const auto ts = timestamp_now();
            net::header_map h;
            h.set("Content-Type", "application/x-www-form-urlencoded");
            h.set("X-Slack-Request-Timestamp", ts);
            h.set("X-Slack-Signature", platform::slack::sign(secret_, ts, j.body));
            const auto written = steady::now();
            const auto r = co_await client_->request("POST", url_, std::move(h), std::move(j.body));
            const auto answered = steady::now();
            if (r.ok() && r.status == 200) {
              outcomes_[j.index] = outcome{written, answered};
              answered_.fetch_add(1, std::memory_order_relaxed);
            } else {
              if (failures_++ == 0)
                first_failure_ = r.ok() ? std::to_string(r.status) + " " + r.body : r.message;
            }
          }
        },
        asio::detached);
  }
  thread_ = std::thread{[this] {
    const auto guard = asio::make_work_guard(io_);
    io_.run();
  }};
}

slack_http_sender::~slack_http_sender() {
  stop();
}

void slack_http_sender::send(std::size_t index, std::string form_body) {
  asio::post(io_, [this, index, body = std::move(form_body)]() mutable {
    queue_.push_back(job{index, std::move(body)});
    wake_one();
  });
}

void slack_http_sender::wake_one() {
  if (idle_.empty()) return;  // every worker is busy; the next to finish takes the job
  const auto state = std::move(idle_.back());
  idle_.pop_back();
  state->timer.cancel();
}

std::size_t slack_http_sender::answered() const {
  return answered_.load(std::memory_order_relaxed);
}

void slack_http_sender::stop() {
  if (!thread_.joinable()) return;
  io_.stop();
  thread_.join();
}

}  // namespace csibot::bench
