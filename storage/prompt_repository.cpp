#include "storage/prompt_repository.hpp"

#include <algorithm>
#include <array>

#include "storage/codec.hpp"
#include "storage/database.hpp"
#include "storage/sqlite.hpp"

namespace csibot::storage {
namespace {

constexpr std::string_view columns =
    "id, user, platform, service, kind, ticket, pulse, due_at, state, reason, sent_at, answered_at, "
    "reminded_at, created_at, resolver, remind_at, reminder_reason";

constexpr std::array<std::string_view, 5> state_names = {"pending", "sent", "answered", "cancelled",
                                                         "skipped"};

prompt_state parse_state(std::string_view text) {
  for (std::size_t i = 0; i < state_names.size(); ++i)
    if (state_names[i] == text) return static_cast<prompt_state>(i);
  throw_bad_column("prompts.state");
}

std::optional<core::timestamp> optional_time(statement& st, int column) {
  if (st.is_null(column)) return std::nullopt;
  return core::from_millis(st.column_int64(column));
}

prompt_row read_row(statement& st) {
  prompt_row p;
  p.id = st.column_int64(0);
  p.user = st.column_text(1);
  p.platform = st.column_text(2);
  p.service = st.column_text(3);
  p.kind = require_column(core::parse_prompt_kind(st.column_text(4)), "prompts.kind");
  p.ticket = st.column_optional_text(5);
  p.pulse = st.column_optional_text(6);
  p.due_at = core::from_millis(st.column_int64(7));
  p.state = parse_state(st.column_text(8));
  p.reason = st.column_text(9);
  p.sent_at = optional_time(st, 10);
  p.answered_at = optional_time(st, 11);
  p.reminded_at = optional_time(st, 12);
  p.created_at = core::from_millis(st.column_int64(13));
  p.resolver = st.column_optional_text(14);
  p.remind_at = optional_time(st, 15);
  p.reminder_reason = st.column_text(16);
  return p;
}

std::vector<prompt_row> read_all(statement& st) {
  std::vector<prompt_row> out;
  while (st.step())
    out.push_back(read_row(st));
  return out;
}

std::string select(std::string_view rest) {
  // Appended into one string rather than chained operator+: with profile feedback GCC 12's
  // -Wstringop-overflow mistakes the chain's temporaries for a 16-byte buffer at the LTO link.
  std::string sql = "SELECT ";
  sql.append(columns).append(" FROM prompts ").append(rest);
  return sql;
}

std::string_view platform_of(std::string_view user) {
  return user.substr(0, user.find(':'));
}

std::int64_t as_limit(std::size_t limit) {
  return static_cast<std::int64_t>(std::min<std::size_t>(limit, 1'000'000));
}

}  // namespace

std::string_view to_string(prompt_state s) {
  return state_names.at(static_cast<std::size_t>(s));
}

schedule_result prompt_repository::schedule(const prompt_row& p) {
  if (p.kind == core::prompt_kind::reminder) throw_bad_column("prompts.kind");  // not a prompt of its own
  // The upsert only revives a cancelled prompt (ticket reopened, then resolved again); for anything
  // else the WHERE makes it a no-op, and changes() tells the two apart.
  const std::string_view conflict = p.kind == core::prompt_kind::ticket
                                        ? "ON CONFLICT (service, ticket) WHERE ticket IS NOT NULL"
                                        : "ON CONFLICT (pulse, user) WHERE pulse IS NOT NULL";
  auto st = db_.conn().cached(std::string{R"(
INSERT INTO prompts (platform, user, service, kind, ticket, pulse, due_at, created_at, resolver)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) )"} +
                              std::string{conflict} +
                              R"(
DO UPDATE SET state = 'pending', due_at = excluded.due_at, reason = '', user = excluded.user,
  platform = excluded.platform, resolver = excluded.resolver WHERE state = 'cancelled'
RETURNING id)");
  st->bind(1, platform_of(p.user)).bind(2, p.user).bind(3, p.service).bind(4, core::to_string(p.kind));
  st->bind(5, p.ticket).bind(6, p.pulse).bind(7, core::to_millis(p.due_at));
  st->bind(8, core::to_millis(p.created_at)).bind(9, p.resolver);
  if (st->step()) return {st->column_int64(0), true};

