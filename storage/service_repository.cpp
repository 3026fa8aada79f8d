#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "storage/codec.hpp"
#include "storage/database.hpp"
#include "storage/hashing.hpp"
#include "storage/repositories.hpp"
#include "storage/sqlite.hpp"

namespace csibot::storage {
namespace {

// Parameters ?1..?13 of the two upserts, in this column order (see bind_service).
constexpr std::string_view sync_sql = R"(
INSERT INTO services (id, name, description, purpose, criticality, business_functions, owners, customers,
                      digest_channel, scale, target, anonymity, tags, origin, config_hash, created_at, updated_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 'config', ?14, ?15, ?15)
ON CONFLICT (id) DO UPDATE SET
  name = excluded.name, description = excluded.description, purpose = excluded.purpose,
  criticality = excluded.criticality, business_functions = excluded.business_functions,
  owners = excluded.owners, customers = excluded.customers, digest_channel = excluded.digest_channel,
  scale = excluded.scale, target = excluded.target, anonymity = excluded.anonymity, tags = excluded.tags,
  origin = 'config', config_hash = excluded.config_hash, updated_at = excluded.updated_at
WHERE services.config_hash IS NOT excluded.config_hash)";

// A run-time edit keeps origin and config_hash, so that the next sync still sees the file unchanged.
constexpr std::string_view upsert_sql = R"(
INSERT INTO services (id, name, description, purpose, criticality, business_functions, owners, customers,
                      digest_channel, scale, target, anonymity, tags, origin, config_hash, created_at, updated_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 'runtime', NULL, ?14, ?14)
ON CONFLICT (id) DO UPDATE SET
  name = excluded.name, description = excluded.description, purpose = excluded.purpose,
  criticality = excluded.criticality, business_functions = excluded.business_functions,
  owners = excluded.owners, customers = excluded.customers, digest_channel = excluded.digest_channel,
  scale = excluded.scale, target = excluded.target, anonymity = excluded.anonymity, tags = excluded.tags,
  updated_at = excluded.updated_at)";

// Both read the columns in the order read_service expects.
constexpr std::string_view list_sql = R"(
SELECT id, name, description, purpose, criticality, business_functions, owners, customers, digest_channel,
       scale, target, anonymity, tags
FROM services ORDER BY id)";
constexpr std::string_view find_sql = R"(
SELECT id, name, description, purpose, criticality, business_functions, owners, customers, digest_channel,
       scale, target, anonymity, tags
FROM services WHERE id = ?1)";

void bind_service(statement& st, const core::service& s) {
  st.bind(1, s.id).bind(2, s.name).bind(3, s.description).bind(4, s.purpose);
  st.bind(5, core::to_string(s.criticality));
  st.bind(6, encode_list(s.business_functions))
      .bind(7, encode_list(s.owners))
      .bind(8, encode_list(s.customers));
  st.bind(9, s.digest_channel).bind(10, core::to_string(s.scale)).bind(11, s.target);
  st.bind(12, core::to_string(s.anonymity)).bind(13, encode_list(s.tags));
}

core::service read_service(const statement& st) {
  core::service s;
  s.id = st.column_text(0);
  s.name = st.column_text(1);
  s.description = st.column_text(2);
  s.purpose = st.column_text(3);
  s.criticality = require_column(core::parse_criticality(st.column_text(4)), "services.criticality");
  s.business_functions = decode_list(st.column_text(5), "services.business_functions");
  s.owners = decode_list(st.column_text(6), "services.owners");
  s.customers = decode_list(st.column_text(7), "services.customers");
  s.digest_channel = st.column_text(8);
  s.scale = require_column(core::parse_scale(st.column_text(9)), "services.scale");
  s.target = st.column_optional_double(10);
  s.anonymity = require_column(core::parse_anonymity(st.column_text(11)), "services.anonymity");
  s.tags = decode_list(st.column_text(12), "services.tags");
  return s;
}

