#pragma once
/// Online backups of the running bot's database (`/csi admin backup`, docs/admin.md), one at a time, on
/// a worker thread: copying a large file takes seconds, and the io thread must keep answering meanwhile
/// (ARCHITECTURE §3). The worker opens a storage::database of its own on the same file — a SQLite
/// connection is never shared between threads — and WAL lets it read one consistent snapshot while the
/// bot goes on writing, as `csibot backup` does from another process. The copy holds every answer and
/// the pseudonymisation key, so its folder is created 0700 and the file 0600.
///
/// Threading: start(), the queries and every `done` run on the io_context's one thread. The worker
/// posts its outcome there and keeps the io_context from running out of work until then, so that a
/// stop (SIGTERM) during a backup lets it finish and be recorded before io_context::run() returns.
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>

#include "commands/operations.hpp"
#include "core/time.hpp"

namespace boost::asio {
class io_context;
}

namespace csibot::runtime {

class backup_job {
 public:
  using done_fn = std::function<void(const commands::backup_outcome&)>;

  /// Borrows `io`, which must outlive this object. `database` is bot.database (":memory:" allowed:
  /// start() then refuses).
  backup_job(boost::asio::io_context& io, std::filesystem::path database);
  /// Waits for a running backup to end (a SQLite backup step cannot be interrupted), without calling
  /// its `done`: a copy that failed is removed, a finished one stays.
  ~backup_job();
  backup_job(const backup_job&) = delete;
  backup_job& operator=(const backup_job&) = delete;

  /// Starts a backup into a free name next to target_for(database, now), unless one is running or the
  /// database lives in memory. `done` gets the outcome on the io thread, unless this object is
  /// destroyed first. Never throws: a thread that cannot start is status::failed.
  commands::backup_start start(core::timestamp now, done_fn done);

  [[nodiscard]] bool running() const;
  /// When the running backup started and where it writes; nullopt / empty when none runs.
  [[nodiscard]] std::optional<core::timestamp> running_since() const;
  [[nodiscard]] std::filesystem::path running_target() const;

  /// `<folder of database>/backups/csibot-<UTC yyyymmddThhmmssZ>.db`.
  static std::filesystem::path target_for(const std::filesystem::path& database, core::timestamp now);

  struct state;

 private:
  std::filesystem::path database_;
  std::shared_ptr<state> state_;  // the worker's posted outcome holds a weak_ptr
};

/// The worker's body, on the calling thread: creates the backups folder (0700) if missing, writes the
/// copy under `<target>.part` (0600), renames it to `target` once whole, and measures it. Never throws:
/// a failure is the outcome's error, and nothing it created is left behind.
commands::backup_outcome run_backup(const std::filesystem::path& database,
                                    const std::filesystem::path& target);

}  // namespace csibot::runtime