  // Known and not revived: report the existing prompt's id.
  auto known = p.kind == core::prompt_kind::ticket
                   ? db_.conn().cached("SELECT id FROM prompts WHERE service = ?1 AND ticket = ?2")
                   : db_.conn().cached("SELECT id FROM prompts WHERE pulse = ?2 AND user = ?1");
  if (p.kind == core::prompt_kind::ticket) {
    known->bind(1, p.service).bind(2, p.ticket);
  } else {
    known->bind(1, p.user).bind(2, p.pulse);
  }
  return {known->step() ? known->column_int64(0) : 0, false};
}

bool prompt_repository::cancel_ticket(std::string_view service, std::string_view ticket) {
  auto st = db_.conn().cached(
      "UPDATE prompts SET state = 'cancelled', reason = 'ticket_reopened' "
      "WHERE service = ?1 AND ticket = ?2 AND state = 'pending'");
  st->bind(1, service).bind(2, ticket).run();
  return db_.conn().changes() > 0;
}

std::vector<prompt_row> prompt_repository::due(core::timestamp now, std::size_t limit) const {
  auto st =
      db_.conn().cached(select("WHERE state = 'pending' AND due_at <= ?1 "
                               "ORDER BY kind = 'ticket' DESC, due_at, id LIMIT ?2"));
  st->bind(1, core::to_millis(now)).bind(2, as_limit(limit));
  return read_all(*st);
}

std::vector<prompt_row> prompt_repository::due_for(std::string_view platform, core::timestamp now,
                                                   std::size_t limit) const {
  auto st =
      db_.conn().cached(select("WHERE state = 'pending' AND platform = ?1 AND due_at <= ?2 "
                               "ORDER BY kind = 'ticket' DESC, due_at, id LIMIT ?3"));
  st->bind(1, platform).bind(2, core::to_millis(now)).bind(3, as_limit(limit));
  return read_all(*st);
}

std::optional<core::timestamp> prompt_repository::next_due() const {
  auto st = db_.conn().cached("SELECT min(due_at) FROM prompts WHERE state = 'pending'");
  if (!st->step()) return std::nullopt;
  return optional_time(*st, 0);
}

bool prompt_repository::set_user(std::int64_t id, std::string_view user) {
  auto st =
      db_.conn().cached("UPDATE prompts SET user = ?2, platform = ?3 WHERE id = ?1 AND state = 'pending'");
  st->bind(1, id).bind(2, user).bind(3, platform_of(user)).run();
  return db_.conn().changes() > 0;
}

std::optional<prompt_row> prompt_repository::find(std::int64_t id) const {
  auto st = db_.conn().cached(select("WHERE id = ?1"));
  st->bind(1, id);
  if (!st->step()) return std::nullopt;
  return read_row(*st);
}

bool prompt_repository::mark_sent(std::int64_t id, core::timestamp now) {
  auto st = db_.conn().cached(
      "UPDATE prompts SET state = 'sent', sent_at = ?2, reason = 'allowed' WHERE id = ?1 AND state = "
      "'pending'");
  st->bind(1, id).bind(2, core::to_millis(now)).run();
  return db_.conn().changes() > 0;
}

bool prompt_repository::mark_answered(std::int64_t id, std::optional<core::timestamp> at) {
  auto st = db_.conn().cached(
      "UPDATE prompts SET state = 'answered', answered_at = ?2 WHERE id = ?1 AND state = 'sent'");
  st->bind(1, id);
  if (at) {
    st->bind(2, core::to_millis(*at));
  } else {
    st->bind(2, nullptr);
  }
  st->run();
  return db_.conn().changes() > 0;
}

bool prompt_repository::mark_reminded(std::int64_t id, core::timestamp now) {
  auto st = db_.conn().cached(
      "UPDATE prompts SET reminded_at = ?2 WHERE id = ?1 AND state = 'sent' AND reminded_at IS NULL");
  st->bind(1, id).bind(2, core::to_millis(now)).run();
  return db_.conn().changes() > 0;
}

bool prompt_repository::mark_skipped(std::int64_t id, std::string_view reason) {
  auto st = db_.conn().cached(
      "UPDATE prompts SET state = 'skipped', reason = ?2 WHERE id = ?1 AND state = 'pending'");
  st->bind(1, id).bind(2, reason).run();
  return db_.conn().changes() > 0;
}

bool prompt_repository::reschedule(std::int64_t id, core::timestamp due_at, std::string_view reason) {
  auto st =
      db_.conn().cached("UPDATE prompts SET due_at = ?2, reason = ?3 WHERE id = ?1 AND state = 'pending'");
  st->bind(1, id).bind(2, core::to_millis(due_at)).bind(3, reason).run();
  return db_.conn().changes() > 0;
}

