#include "bot/runtime/retention_pass.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <optional>

#include "storage/retention.hpp"

namespace csibot::runtime {

namespace asio = boost::asio;

namespace {

// Rows of each kind per transaction: a few milliseconds of work, so a dispatch batch waits at most
// that long behind one.
constexpr std::size_t batch_rows = 1000;

}  // namespace

asio::awaitable<void> apply_retention(storage::database& db, int retention_days, core::timestamp now) {
  std::optional<std::chrono::days> keep;
  if (retention_days > 0) keep = std::chrono::days{retention_days};
  storage::retention_result total;
  for (;;) {
    const auto r = storage::retention{db}.run(now, keep, batch_rows);
    total.comments_erased += r.comments_erased;
    total.chat_messages_deleted += r.chat_messages_deleted;
    total.sent_messages_deleted += r.sent_messages_deleted;
    total.failed_messages_deleted += r.failed_messages_deleted;
    if (!r.more) break;
    const auto executor = co_await asio::this_coro::executor;
    co_await asio::post(executor, asio::use_awaitable);
  }
  if (total.comments_erased > 0 || total.chat_messages_deleted > 0) {
    spdlog::info(
        "retention ({} days): erased the comments of {} feedback row(s), deleted {} web chat message(s)",
        retention_days, total.comments_erased, total.chat_messages_deleted);
  }
  if (total.sent_messages_deleted > 0 || total.failed_messages_deleted > 0) {
    spdlog::debug("retention: deleted {} sent and {} failed outbox message(s)", total.sent_messages_deleted,
                  total.failed_messages_deleted);
  }
}

}  // namespace csibot::runtime
