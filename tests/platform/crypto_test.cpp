// The shared crypto primitives behind every request check (Slack and ticket-hook signatures,
// Mattermost's signed buttons and command token): known answers, so a wrong digest or key handling
// shows here before it shows as every signed request refused, or worse, accepted.
#include "bot/platform/common/crypto.hpp"

#include <gtest/gtest.h>

#include <string>

namespace csibot::platform::crypto {
namespace {

TEST(platform_crypto, hmac_sha256_matches_rfc_4231_test_case_2) {
  EXPECT_EQ(to_hex(hmac_sha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

// OpenSSL wants a non-null key pointer even for no bytes; the result is still the HMAC of the
// empty key (Python's hmac module gives the same digest).
TEST(platform_crypto, an_empty_key_is_legal_hmac) {
  EXPECT_EQ(to_hex(hmac_sha256("", "body")),
            "7ec3619ea7f921721b6d8bec83ea2d0c6d557e0b164daf577e62c8cc88ed74ae");
}

TEST(platform_crypto, sha256_matches_the_fips_180_abc_example) {
  EXPECT_EQ(to_hex(sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(platform_crypto, hex_is_lowercase_two_digits_per_byte) {
  EXPECT_EQ(to_hex(std::string{"\x00\x0f\xa0\xff", 4}), "000fa0ff");
  EXPECT_EQ(to_hex(""), "");
}

TEST(platform_crypto, constant_time_equal_tells_equal_from_different_texts_of_any_length) {
  EXPECT_TRUE(constant_time_equal("secret-token", "secret-token"));
  EXPECT_TRUE(constant_time_equal("", ""));
  EXPECT_FALSE(constant_time_equal("secret-token", "secret-tokeN"));
  EXPECT_FALSE(constant_time_equal("secret-token", "secret-token "));
  EXPECT_FALSE(constant_time_equal("secret-token", ""));
  EXPECT_FALSE(constant_time_equal(std::string{"a\0b", 3}, "a"));
}

}  // namespace
}  // namespace csibot::platform::crypto
