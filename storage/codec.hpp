#pragma once
/// Column encodings shared by the repositories (internal to storage/): enum text, JSON string lists.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace csibot::storage {

/// Throws storage::error (SQLITE_MISMATCH) naming `column`: a stored value this csibot cannot read.
[[noreturn]] void throw_bad_column(std::string_view column);

/// The parsed value, or throw_bad_column(column) when the text did not parse.
template <class T>
T require_column(std::optional<T> value, std::string_view column) {
  if (!value) throw_bad_column(column);
  return *value;
}

/// ["a","b"] as compact JSON text.
std::string encode_list(const std::vector<std::string>& items);
/// Reads encode_list's output; throws via throw_bad_column(column) on anything else.
std::vector<std::string> decode_list(std::string_view json, std::string_view column);

}  // namespace csibot::storage
