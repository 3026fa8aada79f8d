#pragma once
/// Storage of the built-in local web chat: its channels and messages (migration 0002). The message
/// body is opaque JSON text owned by bot/platform/local, so storage needs no JSON types here.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"

namespace csibot::storage {

class database;

/// A public channel everyone may read, or a direct-message channel "dm:<user>".
enum class local_channel_kind { channel, dm };

struct local_channel {
  std::string id;  ///< "general", "csi-digests", "dm:alice"
  local_channel_kind kind = local_channel_kind::channel;
  core::timestamp created_at{};
};

/// One message in the local chat.
struct local_chat_message {
  std::int64_t id = 0;  ///< assigned by append()
  std::string channel;
  std::string author;       ///< user id, or the bot's id
  std::string author_name;  ///< display name at the time of writing
  bool bot = false;
  std::string body;                       ///< JSON text
  std::optional<std::string> visible_to;  ///< set for ephemeral messages: the only reader
  core::timestamp created_at{};
  core::timestamp updated_at{};
};

/// Channels and messages of the local chat. Borrows `db` (must outlive it); one thread, like the
/// database. Methods throw storage::error on SQLite failure.
class local_chat_repository {
 public:
  explicit local_chat_repository(database& db) : db_(db) {}

  /// Creates the channel unless it exists. Returns true when it was created.
  bool ensure_channel(std::string_view id, local_channel_kind kind, core::timestamp now);
  /// Every channel of `kind`, ordered by id.
  std::vector<local_channel> channels(local_channel_kind kind) const;
  bool has_channel(std::string_view id) const;
  /// The people who wrote in `channel` (not the bot), ordered by id: the local chat's idea of a
  /// channel's members, since it keeps no member lists.
  std::vector<std::string> authors(std::string_view channel) const;

  /// Stores `m` (its channel must exist) and returns the new id; `m.id` and `m.updated_at` are ignored.
  std::int64_t append(const local_chat_message& m);
  /// Replaces the body of message `id`. False when there is no such message.
  bool replace_body(std::int64_t id, std::string_view body, core::timestamp now);
  std::optional<local_chat_message> find(std::int64_t id) const;

  /// The newest `limit` messages of `channel` that `viewer` may see (public ones and those visible
  /// to `viewer`), oldest first.
  std::vector<local_chat_message> recent(std::string_view channel, std::string_view viewer,
                                         std::size_t limit) const;

  /// Remembers the locale `user`'s latest hello gave, and when (migration 0010); "" forgets it.
  /// Deferred durability: a locale lost to a power cut is given again at the next hello. A person
  /// new to the table makes those beyond the `keep` most recently seen go.
  void remember_locale(std::string_view user, std::string_view locale, core::timestamp now, std::size_t keep);
  /// The remembered locale of `user`, "" when none.
  std::string locale_of(std::string_view user) const;

 private:
  database& db_;
};

}  // namespace csibot::storage
