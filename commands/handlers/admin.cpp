// `/csi admin [status] | audit [n] | backup` (SPEC §1): the bot admin's view of the running bot in
// chat. Admins only (`bot.admins`), never a service owner: the audit log names people and what they
// did, and a backup copies every answer. Every reply is ephemeral; how a backup ended comes later as a
// DM (bot/runtime/operations). What the running bot knows comes through commands::operations.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>

#include "commands/handlers/handlers.hpp"
#include "commands/operations.hpp"
#include "commands/permissions.hpp"
#include "core/i18n.hpp"
#include "core/markup.hpp"
#include "core/text.hpp"
#include "storage/repositories.hpp"

namespace csibot::commands {
namespace {

// A chat table pads every row to its widest cell: one long detail (a service's description) would
// make the whole log unreadable, so details are cut here. The database keeps them whole.
constexpr std::size_t max_detail_chars = 200;
// The start of a failure reason is enough in chat; the log has all of it.
constexpr std::size_t max_reason_chars = 300;

// "2026-11-30 09:42:15", in UTC (the texts around it say so).
std::string utc_text(core::timestamp t) {
  auto text = core::to_iso8601(t);
  if (text.size() == 20 && text[10] == 'T' && text.back() == 'Z') {
    text[10] = ' ';
    text.pop_back();
  }
  return text;
}

std::string size_text(std::uintmax_t bytes, std::string_view language) {
  if (bytes < 1024) return core::tr(language, "admin.size.bytes", {{"count", std::to_string(bytes)}});
  constexpr std::array<const char*, 4> units{"KiB", "MiB", "GiB", "TiB"};
  double value = static_cast<double>(bytes) / 1024.0;
  std::size_t unit = 0;
  while (value >= 1024.0 && unit + 1 < units.size()) {
    value /= 1024.0;
    ++unit;
  }
  return core::decimal(value, language) + " " + units[unit];
}

std::string duration_text(std::chrono::milliseconds took, std::string_view language) {
  if (took < std::chrono::seconds{1}) return std::to_string(took.count()) + " ms";
  return core::decimal(std::chrono::duration<double>(took).count(), language) + " s";
}

}  // namespace

core::message backup_report(const backup_outcome& outcome, std::string_view language) {
  core::message m;
  if (outcome.ok) {
    m.header = core::tr(language, "admin.backup.done.header");
    m.text = core::tr(language, "admin.backup.done",
                      {{"target", core::literal(outcome.path)},
                       {"figures", size_text(outcome.bytes, language)},
                       {"period", duration_text(outcome.took, language)}});
    m.context = core::tr(language, "admin.backup.done.context");
  } else {
    m.header = core::tr(language, "admin.backup.failed.header");
    m.text = core::tr(
        language, "admin.backup.failed",
        {{"target", core::literal(outcome.path)}, {"why", core::echo(outcome.error, max_reason_chars)}});
  }
  return m;
}

namespace handlers {
namespace {

constexpr std::size_t default_audit_rows = 10;
constexpr std::size_t max_audit_rows = 50;

std::string yes_no(bool yes, const std::string& lang) {
  return core::tr(lang, yes ? "admin.status.yes" : "admin.status.no");
}

void add_database(core::message& m, const database_health& db, const std::string& lang) {
  if (!db.ok) {
    m.fields.push_back(
        {core::tr(lang, "admin.status.database"),
         core::tr(lang, "admin.status.database_error", {{"why", core::echo(db.error, max_reason_chars)}})});
    return;
  }
  m.fields.push_back({core::tr(lang, "admin.status.database"), core::tr(lang, "admin.status.database_ok")});
  m.fields.push_back({core::tr(lang, "admin.status.schema"), std::to_string(db.schema_version)});
  m.fields.push_back({core::tr(lang, "admin.status.size"), db.in_memory
                                                               ? core::tr(lang, "admin.status.in_memory")
                                                               : size_text(db.file_bytes, lang)});
  m.fields.push_back({core::tr(lang, "admin.status.feedback"), std::to_string(db.feedback)});
  m.fields.push_back({core::tr(lang, "admin.status.conversations"), std::to_string(db.open_conversations)});
}

std::string pending_text(const outbox_health& box, core::timestamp now, const std::string& lang) {
  if (box.pending == 0) return core::tr(lang, "admin.status.outbox_empty");
  const auto count = std::to_string(box.pending);
  if (!box.oldest_pending) return core::tr(lang, "admin.status.outbox_pending", {{"count", count}});
  const auto waited =
      std::max<std::chrono::milliseconds>(now - *box.oldest_pending, std::chrono::milliseconds{0});
  const auto age = std::chrono::duration_cast<std::chrono::seconds>(waited);
  return core::tr(lang, "admin.status.outbox_oldest",
                  {{"count", count}, {"period", core::format_duration(age)}});
}

// A message the platform refused for good (a digest channel the bot was never invited to, an
// archived channel) otherwise shows only in the log: an admin looking at the status should see it.
std::string outbox_text(const outbox_health& box, core::timestamp now, const std::string& lang) {
  auto text = pending_text(box, now, lang);
  if (box.failed == 0 || !box.newest_failed) return text;
  const auto& f = *box.newest_failed;
  return text + "\n" +
         core::tr(lang, "admin.status.outbox_failed",
                  {{"count", std::to_string(box.failed)},
                   {"date", utc_text(f.written)},
                   {"to", core::literal(f.to)},
                   {"what", core::literal(core::cap_chars(f.error, max_detail_chars).text)}});
}

std::string events_text(const event_counts& events, const std::string& lang) {
  const auto part = [&](const char* key, std::uint64_t n) {
    return core::tr(lang, std::string{"admin.status.events."} + key, {{"count", std::to_string(n)}});
  };
  return part("handled", events.handled) + ", " + part("duplicate", events.duplicate) + ", " +
         part("failed", events.failed);
}

std::string last_backup_text(const bot_health& h, const std::string& lang) {
  std::string text;
  if (h.last_backup) {
    text = core::tr(lang, "admin.status.backup_value",
                    {{"date", utc_text(h.last_backup->at)},
                     {"target", core::literal(h.last_backup->path)},
                     {"what", core::literal(h.last_backup->detail)}});
  } else {
    text = core::tr(lang, "admin.status.backup_none");
  }
  if (h.last_failure) {
    text +=
        "\n" +
        core::tr(lang, "admin.status.backup_failed",
                 {{"date", utc_text(h.last_failure->at)},
                  {"what", core::literal(core::cap_chars(h.last_failure->detail, max_detail_chars).text)}});
  }
  return text;
}

core::table platforms_table(const std::vector<platform_health>& platforms, const std::string& lang) {
  core::table t;
  t.columns = {core::tr(lang, "admin.status.col.platform"), core::tr(lang, "admin.status.col.connected"),
               core::tr(lang, "admin.status.col.detail")};
  for (const auto& p : platforms) {
    std::string detail;
    for (const auto& [key, value] : p.detail)
      detail += (detail.empty() ? "" : ", ") + key + " " + value;
    // A cell is markup; what the platform reports ("last_error", a workspace's name) is not.
    t.rows.push_back({p.name, yes_no(p.connected, lang), core::literal(detail)});
  }
  return t;
}

std::vector<core::outbound> status(command_env& env) {
  const auto& lang = env.language;
  if (env.ops == nullptr) return {env.ephemeral_text(core::tr(lang, "admin.unavailable"))};
  const auto h = env.ops->health();
  core::message m;
  m.header = core::tr(lang, "admin.status.header");
  m.fields.push_back({core::tr(lang, "admin.status.version"), h.version});
  m.fields.push_back({core::tr(lang, "admin.status.uptime"), core::format_duration(h.uptime)});
  add_database(m, h.database, lang);
  m.fields.push_back({core::tr(lang, "admin.status.outbox"), outbox_text(h.outbox, env.now, lang)});
  m.fields.push_back({core::tr(lang, "admin.status.events"), events_text(h.events, lang)});
  m.fields.push_back({core::tr(lang, "admin.status.backup"), last_backup_text(h, lang)});
  if (h.backup_running_since) {
    m.fields.push_back({core::tr(lang, "admin.status.backup_running"),
                        core::tr(lang, "admin.status.backup_running_value",
                                 {{"date", utc_text(*h.backup_running_since)},
                                  {"target", core::literal(h.backup_running_path)}})});
  }
  if (!h.platforms.empty()) m.table = platforms_table(h.platforms, lang);
  m.context = core::tr(lang, "admin.status.context", {{"command", env.settings.bot.command}});
  return {env.ephemeral(std::move(m))};
}

std::vector<core::outbound> audit(command_env& env) {
  const auto& lang = env.language;
  std::size_t count = default_audit_rows;
  if (env.cmd.args.size() > 1) {
    const auto typed = env.cmd.arg(1);
    const auto [end, ec] = std::from_chars(typed.data(), typed.data() + typed.size(), count);
    if (ec != std::errc{} || end != typed.data() + typed.size() || count == 0 || count > max_audit_rows) {
      return {env.ephemeral_text(core::tr(lang, "admin.audit.bad_count",
                                          {{"typed", core::echo(typed, 20)},
                                           {"max", std::to_string(max_audit_rows)},
                                           {"count", std::to_string(default_audit_rows)}}))};
    }
  }
  const auto entries = storage::audit_repository{env.db}.recent(count);
  if (entries.empty()) return {env.ephemeral_text(core::tr(lang, "admin.audit.empty"))};
  core::message m;
  m.header = core::tr(lang, "admin.audit.header", {{"count", std::to_string(entries.size())}});
  core::table t;
  for (const char* col : {"when", "who", "action", "subject", "detail"})
    t.columns.push_back(core::tr(lang, std::string{"admin.audit.col."} + col));
  for (const auto& e : entries) {
    // Cells are markup; what was audited (names, titles, values people set) shows as typed.
    t.rows.push_back({utc_text(e.at), core::literal(e.actor), core::literal(e.action),
                      core::literal(core::cap_chars(e.subject, max_detail_chars).text),
                      core::literal(core::cap_chars(e.detail, max_detail_chars).text)});
  }
  m.table = std::move(t);
  m.context = core::tr(lang, "admin.audit.context");
  return {env.ephemeral(std::move(m))};
}

std::vector<core::outbound> backup(command_env& env) {
  const auto& lang = env.language;
  if (env.ops == nullptr) return {env.ephemeral_text(core::tr(lang, "admin.backup.unavailable"))};
  const auto started = env.ops->start_backup(env.in, lang, env.now);
  switch (started.result) {
    case backup_start::status::started:
      storage::audit_repository{env.db}.append(
          {0, env.now, env.in.user_ref().str(), "admin.backup", started.path, "requested"});
      return {env.ephemeral_text(
          core::tr(lang, "admin.backup.started", {{"target", core::literal(started.path)}}))};
    case backup_start::status::already_running:
      return {env.ephemeral_text(
          core::tr(lang, "admin.backup.running",
                   {{"date", utc_text(started.started_at)}, {"target", core::literal(started.path)}}))};
    case backup_start::status::in_memory:
      return {env.ephemeral_text(core::tr(lang, "admin.backup.in_memory"))};
    case backup_start::status::failed:
      break;
  }
  return {env.ephemeral_text(
      core::tr(lang, "admin.backup.not_started", {{"why", core::echo(started.error, max_reason_chars)}}))};
}

}  // namespace

std::vector<core::outbound> admin(command_env& env) {
  const auto& lang = env.language;
  if (!is_admin(env.settings, env.in.user_ref().str()))
    return {env.ephemeral_text(refusal(env.settings, {}, core::tr(lang, "perm.action.admin"), lang))};
  const auto verb = core::ascii_lower(env.cmd.arg(0));
  if (verb.empty() || verb == "status") return status(env);
  if (verb == "audit") return audit(env);
  if (verb == "backup") return backup(env);
  static const std::vector<std::string> verbs{"status", "audit", "backup"};
  if (const auto near = core::closest(verb, verbs)) {
    return {env.ephemeral_text(core::tr(
        lang, "admin.unknown_verb",
        {{"typed", core::echo(verb, 40)}, {"command", env.settings.bot.command}, {"suggestion", *near}}))};
  }
  return {env.ephemeral_text(core::tr(lang, "admin.usage", {{"command", env.settings.bot.command}}))};
}

}  // namespace handlers
}  // namespace csibot::commands