std::optional<prompt_row> prompt_repository::open_prompt(std::string_view user,
                                                         std::string_view service) const {
  // `sent_at IS NOT NULL` lets the partial index on (user, sent_at) serve both the lookup and the
  // order, and `+service` keeps SQLite off the index of everyone's prompts about the service.
  // Without them every piece of feedback scanned and sorted the whole prompts table.
  auto st =
      db_.conn().cached(select("WHERE user = ?1 AND +service = ?2 AND state = 'sent' AND sent_at IS NOT NULL "
                               "ORDER BY sent_at DESC, id DESC LIMIT 1"));
  st->bind(1, user).bind(2, service);
  if (!st->step()) return std::nullopt;
  return read_row(*st);
}

std::vector<prompt_row> prompt_repository::reminders_due(core::timestamp sent_before, core::timestamp now,
                                                         std::size_t limit) const {
  auto st = db_.conn().cached(
      select("WHERE state = 'sent' AND reminded_at IS NULL AND reminder_reason IS NULL AND sent_at <= ?1 "
             "AND (remind_at IS NULL OR remind_at <= ?2) ORDER BY sent_at, id LIMIT ?3"));
  st->bind(1, core::to_millis(sent_before)).bind(2, core::to_millis(now)).bind(3, as_limit(limit));
  return read_all(*st);
}

bool prompt_repository::defer_reminder(std::int64_t id, core::timestamp at, std::string_view reason) {
  auto st = db_.conn().cached(
      "UPDATE prompts SET remind_at = ?2, reason = ?3 WHERE id = ?1 AND state = 'sent' AND reminded_at IS "
      "NULL");
  st->bind(1, id).bind(2, core::to_millis(at)).bind(3, reason).run();
  return db_.conn().changes() > 0;
}

bool prompt_repository::skip_reminder(std::int64_t id, std::string_view reason) {
  auto st = db_.conn().cached(
      "UPDATE prompts SET reminder_reason = ?2 WHERE id = ?1 AND state = 'sent' AND reminded_at IS NULL");
  st->bind(1, id).bind(2, reason).run();
  return db_.conn().changes() > 0;
}

std::vector<core::prompt_record> prompt_repository::history(std::string_view user,
                                                            core::timestamp since) const {
  auto st = db_.conn().cached(
      "SELECT service, kind, sent_at, state = 'answered', reminded_at IS NOT NULL FROM prompts "
      "WHERE user = ?1 AND sent_at IS NOT NULL AND sent_at >= ?2 ORDER BY sent_at, id");
  st->bind(1, user).bind(2, core::to_millis(since));
  std::vector<core::prompt_record> out;
  while (st->step()) {
    out.push_back({st->column_text(0),
                   require_column(core::parse_prompt_kind(st->column_text(1)), "prompts.kind"),
                   core::from_millis(st->column_int64(2)), st->column_int(3) != 0, st->column_int(4) != 0});
  }
  return out;
}

std::optional<core::timestamp> prompt_repository::pending_ticket_due(std::string_view user) const {
  auto st = db_.conn().cached(
      "SELECT min(due_at) FROM prompts WHERE user = ?1 AND kind = 'ticket' AND state = 'pending'");
  st->bind(1, user);
  if (!st->step()) return std::nullopt;
  return optional_time(*st, 0);
}

std::optional<core::timestamp> prompt_repository::other_pending_due(std::string_view user,
                                                                    std::string_view service,
                                                                    std::int64_t except) const {
  auto st = db_.conn().cached(
      "SELECT min(due_at) FROM prompts WHERE user = ?1 AND state = 'pending' AND service = ?2 AND id <> ?3");
  st->bind(1, user).bind(2, service).bind(3, except);
  if (!st->step()) return std::nullopt;
  return optional_time(*st, 0);
}

prompt_counts prompt_repository::response_counts(std::string_view service, core::timestamp from,
                                                 core::timestamp to) const {
  auto st = db_.conn().cached(
      "SELECT count(*), coalesce(sum(state = 'answered'), 0) FROM prompts "
      "WHERE service = ?1 AND sent_at IS NOT NULL AND sent_at >= ?2 AND sent_at < ?3");
  st->bind(1, service).bind(2, core::to_millis(from)).bind(3, core::to_millis(to));
  st->step();
  return {st->column_int64(0), st->column_int64(1)};
}

}  // namespace csibot::storage
