#include "storage/pulse_repository.hpp"

#include <algorithm>

#include "storage/codec.hpp"
#include "storage/database.hpp"
#include "storage/sqlite.hpp"

namespace csibot::storage {
namespace {

constexpr std::string_view columns =
    "id, kind, pulse, service, slot, state, audience, requested_by, members, scheduled, held, started_at";

std::string join_lines(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items)
    out += (out.empty() ? "" : "\n") + item;
  return out;
}

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    out.emplace_back(text.substr(0, nl));
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return out;
}

pulse_run read_row(statement& st) {
  pulse_run r;
  r.id = st.column_int64(0);
  const auto kind = st.column_text(1);
  if (kind != "pulse" && kind != "ask") throw_bad_column("pulse_runs.kind");
  r.kind = kind == "ask" ? pulse_run_kind::ask : pulse_run_kind::pulse;
  r.pulse = st.column_text(2);
  r.service = st.column_text(3);
  r.slot = core::from_millis(st.column_int64(4));
  const auto state = st.column_text(5);
  if (state != "pending" && state != "done") throw_bad_column("pulse_runs.state");
  r.state = state == "pending" ? pulse_run_state::pending : pulse_run_state::done;
  r.audience = split_lines(st.column_text(6));
  r.requested_by = st.column_text(7);
  r.members = st.column_int64(8);
  r.scheduled = st.column_int64(9);
  r.held = st.column_int64(10);
  r.started_at = core::from_millis(st.column_int64(11));
  return r;
}

std::vector<pulse_run> read_all(statement& st) {
  std::vector<pulse_run> out;
  while (st.step())
    out.push_back(read_row(st));
  return out;
}

std::string select(std::string_view rest) {
  return "SELECT " + std::string{columns} + " FROM pulse_runs " + std::string{rest};
}

}  // namespace

std::string pulse_run::prompt_tag() const {
  return std::string{kind == pulse_run_kind::ask ? "ask#" : "pulse#"} + std::to_string(id);
}

core::timestamp pulse_repository::register_pulse(std::string_view key, std::string_view service,
                                                 core::timestamp now) {
  // Read first: the runner asks on every pass, and a known pulse must not cost a write.
  auto st = db_.conn().cached("SELECT first_seen FROM pulses WHERE key = ?1");
  st->bind(1, key);
  if (st->step()) return core::from_millis(st->column_int64(0));
  auto add = db_.conn().cached("INSERT INTO pulses (key, service, first_seen) VALUES (?1, ?2, ?3)");
  add->bind(1, key).bind(2, service).bind(3, core::to_millis(now)).run();
  return now;
}

std::optional<core::timestamp> pulse_repository::last_slot(std::string_view key) const {
  auto st = db_.conn().cached("SELECT max(slot) FROM pulse_runs WHERE kind = 'pulse' AND pulse = ?1");
  st->bind(1, key);
  if (!st->step() || st->is_null(0)) return std::nullopt;
  return core::from_millis(st->column_int64(0));
}

std::optional<std::int64_t> pulse_repository::add(const pulse_run& run) {
  // A config pulse's slot is unique (partial index): the conflict is the "ran already" answer.
  auto st = db_.conn().cached(R"(
INSERT INTO pulse_runs (kind, pulse, service, slot, state, audience, requested_by, members, scheduled,
                        held, started_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
ON CONFLICT (pulse, slot) WHERE kind = 'pulse' DO NOTHING RETURNING id)");
  st->bind(1, run.kind == pulse_run_kind::ask ? "ask" : "pulse").bind(2, run.pulse).bind(3, run.service);
  st->bind(4, core::to_millis(run.slot)).bind(5, run.state == pulse_run_state::pending ? "pending" : "done");
  st->bind(6, join_lines(run.audience)).bind(7, run.requested_by).bind(8, run.members);
  st->bind(9, run.scheduled).bind(10, run.held).bind(11, core::to_millis(run.started_at));
  if (!st->step()) return std::nullopt;
  return st->column_int64(0);
}

bool pulse_repository::finish(std::int64_t id, std::int64_t members, std::int64_t scheduled,
                              std::int64_t held) {
  auto st = db_.conn().cached(
      "UPDATE pulse_runs SET state = 'done', members = ?2, scheduled = ?3, held = ?4 "
      "WHERE id = ?1 AND state = 'pending'");
  st->bind(1, id).bind(2, members).bind(3, scheduled).bind(4, held).run();
  return db_.conn().changes() > 0;
}

void pulse_repository::set_counts(std::int64_t id, std::int64_t members, std::int64_t scheduled,
                                  std::int64_t held) {
  auto st = db_.conn().cached("UPDATE pulse_runs SET members = ?2, scheduled = ?3, held = ?4 WHERE id = ?1");
  st->bind(1, id).bind(2, members).bind(3, scheduled).bind(4, held).run();
}

std::optional<pulse_run> pulse_repository::find(std::int64_t id) const {
  auto st = db_.conn().cached(select("WHERE id = ?1"));
  st->bind(1, id);
  if (!st->step()) return std::nullopt;
  return read_row(*st);
}

std::vector<pulse_run> pulse_repository::pending(std::size_t limit) const {
  auto st = db_.conn().cached(select("WHERE state = 'pending' ORDER BY id LIMIT ?1"));
  st->bind(1, static_cast<std::int64_t>(std::min<std::size_t>(limit, 1'000'000)));
  return read_all(*st);
}

std::vector<pulse_run> pulse_repository::recent(std::size_t limit) const {
  auto st = db_.conn().cached(select("ORDER BY id DESC LIMIT ?1"));
  st->bind(1, static_cast<std::int64_t>(std::min<std::size_t>(limit, 1'000'000)));
  return read_all(*st);
}

}  // namespace csibot::storage
