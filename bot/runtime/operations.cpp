#include "bot/runtime/operations.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "bot/version.hpp"
#include "core/text.hpp"
#include "storage/database.hpp"
#include "storage/outbox_repository.hpp"
#include "storage/repositories.hpp"
#include "storage/sqlite.hpp"

namespace csibot::runtime {
namespace fs = std::filesystem;
namespace {

// What an audit entry keeps of a failure: enough to recognise it; the log has all of it.
constexpr std::size_t max_audited_error_chars = 300;

std::uintmax_t size_or_zero(const fs::path& file) {
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  return ec ? 0 : size;
}

std::string audit_detail(const commands::backup_outcome& o) {
  if (o.ok) return fmt::format("{} bytes, {} ms", o.bytes, o.took.count());
  return core::cap_chars(core::sanitize(o.error), max_audited_error_chars).text;
}

}  // namespace

commands::platform_health platform_health_of(std::string_view name, bool connected,
                                             const nlohmann::json& health) {
  commands::platform_health p{std::string{name}, connected, {}};
  if (!health.is_object()) return p;
  for (const auto& [key, value] : health.items()) {
    if (key == "connected" || value.is_null()) continue;
    p.detail.emplace_back(key, value.is_string() ? value.get<std::string>() : value.dump());
  }
  return p;
}

operations::operations(boost::asio::io_context& io, storage::database& db, const config::settings& settings,
                       operations_hooks hooks, clock now, std::chrono::steady_clock::time_point started)
    : db_(db),
      settings_(settings),
      hooks_(std::move(hooks)),
      now_(std::move(now)),
      started_(started),
      backups_(io, settings.bot.database) {}

commands::bot_health operations::health() {
  commands::bot_health h;
  h.version = std::string{csibot::version};
  h.uptime = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started_);
  h.database = database_health();
  if (hooks_.events) {
    const auto t = hooks_.events();
    h.events = {t.handled, t.duplicate, t.failed};
  }
  // Each part on its own: what can be read is shown even when another part fails.
  try {
    if (hooks_.platforms) h.platforms = hooks_.platforms();
  } catch (const std::exception& e) {
    spdlog::error("admin: cannot read the platforms' health: {}", e.what());
  }
  try {
    const storage::outbox_repository box{db_};
    h.outbox = {box.pending_count(), box.oldest_pending_at(), box.failed_count(), {}};
    if (const auto f = box.newest_failed()) {
      const auto& m = f->message;
      h.outbox.newest_failed = {f->created_at, m.platform + ":" + (m.channel.empty() ? m.user : m.channel),
                                f->last_error};
    }
  } catch (const std::exception& e) {
    spdlog::error("admin: cannot read the outbox: {}", e.what());
  }
  try {
    read_backups(h);
  } catch (const std::exception& e) {
    spdlog::error("admin: cannot read the audit log: {}", e.what());
  }
  h.backup_running_since = backups_.running_since();
  h.backup_running_path = backups_.running_target().string();
  return h;
}

commands::database_health operations::database_health() const {
  commands::database_health d;
  const auto& path = settings_.bot.database;
  d.in_memory = path.native() == ":memory:";
  if (!d.in_memory) d.file_bytes = size_or_zero(path) + size_or_zero(fs::path{path.string() + "-wal"});
  try {
    d.schema_version = db_.schema_version();
    d.feedback = storage::feedback_repository{db_}.count();
    d.open_conversations = storage::conversation_repository{db_}.count_open(now_());
  } catch (const std::exception& e) {
    d.ok = false;
    d.error = e.what();
    spdlog::error("admin: database check failed: {}", e.what());
  }
  return d;
}

// The newest backup and, when newer than it, the newest failed attempt (indexed by action: the
// audit log's other entries, a ticket webhook's each, are not read).
void operations::read_backups(commands::bot_health& h) const {
  const storage::audit_repository audit{db_};
  const auto done = audit.latest("admin.backup.done");
  const auto failed = audit.latest("admin.backup.failed");
  if (done) h.last_backup = commands::backup_record{done->at, done->subject, done->detail};
  if (failed && (!done || failed->id > done->id))
    h.last_failure = commands::backup_record{failed->at, failed->subject, failed->detail};
}

commands::backup_start operations::start_backup(const core::inbound& requester, const std::string& language,
                                                core::timestamp now) {
  using status = commands::backup_start::status;
  // A batch in which another event failed runs again (commands/dispatch.hpp): the same request then
  // gets the same answer, not "already running".
  const auto event = requester.platform + ":" + requester.event_id;
  if (backups_.running() && !requester.event_id.empty() && event == running_event_)
    return {status::started, backups_.running_target().string(), *backups_.running_since(), {}};
  const auto who = requester.user_ref();
  auto started = backups_.start(
      now, [this, who, language](const commands::backup_outcome& o) { finished(who, language, o); });
  if (started.result == status::started) {
    running_event_ = event;
    spdlog::info("backup: {} started a backup into {}", who.str(), started.path);
  } else if (started.result == status::failed) {
    spdlog::error("backup: {} asked for a backup, which could not start: {}", who.str(), started.error);
  }
  return started;
}

void operations::finished(const core::ref& requester, const std::string& language,
                          const commands::backup_outcome& o) {
  running_event_.clear();
  if (o.ok) {
    spdlog::info("backup: {} is written ({} bytes in {} ms)", o.path, o.bytes, o.took.count());
  } else {
    spdlog::error("backup: {} failed after {} ms: {}", o.path, o.took.count(), o.error);
  }
  const std::vector<core::outbound> out{{core::delivery::direct,
                                         requester.platform,
                                         {},
                                         requester.id,
                                         {},
                                         commands::backup_report(o, language)}};
  try {
    storage::transaction tx{db_};
    storage::audit_repository{db_}.append({0, now_(), requester.str(),
                                           o.ok ? "admin.backup.done" : "admin.backup.failed", o.path,
                                           audit_detail(o)});
    if (hooks_.stage) hooks_.stage(out);
    tx.commit();
  } catch (const std::exception& e) {
    spdlog::error("backup: cannot record how the backup into {} ended: {}", o.path, e.what());
    return;
  }
  if (hooks_.publish) hooks_.publish(out);
}

void operations::stop() {
  if (backups_.running())
    spdlog::info("backup: the backup into {} is still running; stopping once it has ended",
                 backups_.running_target().string());
}

}  // namespace csibot::runtime
