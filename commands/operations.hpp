#pragma once
/// What `/csi admin` needs of the running bot (SPEC §1: health and backups), as plain values behind a
/// small interface. The runtime implements it (bot/runtime/operations); where no bot runs (the CLI,
/// unit tests) the dispatcher has none, and the handler says so. Pure: no I/O library here.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/events.hpp"
#include "core/message.hpp"
#include "core/time.hpp"

namespace csibot::commands {

struct database_health {
  bool ok = true;
  std::string error;  ///< why the database cannot be read, when !ok
  bool in_memory = false;
  int schema_version = 0;
  std::uintmax_t file_bytes = 0;  ///< the database file and its -wal file together
  std::int64_t feedback = 0;
  std::int64_t open_conversations = 0;
};

struct platform_health {
  std::string name;  ///< "local", "slack", "mattermost"
  bool connected = false;
  /// What the platform's own health reports besides `connected` (mode, reconnects, …).
  std::vector<std::pair<std::string, std::string>> detail;
};

/// A message the outbox gave up on (its platform refused it, or it ran out of attempts).
struct undelivered_message {
  core::timestamp written{};
  std::string to;     ///< "slack:C0123" (a channel) or "slack:U0456" (a person)
  std::string error;  ///< the platform's refusal as the outbox recorded it; never the message's text
};

struct outbox_health {
  std::int64_t pending = 0;
  std::optional<core::timestamp> oldest_pending;  ///< when the first pending message was written
  std::int64_t failed = 0;                        ///< kept in the table until retention removes them
  std::optional<undelivered_message> newest_failed;
};

/// Events the dispatcher finished since start, all platforms together.
struct event_counts {
  std::uint64_t handled = 0;
  std::uint64_t duplicate = 0;
  std::uint64_t failed = 0;
};

/// A backup as the audit log recorded it: `admin.backup.done` or `admin.backup.failed`.
struct backup_record {
  core::timestamp at{};
  std::string path;
  std::string detail;  ///< size and duration, or why it failed
};

struct bot_health {
  std::string version;
  std::chrono::seconds uptime{0};
  database_health database;
  std::vector<platform_health> platforms;
  outbox_health outbox;
  event_counts events;
  std::optional<backup_record> last_backup;
  /// The newest failed attempt, when it is newer than last_backup.
  std::optional<backup_record> last_failure;
  std::optional<core::timestamp> backup_running_since;
  std::string backup_running_path;
};

/// The answer to a backup request, at once (the outcome comes later, as a DM).
struct backup_start {
  enum class status {
    started,          ///< running now on its own thread, into `path`
    already_running,  ///< one backup at a time: the one into `path`, begun at `started_at`
    in_memory,        ///< the database is ":memory:": no file to copy
    failed            ///< could not begin (no thread); `error` says why
  };
  status result = status::failed;
  std::string path;
  core::timestamp started_at{};
  std::string error;
};

/// How a backup ended.
struct backup_outcome {
  bool ok = false;
  std::string path;
  std::uintmax_t bytes = 0;
  std::chrono::milliseconds took{0};
  std::string error;  ///< why it failed, in full (the DM shows the start of it)
};

/// The running bot, as `/csi admin` sees it. Called on the dispatcher's thread only.
class operations {
 public:
  virtual ~operations() = default;
  /// Reads what is known now; never throws (a database error is a value of the result).
  virtual bot_health health() = 0;
  /// Starts an online backup for `requester`, who gets a DM in `language` when it ends. Asked again
  /// for the same event (a batch that runs twice), it answers as the first time.
  virtual backup_start start_backup(const core::inbound& requester, const std::string& language,
                                    core::timestamp now) = 0;
};

/// The DM that tells the admin how their backup ended (defined with the handler, handlers/admin.cpp).
core::message backup_report(const backup_outcome& outcome, std::string_view language);

}  // namespace csibot::commands
