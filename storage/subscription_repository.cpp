#include "storage/subscription_repository.hpp"

#include <algorithm>
#include <set>

#include "storage/codec.hpp"
#include "storage/database.hpp"
#include "storage/sqlite.hpp"

namespace csibot::storage {
namespace {

constexpr std::string_view columns =
    "id, origin, channel, services, schedule, period, timezone, created_by, created_at, active";

std::string_view origin_text(subscription_origin o) {
  return o == subscription_origin::config ? "config" : "command";
}

digest_subscription read_row(statement& st) {
  digest_subscription s;
  s.id = st.column_int64(0);
  const auto origin = st.column_text(1);
  if (origin != "config" && origin != "command") throw_bad_column("digest_subscriptions.origin");
  s.origin = origin == "config" ? subscription_origin::config : subscription_origin::command;
  s.channel = st.column_text(2);
  s.services = decode_list(st.column_text(3), "digest_subscriptions.services");
  s.schedule = st.column_text(4);
  s.period = st.column_text(5);
  s.timezone = st.column_text(6);
  s.created_by = st.column_text(7);
  s.created_at = core::from_millis(st.column_int64(8));
  s.active = st.column_int(9) != 0;
  return s;
}

std::vector<digest_subscription> read_all(statement& st) {
  std::vector<digest_subscription> out;
  while (st.step())
    out.push_back(read_row(st));
  return out;
}

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

}  // namespace

std::string digest_subscription::config_key() const {
  // Unit separators cannot occur in config values that passed validation, so fields cannot blur.
  std::string key = channel + '\x1f';
  for (const auto& s : sorted(services))
    key += s + ',';
  return key + '\x1f' + schedule + '\x1f' + period + '\x1f' + timezone;
}

std::size_t subscription_repository::sync_from_config(const std::vector<digest_subscription>& wanted,
                                                      core::timestamp now) {
  std::set<std::string> keys;
  std::size_t added = 0;
  for (const auto& w : wanted) {
    const auto key = w.config_key();
    if (!keys.insert(key).second) continue;  // the same entry twice in the file is one subscription
    auto known = db_.conn().cached("SELECT id FROM digest_subscriptions WHERE config_key = ?1");
    known->bind(1, key);
    if (known->step()) {
      // Back in the file after an edit was undone: it resumes with its old ledger.
      auto st = db_.conn().cached("UPDATE digest_subscriptions SET active = 1 WHERE id = ?1");
      st->bind(1, known->column_int64(0)).run();
      continue;
    }
    auto st = db_.conn().cached(R"(
INSERT INTO digest_subscriptions
  (origin, config_key, channel, services, schedule, period, timezone, created_by, created_at, active)
VALUES ('config', ?1, ?2, ?3, ?4, ?5, ?6, 'config', ?7, 1))");
    st->bind(1, key).bind(2, w.channel).bind(3, encode_list(w.services)).bind(4, w.schedule);
    st->bind(5, w.period).bind(6, w.timezone).bind(7, core::to_millis(now));
    st->run();
    ++added;
  }
  // Entries gone from the file stop posting; their rows and ledger stay for the record.
  auto active = db_.conn().cached(
      "SELECT id, config_key FROM digest_subscriptions WHERE origin = 'config' AND active = 1");
  std::vector<std::int64_t> gone;
  while (active->step()) {
    if (!keys.contains(active->column_text(1))) gone.push_back(active->column_int64(0));
  }
  for (const auto id : gone) {
    auto st = db_.conn().cached("UPDATE digest_subscriptions SET active = 0 WHERE id = ?1");
    st->bind(1, id).run();
  }
  return added;
}

std::int64_t subscription_repository::add(const digest_subscription& s) {
  auto st = db_.conn().cached(R"(
INSERT INTO digest_subscriptions
  (origin, config_key, channel, services, schedule, period, timezone, created_by, created_at, active)
VALUES (?1, NULL, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9))");
  st->bind(1, origin_text(s.origin)).bind(2, s.channel).bind(3, encode_list(s.services)).bind(4, s.schedule);
  st->bind(5, s.period).bind(6, s.timezone).bind(7, s.created_by).bind(8, core::to_millis(s.created_at));
  st->bind(9, s.active ? 1 : 0);
  st->run();
  return db_.conn().last_insert_rowid();
}

std::size_t subscription_repository::deactivate(std::string_view channel,
                                                const std::vector<std::string>& services) {
  const auto wanted = sorted(services);
  std::vector<std::int64_t> ids;
  for (const auto& s : in_channel(channel)) {
    if (s.origin != subscription_origin::command) continue;
    if (!wanted.empty() && sorted(s.services) != wanted) continue;
    ids.push_back(s.id);
  }
  for (const auto id : ids) {
    auto st = db_.conn().cached("UPDATE digest_subscriptions SET active = 0 WHERE id = ?1");
    st->bind(1, id).run();
  }
  return ids.size();
}

std::vector<digest_subscription> subscription_repository::active() const {
  auto st = db_.conn().cached(std::string{"SELECT "} + std::string{columns} +
                              " FROM digest_subscriptions WHERE active = 1 ORDER BY id");
  return read_all(*st);
}

std::vector<digest_subscription> subscription_repository::in_channel(std::string_view channel) const {
  auto st = db_.conn().cached(std::string{"SELECT "} + std::string{columns} +
                              " FROM digest_subscriptions WHERE active = 1 AND channel = ?1 ORDER BY id");
  st->bind(1, channel);
  return read_all(*st);
}

std::optional<digest_subscription> subscription_repository::find(std::int64_t id) const {
  auto st = db_.conn().cached(std::string{"SELECT "} + std::string{columns} +
                              " FROM digest_subscriptions WHERE id = ?1");
  st->bind(1, id);
  if (!st->step()) return std::nullopt;
  return read_row(*st);
}

std::optional<core::timestamp> subscription_repository::last_slot(std::int64_t id) const {
  auto st = db_.conn().cached("SELECT max(slot) FROM digest_runs WHERE subscription_id = ?1");
  st->bind(1, id);
  if (!st->step() || st->is_null(0)) return std::nullopt;
  return core::from_millis(st->column_int64(0));
}

bool subscription_repository::record_run(std::int64_t id, core::timestamp slot, core::timestamp now) {
  auto st = db_.conn().cached(
      "INSERT INTO digest_runs (subscription_id, slot, posted_at) VALUES (?1, ?2, ?3) "
      "ON CONFLICT (subscription_id, slot) DO NOTHING");
  st->bind(1, id).bind(2, core::to_millis(slot)).bind(3, core::to_millis(now));
  st->run();
  return db_.conn().changes() > 0;
}

}  // namespace csibot::storage
