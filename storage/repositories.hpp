#pragma once
/// The repositories: the only code that runs SQL. Each takes the database by reference and uses
/// prepared statements. Methods throw storage::error on SQLite failure.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/feedback.hpp"
#include "core/service.hpp"
#include "core/time.hpp"

namespace csibot::storage {

class database;

/// The catalog a sync would leave, and how it differs from the stored one.
struct catalog_preview {
  std::vector<core::service> services;  ///< ordered by id, as service_repository::list()
  std::vector<std::string> added;       ///< ids the sync would insert
  std::vector<std::string> changed;     ///< ids whose stored entry the file's would replace
  std::vector<std::string> removed;     ///< ids the sync would remove
  bool differs() const { return !added.empty() || !changed.empty() || !removed.empty(); }
};

/// The service catalog. Config services are synced in at start; run-time edits persist.
class service_repository {
 public:
  explicit service_repository(database& db) : db_(db) {}
  /// Inserts config services that are new, updates those whose config entry changed since the last
  /// sync (the file wins when it was edited), and leaves run-time edits of unchanged entries alone.
  /// Services that came from the config file and are no longer in it are removed from the catalog
  /// (their feedback is kept); returns their ids. Services made at run time stay.
  std::vector<std::string> sync_from_config(const std::vector<core::service>& services, core::timestamp now);
  /// What sync_from_config(services) would leave in the catalog, read without writing anything: for
  /// the commands that only read (stats, digest, catalog export), so that pointing one at a database
  /// never changes it.
  catalog_preview preview_sync(const std::vector<core::service>& services) const;
  std::vector<core::service> list() const;  ///< ordered by id
  std::optional<core::service> find(std::string_view id) const;
  void upsert(const core::service& s, core::timestamp now);
  bool remove(std::string_view id);  ///< false when absent; feedback rows are kept
  /// Whether service `id` came from the config file (the next sync would bring it back if removed).
  bool from_config(std::string_view id) const;

 private:
  database& db_;
};

/// Rating counts for one service in a period (insights aggregate these; rows are never all loaded).
struct rating_count {
  int rating = 0;
  std::int64_t count = 0;
};

class feedback_repository {
 public:
  explicit feedback_repository(database& db) : db_(db) {}
  /// Stores new feedback and returns its id. `f.user` holds the real "platform:id"; what is stored
  /// depends on `a`: the id (identified), "pseudo:" + keyed hash (pseudonymous), nothing (anonymous).
  std::int64_t insert(const core::feedback& f, core::anonymity a);
  /// Updates rating, reason, impact, usage, usage_asked, status, allow_reply and updated_at of row `f.id`.
  void update(const core::feedback& f);
  std::optional<core::feedback> find(std::int64_t id) const;
  /// Streams feedback created at or after `since` (all when nullopt) in id order.
  void for_each(std::optional<core::timestamp> since,
                const std::function<void(const core::feedback&)>& fn) const;
  /// Rating histogram of `service` for feedback created in [from, to) that has a rating.
  std::vector<rating_count> rating_histogram(std::string_view service, core::timestamp from,
                                             core::timestamp to) const;
  /// Whether `user` (real "platform:id") was asked the usage question for `service` since `since`
  /// (answered or skipped). Always false for anonymous services, which keep no link to the person.
  bool usage_asked_since(std::string_view service, std::string_view user, core::anonymity a,
                         core::timestamp since) const;
  std::int64_t count() const;
  /// Whether any feedback on `service` is stored, partial or complete.
  bool any_for(std::string_view service) const;

 private:
  database& db_;
};

/// One feedback conversation per (platform, user); the state is opaque text (dialog encodes it).
/// A conversation is open until expires_at. The housekeeping then closes it: its state is cut down to
/// what the closing notice needs (no text people typed) and updated_at becomes expires_at, which is
/// how a closed row is told from one whose time ran out a moment ago. A closed row is kept for a
/// while so that the person's next message can hear what became of it, then purged.
struct conversation_row {
  std::string platform;
  std::string user;
  std::string state;
  core::timestamp updated_at{};
  core::timestamp expires_at{};
};

class conversation_repository {
 public:
  explicit conversation_repository(database& db) : db_(db) {}
  std::optional<conversation_row> find(std::string_view platform, std::string_view user) const;
  void save(const conversation_row& row);  ///< insert or replace
  void remove(std::string_view platform, std::string_view user);
  /// Rows whose time ran out (expires_at <= now) and that are not closed yet.
  std::vector<conversation_row> expired(core::timestamp now) const;
  /// Replaces the state of a conversation whose time ran out and marks it closed.
  void close(std::string_view platform, std::string_view user, std::string_view state);
  /// Removes the rows that expired at or before `before`; returns how many.
  std::int64_t purge_closed(core::timestamp before);
  std::int64_t count_open(core::timestamp now) const;  ///< expires_at > now

 private:
  database& db_;
};

/// Platform event ids already processed, kept for a time-to-live so that redeliveries are ignored.
class event_repository {
 public:
  explicit event_repository(database& db) : db_(db) {}
  /// Records `event_id`; true when it is new, false when it was seen and has not expired.
  bool first_seen(std::string_view platform, std::string_view event_id, core::timestamp now,
                  std::chrono::milliseconds ttl);
  std::int64_t purge(core::timestamp now);  ///< removes expired ids, returns how many

 private:
  database& db_;
};

struct audit_entry {
  std::int64_t id = 0;
  core::timestamp at{};
  std::string actor;   ///< "platform:user" or "cli"
  std::string action;  ///< "service.add", "service.set", ...
  std::string subject;
  std::string detail;
};

class audit_repository {
 public:
  explicit audit_repository(database& db) : db_(db) {}
  void append(const audit_entry& e);
  std::vector<audit_entry> recent(std::size_t limit) const;  ///< newest first
  /// The newest entry whose action is `action`, if any (indexed: not a scan of the log).
  std::optional<audit_entry> latest(std::string_view action) const;

 private:
  database& db_;
};

}  // namespace csibot::storage
