#pragma once
/// Digest subscriptions (SPEC §7) and the ledger of digests posted. A subscription comes from config
/// `[[digest]]` (kept in step with the file at every start) or from `/csi subscribe` in a channel.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"

namespace csibot::storage {

class database;

enum class subscription_origin { config, command };

struct digest_subscription {
  std::int64_t id = 0;
  subscription_origin origin = subscription_origin::command;
  std::string channel;                     ///< "platform:channel"
  std::vector<std::string> services{"*"};  ///< service ids, or {"*"} for the whole catalog
  std::string schedule = "0 9 * * MON";    ///< 5-field cron (core/cron.hpp), wall clock in `timezone`
  std::string period = "7d";               ///< rolling length, ending at the scheduled time
  std::string timezone = "UTC";            ///< IANA name
  std::string created_by;                  ///< "platform:user", or "config"
  core::timestamp created_at{};            ///< no slot at or before this is ever due (no back-fill)
  bool active = true;

  /// What identifies a config entry across restarts: the same channel, services, schedule, period
  /// and zone are the same subscription (its ledger carries over); any edit makes a new one.
  std::string config_key() const;
};

class subscription_repository {
 public:
  explicit subscription_repository(database& db) : db_(db) {}

  /// Makes the config-origin subscriptions exactly `wanted`: new entries are added with
  /// created_at = now, entries still present keep their id and ledger, entries gone from the file
  /// are deactivated (kept, so that their history stays readable). Returns how many were added.
  std::size_t sync_from_config(const std::vector<digest_subscription>& wanted, core::timestamp now);

  /// Adds a `/csi subscribe` subscription and returns its id.
  std::int64_t add(const digest_subscription& s);

  /// Deactivates the command-origin subscriptions of `channel`; with `services` non-empty only those
  /// whose service list equals it (order ignored). Returns how many were deactivated.
  std::size_t deactivate(std::string_view channel, const std::vector<std::string>& services);

  /// Active subscriptions, ordered by id.
  std::vector<digest_subscription> active() const;
  /// Active subscriptions posting into `channel`, ordered by id.
  std::vector<digest_subscription> in_channel(std::string_view channel) const;
  std::optional<digest_subscription> find(std::int64_t id) const;

  /// The newest slot recorded for subscription `id`, if any.
  std::optional<core::timestamp> last_slot(std::int64_t id) const;
  /// Records that the digest of (`id`, `slot`) was handed to delivery. True when this call recorded
  /// it, false when it was recorded before (then it must not be posted again).
  bool record_run(std::int64_t id, core::timestamp slot, core::timestamp now);

 private:
  database& db_;
};

}  // namespace csibot::storage
