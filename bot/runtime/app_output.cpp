// Where the output of `csibot run` goes once it is committed: the web chat shows its own, the outbox
// sends what is for Slack or Mattermost, and each carries what the other cannot.
#include <spdlog/spdlog.h>

#include "bot/runtime/app_impl.hpp"
#include "bot/runtime/scheduler.hpp"
#include "commands/subscription_text.hpp"
#include "core/ref.hpp"
#include "storage/outbox_repository.hpp"
#include "storage/subscription_repository.hpp"

namespace csibot::runtime::detail {
namespace asio = boost::asio;

// Where bot output goes once it is committed.
void app::publish(const std::vector<core::outbound>& out) {
  if (local_) local_->deliver(out);
  if (outbox_) outbox_->notify();
}

// Called by the digest scheduler and the prompt loop inside the transaction that records a digest
// slot or a sent prompt: chat-server messages go into the outbox there, so a slot is never recorded
// without its message, nor posted twice. `source` names what wrote them (outbox_entry::source).
void app::stage(const std::vector<core::outbound>& out, std::string_view source) {
  if (!outbox_) return;
  storage::outbox_repository box{db_};
  const auto now = system_now();
  for (const auto& o : out)
    if (remote(o.platform) != nullptr) box.enqueue(o, "", now, source);
}

// A scheduled digest that failed for good (the channel refuses csibot, or was archived) would fail
// where no one looks: the person who made its subscription with /csi subscribe is told in a direct
// message, in their language when it is known (their profile was read within a day; a read now
// would hold the outbox's transaction), otherwise in the bot's. A digest from the config file has no such
// person; /csi admin status shows it to admins.
std::vector<core::outbound> app::tell_subscriber(const storage::outbox_entry& e, std::string_view error) {
  const auto id = runtime::subscription_of_source(e.source);
  if (!id) return {};
  const auto sub = storage::subscription_repository{db_}.find(*id);
  if (!sub || sub->origin != storage::subscription_origin::command) return {};
  const auto person = core::parse_ref(sub->created_by);
  if (!person || person->platform != e.message.platform || remote(person->platform) == nullptr) return {};
  auto language = known_language(*person);
  if (language.empty()) language = settings_.bot.language;
  auto notice = commands::undelivered_digest_notice(language, dispatcher_.catalog(), *sub, error,
                                                    e.created_at, settings_.bot.command, system_now());
  spdlog::info("digests: subscription #{} could not be posted to {}; telling {}", sub->id, sub->channel,
               sub->created_by);
  return {core::outbound{core::delivery::direct, person->platform, {}, person->id, {}, std::move(notice)}};
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
