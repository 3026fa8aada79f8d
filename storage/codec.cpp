#include "storage/codec.hpp"

#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include "storage/sqlite.hpp"

namespace csibot::storage {

void throw_bad_column(std::string_view column) {
  throw error(SQLITE_MISMATCH, "storage: unreadable value in column " + std::string(column));
}

std::string encode_list(const std::vector<std::string>& items) {
  // replace: invalid UTF-8 (which no platform sends) must not make a catalog edit throw.
  return nlohmann::json(items).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<std::string> decode_list(std::string_view json, std::string_view column) {
  const auto parsed = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_array()) throw_bad_column(column);
  std::vector<std::string> items;
  items.reserve(parsed.size());
  for (const auto& item : parsed) {
    if (!item.is_string()) throw_bad_column(column);
    items.push_back(item.get<std::string>());
  }
  return items;
}

}  // namespace csibot::storage
