#include "storage/hashing.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <sqlite3.h>

#include <array>
#include <cstddef>

#include "storage/sqlite.hpp"

namespace csibot::storage {
namespace {

constexpr std::string_view key_name = "pseudonym_key";
constexpr std::size_t key_bytes = 32;
// 128 bits keep collisions out of reach for any realistic number of people and halve the stored size.
constexpr std::size_t pseudonym_bytes = 16;

std::string to_hex(const unsigned char* data, std::size_t size) {
  constexpr std::string_view digits = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out += digits[data[i] >> 4U];
    out += digits[data[i] & 0x0FU];
  }
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::string read_key(connection& conn) {
  auto st = conn.cached("SELECT value FROM meta WHERE key = ?1");
  st->bind(1, key_name);
  if (!st->step()) throw error(SQLITE_NOTFOUND, "storage: the pseudonymisation key is missing from meta");
  const std::string hex = st->column_text(0);
  std::string key;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    const int hi = hex_value(hex[i]);
    const int lo = hex_value(hex[i + 1]);
    if (hi < 0 || lo < 0) break;
    key += static_cast<char>(hi * 16 + lo);
  }
  if (key.size() != key_bytes) throw error(SQLITE_CORRUPT, "storage: the pseudonymisation key is malformed");
  return key;
}

}  // namespace

void ensure_pseudonym_key(connection& conn) {
  {
    auto st = conn.cached("SELECT 1 FROM meta WHERE key = ?1");
    st->bind(1, key_name);
    if (st->step()) return;
  }
  std::array<unsigned char, key_bytes> key{};
  if (RAND_bytes(key.data(), static_cast<int>(key.size())) != 1) {
    throw error(SQLITE_ERROR, "storage: no randomness for the pseudonymisation key");
  }
  // OR IGNORE: when another process created the key meanwhile, its key wins.
  auto st = conn.cached("INSERT OR IGNORE INTO meta (key, value) VALUES (?1, ?2)");
  st->bind(1, key_name).bind(2, to_hex(key.data(), key.size()));
  st->run();
}

std::string pseudonymise(connection& conn, std::string_view user) {
  const std::string key = read_key(conn);
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int mac_size = 0;
  const auto* data = reinterpret_cast<const unsigned char*>(user.data());
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), data, user.size(), mac.data(),
           &mac_size) == nullptr ||
      mac_size < pseudonym_bytes) {
    throw error(SQLITE_ERROR, "storage: HMAC-SHA256 failed");
  }
  return "pseudo:" + to_hex(mac.data(), pseudonym_bytes);
}

std::string sha256_hex(std::string_view text) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  if (EVP_Digest(text.data(), text.size(), digest.data(), &size, EVP_sha256(), nullptr) != 1) {
    throw error(SQLITE_ERROR, "storage: SHA-256 failed");
  }
  return to_hex(digest.data(), size);
}

}  // namespace csibot::storage
