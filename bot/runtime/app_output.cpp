// Where the output of `csibot run` goes once it is committed: the web chat shows its own, the outbox
// sends what is for Slack or Mattermost, and each carries what the other cannot.
#include <spdlog/spdlog.h>

#include "bot/runtime/app_impl.hpp"
#include "storage/outbox_repository.hpp"

namespace csibot::runtime::detail {
namespace asio = boost::asio;

// Where bot output goes once it is committed.
void app::publish(const std::vector<core::outbound>& out) {
  if (local_) local_->deliver(out);
  if (outbox_) outbox_->notify();
}

// Called by the digest scheduler and the prompt loop inside the transaction that records a digest
// slot or a sent prompt: chat-server messages go into the outbox there, so a slot is never recorded
// without its message, nor posted twice.
void app::stage(const std::vector<core::outbound>& out) {
  if (!outbox_) return;
  storage::outbox_repository box{db_};
  const auto now = system_now();
  for (const auto& o : out)
    if (remote(o.platform) != nullptr) box.enqueue(o, "", now);
}

// What a command typed in the web chat sends to people on Slack or Mattermost: written into the
// outbox, which sends it as it sends every reply. A platform not running here cannot carry it.
void app::forward(const std::vector<core::outbound>& out) {
  std::vector<core::outbound> sendable;
  for (const auto& o : out) {
    if (remote(o.platform) != nullptr) {
      sendable.push_back(o);
    } else {
      spdlog::warn("local: a message for a {} user was not sent: {} is not configured here", o.platform,
                   o.platform);
    }
  }
  if (sendable.empty()) return;
  try {
    storage::transaction tx{db_};
    stage(sendable);
    tx.commit();
  } catch (const std::exception& e) {
    spdlog::error("local: could not queue {} message(s) for other platforms: {}", sendable.size(), e.what());
    return;
  }
  outbox_->notify();
}

// The outbox's sender for the web chat: rows for local people written by a Slack or Mattermost
// event's batch. Showing them is storing them in the chat's history, so they never need a retry.
asio::awaitable<runtime::send_result> app::deliver_locally(const storage::outbox_entry& e) {
  local_->deliver({e.message});
  co_return runtime::send_result::sent();
}

}  // namespace csibot::runtime::detail
