// The channel book's table (channel_book.hpp). Plain SQL through storage's RAII layer; the statements
// take values only through bind().
#include "bot/platform/mattermost/channel_book.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "storage/database.hpp"
#include "storage/sqlite.hpp"

namespace csibot::platform::mattermost {
namespace {

// WITHOUT ROWID: a few hundred bytes per person, looked up by channel id only.
constexpr std::string_view create_table = R"sql(
CREATE TABLE IF NOT EXISTS mattermost_dm_channels (
  channel_id     TEXT PRIMARY KEY,
  user_id        TEXT NOT NULL,
  newest_post_at INTEGER NOT NULL
) WITHOUT ROWID;
)sql";

constexpr std::string_view upsert = R"sql(
INSERT INTO mattermost_dm_channels (channel_id, user_id, newest_post_at) VALUES (?1, ?2, ?3)
ON CONFLICT (channel_id) DO UPDATE SET user_id = excluded.user_id,
  newest_post_at = max(newest_post_at, excluded.newest_post_at)
)sql";

constexpr std::string_view forget = "DELETE FROM mattermost_dm_channels WHERE newest_post_at < ?1";

}  // namespace

channel_book::channel_book(storage::database& db) : db_(db) {
  db_.conn().exec(create_table);
  auto st = db_.conn().prepare("SELECT channel_id, user_id, newest_post_at FROM mattermost_dm_channels");
  while (st.step()) {
    mark m{st.column_text(0), st.column_text(1), st.column_int64(2)};
    by_user_[m.user] = m.channel;
    auto channel = m.channel;
    by_channel_.emplace(std::move(channel), std::move(m));
  }
}

bool channel_book::note(std::string_view channel, std::string_view user, std::int64_t post_at) {
  if (channel.empty() || user.empty()) return false;
  auto it = by_channel_.find(channel);
  if (it == by_channel_.end()) {
    it = by_channel_.emplace(std::string{channel}, mark{std::string{channel}, std::string{user}, post_at})
             .first;
  } else if (post_at > it->second.newest && it->second.user == user) {
    it->second.newest = post_at;
  } else {
    return false;
  }
  by_user_[std::string{user}] = std::string{channel};
  dirty_.emplace(channel);
  return true;
}

std::string channel_book::channel_of(std::string_view user) const {
  const auto it = by_user_.find(user);
  return it == by_user_.end() ? std::string{} : it->second;
}

std::vector<channel_book::mark> channel_book::marks() const {
  std::vector<mark> out;
  out.reserve(by_channel_.size());
  for (const auto& [channel, m] : by_channel_)
    out.push_back(m);
  std::sort(out.begin(), out.end(), [](const mark& a, const mark& b) { return a.newest < b.newest; });
  return out;
}

void channel_book::flush(std::int64_t forget_before) {
  try {
    storage::transaction tx{db_, storage::durability::deferred};
    for (const auto& channel : dirty_) {
      const auto& m = by_channel_.at(channel);
      auto st = db_.conn().cached(upsert);
      st->bind(1, m.channel).bind(2, m.user).bind(3, m.newest).run();
    }
    db_.conn().cached(forget)->bind(1, forget_before).run();
    tx.commit();
  } catch (const std::exception& e) {
    // Kept dirty: the next flush writes them. Recovery still works from memory meanwhile.
    spdlog::error("mattermost: cannot write the channel book: {}", e.what());
    return;
  }
  dirty_.clear();
  // The forgotten ones leave memory too, so that recovery stops asking about them.
  for (auto it = by_channel_.begin(); it != by_channel_.end();) {
    if (it->second.newest < forget_before) {
      if (const auto u = by_user_.find(it->second.user); u != by_user_.end() && u->second == it->first)
        by_user_.erase(u);
      it = by_channel_.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace csibot::platform::mattermost
