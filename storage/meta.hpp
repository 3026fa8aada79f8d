#pragma once
/// Small facts about the database itself, kept in its `meta` table as key and text: markers such as
/// whether `csibot demo` finished seeding it. Keys are the caller's; storage's own (the pseudonym
/// key) are not readable through here.
#include <optional>
#include <string>
#include <string_view>

namespace csibot::storage {

class database;

/// The value stored under `key`, or nullopt. Throws storage::error on SQLite failure.
std::optional<std::string> read_marker(database& db, std::string_view key);
/// Stores `value` under `key`, replacing what was there (committed at once unless a transaction is
/// open). Throws storage::error on SQLite failure.
void write_marker(database& db, std::string_view key, std::string_view value);

}  // namespace csibot::storage
