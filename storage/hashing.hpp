#pragma once
/// Hashes used by storage only (internal to storage/): the keyed pseudonym of a person and the
/// stable fingerprint of a config entry. OpenSSL stays behind this header.
#include <string>
#include <string_view>

namespace csibot::storage {

class connection;

/// Creates the installation's pseudonymisation key (32 random bytes, in `meta`) when it is missing.
/// Throws storage::error on SQLite failure or when no randomness is available.
void ensure_pseudonym_key(connection& conn);

/// "pseudo:" + lowercase hex of HMAC-SHA256(key, user) cut to 16 bytes (32 hex characters). Stable
/// for as long as the database keeps its key. Throws storage::error when the key is missing.
std::string pseudonymise(connection& conn, std::string_view user);

/// Lowercase hex SHA-256 of `text`.
std::string sha256_hex(std::string_view text);

}  // namespace csibot::storage