// The fingerprint of a config entry: SHA-256 of its JSON form (object keys sorted, so stable).
std::string config_hash(const core::service& s) {
  const nlohmann::json entry = {
      {"id", s.id},
      {"name", s.name},
      {"description", s.description},
      {"purpose", s.purpose},
      {"criticality", core::to_string(s.criticality)},
      {"business_functions", s.business_functions},
      {"owners", s.owners},
      {"customers", s.customers},
      {"digest_channel", s.digest_channel},
      {"scale", core::to_string(s.scale)},
      {"target", s.target ? nlohmann::json(*s.target) : nlohmann::json()},
      {"anonymity", core::to_string(s.anonymity)},
      {"tags", s.tags},
  };
  return sha256_hex(entry.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace

std::vector<std::string> service_repository::sync_from_config(const std::vector<core::service>& services,
                                                              core::timestamp now) {
  // All or nothing; joins the caller's transaction when one is open (nesting is not supported).
  std::optional<transaction> tx;
  if (!db_.conn().in_transaction()) tx.emplace(db_);
  nlohmann::json ids = nlohmann::json::array();
  for (const auto& s : services) {
    auto st = db_.conn().cached(sync_sql);
    bind_service(*st, s);
    st->bind(14, config_hash(s)).bind(15, core::to_millis(now));
    st->run();
    ids.push_back(s.id);
  }
  // An entry deleted from the file leaves the catalog: otherwise it would be offered, digested and
  // prompted for ever, with no way to remove it.
  std::vector<std::string> removed;
  auto gone = db_.conn().cached(
      "DELETE FROM services WHERE origin = 'config' AND id NOT IN (SELECT value FROM json_each(?1)) "
      "RETURNING id");
  gone->bind(1, ids.dump());
  while (gone->step())
    removed.push_back(gone->column_text(0));
  if (tx) tx->commit();
  std::sort(removed.begin(), removed.end());
  return removed;
}

catalog_preview service_repository::preview_sync(const std::vector<core::service>& services) const {
  // The same rules as sync_sql and the DELETE in sync_from_config, applied to copies.
  struct stored_origin {
    bool from_config = false;
    std::optional<std::string> hash;
  };
  std::map<std::string, stored_origin, std::less<>> origins;
  auto st = db_.conn().cached("SELECT id, origin = 'config', config_hash FROM services");
  while (st->step())
    origins[st->column_text(0)] = {st->column_int64(1) != 0, st->column_optional_text(2)};

  catalog_preview out;
  std::map<std::string, core::service, std::less<>> result;
  for (auto& s : list())
    result.emplace(s.id, std::move(s));
  std::set<std::string, std::less<>> in_file;
  for (const auto& s : services) {
    in_file.insert(s.id);
    const auto found = origins.find(s.id);
    if (found == origins.end()) {
      out.added.push_back(s.id);
    } else if (found->second.hash != config_hash(s)) {
      out.changed.push_back(s.id);
    } else {
      continue;  // the file's entry is unchanged since the last sync: a run-time edit stands
    }
    result.insert_or_assign(s.id, s);
  }
  for (const auto& [id, origin] : origins) {
    if (origin.from_config && !in_file.contains(id)) {
      out.removed.push_back(id);
      result.erase(id);
    }
  }
  for (auto& [id, s] : result)
    out.services.push_back(std::move(s));
  std::sort(out.added.begin(), out.added.end());
  std::sort(out.changed.begin(), out.changed.end());
  return out;
}

std::vector<core::service> service_repository::list() const {
  std::vector<core::service> out;
  auto st = db_.conn().cached(list_sql);
  while (st->step())
    out.push_back(read_service(*st));
  return out;
}

std::optional<core::service> service_repository::find(std::string_view id) const {
  auto st = db_.conn().cached(find_sql);
  st->bind(1, id);
  if (!st->step()) return std::nullopt;
  return read_service(*st);
}

void service_repository::upsert(const core::service& s, core::timestamp now) {
  auto st = db_.conn().cached(upsert_sql);
  bind_service(*st, s);
  st->bind(14, core::to_millis(now));
  st->run();
}

bool service_repository::from_config(std::string_view id) const {
  auto st = db_.conn().cached("SELECT origin = 'config' FROM services WHERE id = ?1");
  st->bind(1, id);
  return st->step() && st->column_int64(0) != 0;
}

bool service_repository::remove(std::string_view id) {
  auto st = db_.conn().cached("DELETE FROM services WHERE id = ?1");
  st->bind(1, id);
  st->run();
  return db_.conn().changes() > 0;
}

}  // namespace csibot::storage
