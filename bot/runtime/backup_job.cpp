#include "bot/runtime/backup_job.hpp"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <cerrno>
#include <system_error>
#include <thread>

#include "storage/database.hpp"

namespace csibot::runtime {
namespace asio = boost::asio;
namespace fs = std::filesystem;

struct backup_job::state {
  explicit state(asio::io_context& context) : io(context) {}

  asio::io_context& io;
  std::thread worker;
  // Keeps io.run() going while the worker copies: its outcome must still be recorded at a stop.
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
  bool running = false;
  core::timestamp since{};
  fs::path target;
  done_fn done;
};

namespace {

bool in_memory(const fs::path& database) {
  return database.empty() || database.native() == ":memory:";
}

[[noreturn]] void fail(const std::string& what, const fs::path& path, int error) {
  throw std::system_error(error, std::generic_category(), what + " \"" + path.string() + "\"");
}

// Made 0700 here rather than chmod'ed after: there is no moment in which others may list it. A folder
// that exists keeps the mode its owner gave it.
void make_private_folder(const fs::path& folder) {
  if (::mkdir(folder.c_str(), S_IRWXU) == 0) return;
  const int error = errno;
  std::error_code ec;
  if (error == EEXIST && fs::is_directory(folder, ec)) return;
  fail(error == EEXIST ? "cannot create the folder, a file is in the way:" : "cannot create the folder",
       folder, error == EEXIST ? ENOTDIR : error);
}

// Created 0600 before SQLite opens it, as SQLite would create it 0644 (less the umask); SQLite gives its
// journal the mode of the database file, so nothing of the copy is ever readable by others.
void create_private_file(const fs::path& file) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, S_IRUSR | S_IWUSR);
  if (fd < 0) fail("cannot create", file, errno);
  ::close(fd);
}

void remove_quietly(const fs::path& file) {
  std::error_code ec;
  for (const char* suffix : {"", "-journal", "-wal", "-shm"})
    fs::remove(fs::path{file.string() + suffix}, ec);
}

// The target's name, or with "-2", "-3", … when a backup of the same second exists already.
fs::path free_target(const fs::path& database, core::timestamp now) {
  const auto first = backup_job::target_for(database, now);
  std::error_code ec;
  if (!fs::exists(first, ec)) return first;
  for (int n = 2; n < 100; ++n) {
    auto next = first;
    next.replace_filename(first.stem().string() + "-" + std::to_string(n) + first.extension().string());
    if (!fs::exists(next, ec)) return next;
  }
  return first;  // run_backup then reports that it exists
}

// On the io thread, once the worker has posted its outcome (its last act).
void finish(backup_job::state& s, const commands::backup_outcome& outcome) {
  if (s.worker.joinable()) s.worker.join();
  s.running = false;
  auto done = std::move(s.done);
  s.done = nullptr;
  if (done) done(outcome);
  s.work.reset();
}

}  // namespace

commands::backup_outcome run_backup(const fs::path& database, const fs::path& target) {
  commands::backup_outcome out;
  out.path = target.string();
  const auto began = std::chrono::steady_clock::now();
  // Written under another name and renamed once whole, so that a file with the backup's name is
  // always a complete copy, even after a crash or a kill in the middle.
  const fs::path part{target.string() + ".part"};
  bool created = false;
  try {
    // Opening a database creates a missing file: a copy of a new, empty one would be no backup.
    if (!fs::exists(database)) fail("cannot find the database", database, ENOENT);
    make_private_folder(target.parent_path());
    if (fs::exists(target)) fail("cannot overwrite", target, EEXIST);
    create_private_file(part);
    created = true;
    const storage::database source{database};
    source.backup_to(part);
    fs::rename(part, target);
    out.bytes = fs::file_size(target);
    out.ok = true;
  } catch (const std::exception& e) {
    out.error = e.what();
  }
  if (!out.ok && created) remove_quietly(part);
  out.took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - began);
  return out;
}

backup_job::backup_job(asio::io_context& io, fs::path database)
    : database_(std::move(database)), state_(std::make_shared<state>(io)) {
  // The admin is told where the copy is: an absolute path, whatever the bot's working folder was.
  std::error_code ec;
  if (!in_memory(database_)) {
    if (auto absolute = fs::absolute(database_, ec); !ec) database_ = std::move(absolute);
  }
}

backup_job::~backup_job() {
  if (!state_->worker.joinable()) return;
  spdlog::info("backup: waiting for the backup into {} to end", state_->target.string());
  state_->worker.join();
}

commands::backup_start backup_job::start(core::timestamp now, done_fn done) {
  using status = commands::backup_start::status;
  auto& s = *state_;
  if (in_memory(database_)) return {status::in_memory, {}, {}, {}};
  if (s.running) return {status::already_running, s.target.string(), s.since, {}};
  const auto target = free_target(database_, now);
  try {
    s.work.emplace(s.io.get_executor());
    s.worker = std::thread([weak = std::weak_ptr<state>{state_}, io = &s.io, database = database_, target] {
      auto outcome = run_backup(database, target);
      asio::post(*io, [weak, outcome = std::move(outcome)] {
        if (const auto self = weak.lock()) finish(*self, outcome);
      });
    });
  } catch (const std::exception& e) {  // std::system_error: no thread to be had
    s.work.reset();
    return {status::failed, target.string(), now, e.what()};
  }
  s.running = true;
  s.since = now;
  s.target = target;
  s.done = std::move(done);
  return {status::started, target.string(), now, {}};
}

bool backup_job::running() const {
  return state_->running;
}

std::optional<core::timestamp> backup_job::running_since() const {
  if (!state_->running) return std::nullopt;
  return state_->since;
}

fs::path backup_job::running_target() const {
  return state_->running ? state_->target : fs::path{};
}

fs::path backup_job::target_for(const fs::path& database, core::timestamp now) {
  // "2026-11-30T09:00:00Z" → "20261130T090000Z": sorts by time, and no ':' (which some tools and
  // file systems refuse).
  std::string stamp;
  for (const char c : core::to_iso8601(now))
    if (c != '-' && c != ':') stamp += c;
  return database.parent_path() / "backups" / ("csibot-" + stamp + ".db");
}

}  // namespace csibot::runtime
