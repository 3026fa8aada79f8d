// The table of Slack DM channels (dm_channels.hpp). Plain SQL through storage's RAII layer; the
// statements take values only through bind().
#include "bot/platform/slack/dm_channels.hpp"

#include <spdlog/spdlog.h>

#include <exception>
#include <string_view>

#include "storage/database.hpp"
#include "storage/sqlite.hpp"

namespace csibot::platform::slack {
namespace {

// WITHOUT ROWID: two short ids per person, looked up by the person only.
constexpr std::string_view create_table = R"sql(
CREATE TABLE IF NOT EXISTS slack_dm_channels (
  user_id    TEXT PRIMARY KEY,
  channel_id TEXT NOT NULL
) WITHOUT ROWID;
)sql";

constexpr std::string_view upsert = R"sql(
INSERT INTO slack_dm_channels (user_id, channel_id) VALUES (?1, ?2)
ON CONFLICT (user_id) DO UPDATE SET channel_id = excluded.channel_id
)sql";

}  // namespace

std::vector<std::pair<std::string, std::string>> load_dm_channels(storage::database& db) {
  db.conn().exec(create_table);
  std::vector<std::pair<std::string, std::string>> out;
  auto st = db.conn().prepare("SELECT user_id, channel_id FROM slack_dm_channels");
  while (st.step())
    out.emplace_back(st.column_text(0), st.column_text(1));
  return out;
}

void save_dm_channel(storage::database& db, const std::string& user, const std::string& channel) noexcept {
  try {
    storage::transaction tx{db, storage::durability::deferred};
    db.conn().cached(upsert)->bind(1, user).bind(2, channel).run();
    tx.commit();
  } catch (const std::exception& e) {
    spdlog::error("slack: cannot store the DM channel of a person (known until the next start): {}",
                  e.what());
  }
}

}  // namespace csibot::platform::slack
