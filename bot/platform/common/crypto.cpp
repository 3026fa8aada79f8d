#include "bot/platform/common/crypto.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <climits>

namespace csibot::platform::crypto {
namespace {

constexpr std::size_t digest_bytes = 32;

const unsigned char* bytes(std::string_view s) {
  // OpenSSL wants a non-null pointer even for zero bytes.
  static constexpr unsigned char none = 0;
  return s.empty() ? &none : reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

std::string hmac_sha256(std::string_view key, std::string_view data) {
  if (key.size() > static_cast<std::size_t>(INT_MAX)) return {};
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int mac_len = 0;
  if (HMAC(EVP_sha256(), bytes(key), static_cast<int>(key.size()), bytes(data), data.size(), mac.data(),
           &mac_len) == nullptr ||
      mac_len != digest_bytes) {
    return {};
  }
  return {reinterpret_cast<const char*>(mac.data()), mac_len};
}

std::string sha256(std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int md_len = 0;
  if (EVP_Digest(bytes(data), data.size(), md.data(), &md_len, EVP_sha256(), nullptr) != 1 ||
      md_len != digest_bytes) {
    return {};
  }
  return {reinterpret_cast<const char*>(md.data()), md_len};
}

std::string to_hex(std::string_view raw) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(raw.size() * 2);
  for (const char c : raw) {
    const auto b = static_cast<unsigned char>(c);
    hex += digits[b >> 4U];
    hex += digits[b & 0x0FU];
  }
  return hex;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  // Hashing first makes the comparison length-independent too: a token's length is a secret worth
  // keeping, and CRYPTO_memcmp needs equal sizes.
  const std::string da = sha256(a);
  const std::string db = sha256(b);
  return da.size() == digest_bytes && db.size() == digest_bytes &&
         CRYPTO_memcmp(da.data(), db.data(), digest_bytes) == 0;
}

}  // namespace csibot::platform::crypto
