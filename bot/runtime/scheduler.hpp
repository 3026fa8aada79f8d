#pragma once
/// The digest scheduler (SPEC §7): fires due digest subscriptions. Each (subscription, slot) is
/// posted at most once, even across restarts, because the ledger row (storage digest_runs) is written
/// in the same transaction that hands the digest to delivery. After downtime only the newest missed
/// slot is posted, once ("a digest missed while the bot was down is sent once on start").
///
/// No Asio here: tick() is called by the runtime's timer with the time, so tests drive it with an
/// injected clock on a real database.
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "commands/verdict_notice.hpp"
#include "config/settings.hpp"
#include "core/events.hpp"
#include "core/service.hpp"
#include "core/time.hpp"
#include "storage/subscription_repository.hpp"

namespace csibot::storage {
class database;
}

namespace csibot::runtime {

/// The digests the config asks for (config::digest_plan: `[[digest]]` entries and services'
/// `digest_channel`) as stored subscriptions (zone defaulting to bot.timezone).
std::vector<storage::digest_subscription> config_subscriptions(const config::settings& s);

/// The outbox source of subscription `id`'s digests ("subscription:12"), and back; nullopt for any
/// other source.
std::string subscription_source(std::int64_t id);
std::optional<std::int64_t> subscription_of_source(std::string_view source);

/// The newest slot of `schedule` in (`after`, `now`], or nullopt when none. Looks back at most
/// `horizon` before `now`, so a frequent schedule after a long outage costs a bounded walk.
std::optional<core::timestamp> latest_slot(const storage::digest_subscription& sub, core::timestamp after,
                                           core::timestamp now);

class digest_scheduler {
 public:
  /// Called inside the transaction that records the slot (e.g. to write the outbox), with what wrote
  /// the messages: "subscription:<id>" (storage::outbox_entry::source).
  using stage_fn = std::function<void(const std::vector<core::outbound>&, std::string_view source)>;
  /// Called after that transaction committed (e.g. to show it in the local chat).
  using publish_fn = std::function<void(const std::vector<core::outbound>&)>;
  /// Whether a platform is running here; digests for other platforms wait (nothing is recorded).
  using platform_fn = std::function<bool(std::string_view platform)>;
  /// The catalog as it is now (it can change at run time).
  using catalog_fn = std::function<const std::vector<core::service>&()>;

  struct hooks {
    catalog_fn catalog;
    platform_fn platform_enabled;
    stage_fn stage;
    publish_fn publish;
    /// An owner's language where it is known, for a verdict the digest's verification pass reaches.
    commands::owner_language owner_language = {};
  };

  /// Borrows `db` and `settings`; both must outlive the scheduler.
  digest_scheduler(storage::database& db, const config::settings& settings, hooks h);

  /// Writes the config's subscriptions into the database (new ones start at `now`: no back-fill).
  void sync_config(core::timestamp now);

  struct tick_result {
    std::size_t posted = 0;
    std::optional<core::timestamp> next;  ///< the earliest future slot of any active subscription
  };
  /// Posts every digest due at `now`. Never throws: a subscription that fails is logged and tried
  /// again at the next tick; the others go on.
  tick_result tick(core::timestamp now);

  /// How far back a missed slot is still posted; older outages post the newest slot in this window.
  static constexpr std::chrono::days horizon{400};

 private:
  bool post(const storage::digest_subscription& sub, core::timestamp slot, core::timestamp now);

  storage::database& db_;
  const config::settings& settings_;
  hooks hooks_;
};

}  // namespace csibot::runtime
