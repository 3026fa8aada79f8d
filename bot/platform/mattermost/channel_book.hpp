#pragma once
/// The direct channels csibot has with people on Mattermost, and the newest post seen in each: what
/// missed-event recovery asks the server about (GET /channels/{id}/posts?since=), and what spares a
/// POST /channels/direct after a restart. Private to the adapter.
///
/// Kept in memory and written to the table `mattermost_dm_channels` of csibot's database, at most once
/// per flush interval, in one deferred transaction (no fsync of its own: losing the last marks to a
/// power cut only makes the next recovery ask for a little more, which the dispatcher's event-id
/// dedupe absorbs). The table is created here, IF NOT EXISTS, rather than by a numbered migration:
/// it is the adapter's own bookkeeping, not part of csibot's data model, and exists only where
/// Mattermost runs (docs/mattermost.md "Missed events").
///
/// Threading: the io thread only, like the database it borrows.
#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace csibot::storage {
class database;
}

namespace csibot::platform::mattermost {

class channel_book {
 public:
  /// One direct channel: the person in it and the create_at (ms) of the newest post seen there.
  struct mark {
    std::string channel;
    std::string user;
    std::int64_t newest = 0;
  };

  /// Creates the table when missing and reads it. Throws storage::error.
  explicit channel_book(storage::database& db);

  /// A post at `post_at` (ms since the epoch, the server's create_at) was seen in `channel`, the DM between
  /// the bot and `user`. Returns true when something changed (the caller then schedules a flush).
  bool note(std::string_view channel, std::string_view user, std::int64_t post_at);
  /// The DM channel with `user`, "" when unknown.
  [[nodiscard]] std::string channel_of(std::string_view user) const;
  /// Every channel, oldest newest-post first (a copy: recovery awaits between them).
  [[nodiscard]] std::vector<mark> marks() const;
  [[nodiscard]] std::size_t size() const { return by_channel_.size(); }
  [[nodiscard]] bool dirty() const { return !dirty_.empty(); }

  /// Writes the changed channels and forgets those whose newest post is older than `forget_before`
  /// (ms), in one deferred transaction. Never throws: a failure is logged and retried at the next flush.
  void flush(std::int64_t forget_before);

 private:
  storage::database& db_;
  std::map<std::string, mark, std::less<>> by_channel_;
  std::map<std::string, std::string, std::less<>> by_user_;  // user → channel
  std::set<std::string, std::less<>> dirty_;                 // channels to write
};

}  // namespace csibot::platform::mattermost
