#include "e2e/digest_support.hpp"

#include <chrono>

#include "storage/database.hpp"

namespace csibot::e2e {

void add_missed_daily_digest(bot_home& home, const std::string& channel, const std::string& who,
                             storage::subscription_origin origin) {
  const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::system_clock::now().time_since_epoch());
  storage::database db{home / "csibot.db"};
  storage::digest_subscription sub;
  sub.origin = origin;
  sub.channel = channel;
  sub.schedule = "0 6 * * *";
  sub.period = "1d";
  sub.timezone = "UTC";
  sub.created_by = who;
  sub.created_at = core::from_millis(now.count() - 8 * 86'400'000LL);
  storage::subscription_repository repo{db};
  if (origin == storage::subscription_origin::config) {
    repo.sync_from_config({sub}, sub.created_at);
  } else {
    repo.add(sub);
  }
}

}  // namespace csibot::e2e
