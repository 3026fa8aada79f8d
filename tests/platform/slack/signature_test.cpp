#include "bot/platform/slack/signature.hpp"

#include <gtest/gtest.h>

#include <string>

namespace csibot::platform::slack {
namespace {

// Slack's worked example ("Verifying requests from Slack"; PLATFORMS.md §1.5).
constexpr std::string_view secret = "8f742231b10e8888abcd99yyyzzz85a5";
constexpr std::string_view timestamp = "1531420618";
constexpr std::string_view body =
    "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&"
    "channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&"
    "response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%"
    "2F96rGlfmibIGlgcZRskXaIFfN&"
    "trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
constexpr std::string_view signature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

// The second vector of §1.5: same secret and timestamp, the url_verification JSON body.
constexpr std::string_view json_body =
    R"({"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"})";
constexpr std::string_view json_signature =
    "v0=f9bd80929259f3f6d5fe3a3186c453c89cd1ad4862815a15837584f31c993652";

std::chrono::sys_seconds at(std::int64_t unix_seconds) {
  return std::chrono::sys_seconds{std::chrono::seconds{unix_seconds}};
}
const auto stamped_now = at(1531420618);

verify_result check(std::string_view ts, std::string_view sig, std::string_view raw = body,
                    std::chrono::sys_seconds now = stamped_now, std::string_view key = secret) {
  return verify_signature(key, ts, sig, raw, now).result;
}

TEST(slack_signature, slacks_official_example_verifies_with_the_clock_injected) {
  EXPECT_EQ(body.size(), 362U);  // the documented length: the vector was copied exactly
  const auto v = verify_signature(secret, timestamp, signature, body, stamped_now);
  EXPECT_TRUE(v.ok()) << v.reason;
  EXPECT_EQ(sign(secret, timestamp, body), signature);
}

TEST(slack_signature, the_url_verification_vector_verifies) {
  EXPECT_EQ(check(timestamp, json_signature, json_body), verify_result::ok);
  EXPECT_EQ(sign(secret, timestamp, json_body), json_signature);
}

TEST(slack_signature, one_changed_byte_anywhere_is_a_mismatch) {
  std::string changed{body};
  changed[changed.find("roadrunner")] = 'R';
  EXPECT_EQ(check(timestamp, signature, changed), verify_result::mismatch);
  EXPECT_EQ(check(timestamp, signature, std::string(body) + "&x=1"), verify_result::mismatch);
  EXPECT_EQ(check(timestamp, signature, body.substr(1)), verify_result::mismatch);
  std::string sig{signature};
  sig.back() = sig.back() == '3' ? '4' : '3';
  EXPECT_EQ(check(timestamp, sig), verify_result::mismatch);
  EXPECT_EQ(check(timestamp, signature, body, stamped_now, "8f742231b10e8888abcd99yyyzzz85a6"),
            verify_result::mismatch);
  // The timestamp is signed too: a fresh one cannot be pasted onto an old signature.
  EXPECT_EQ(check("1531420619", signature), verify_result::mismatch);
}

TEST(slack_signature, missing_headers_or_secret_are_missing) {
  EXPECT_EQ(check("", signature), verify_result::missing);
  EXPECT_EQ(check(timestamp, ""), verify_result::missing);
  // An unconfigured secret must never verify, not even a body signed with the empty key.
  const std::string empty_key_sig = sign("", timestamp, body);
  EXPECT_EQ(check(timestamp, empty_key_sig, body, stamped_now, ""), verify_result::missing);
}

TEST(slack_signature, malformed_headers_are_malformed) {
  EXPECT_EQ(check("15314206l8", signature), verify_result::malformed);
  EXPECT_EQ(check("-1531420618", signature), verify_result::malformed);
  EXPECT_EQ(check("+1531420618", signature), verify_result::malformed);
  EXPECT_EQ(check(" 1531420618", signature), verify_result::malformed);
  EXPECT_EQ(check("1531420618.5", signature), verify_result::malformed);
  EXPECT_EQ(check("99999999999999999999999", signature), verify_result::malformed);
  std::string upper{signature};
  for (auto& c : upper)
    c = (c >= 'a' && c <= 'f') ? static_cast<char>(c - 'a' + 'A') : c;
  upper.replace(0, 3, "v0=");
  EXPECT_EQ(check(timestamp, upper), verify_result::malformed);
  EXPECT_EQ(check(timestamp, signature.substr(3)), verify_result::malformed);  // no "v0="
  EXPECT_EQ(check(timestamp, "v1=" + std::string(signature.substr(3))), verify_result::malformed);
  EXPECT_EQ(check(timestamp, signature.substr(0, signature.size() - 1)), verify_result::malformed);
  EXPECT_EQ(check(timestamp, std::string(signature) + "0"), verify_result::malformed);
  EXPECT_EQ(check(timestamp, "v0="), verify_result::malformed);
  EXPECT_EQ(check(timestamp, "v0=" + std::string(63, 'a') + "g"), verify_result::malformed);
}

TEST(slack_signature, the_replay_window_is_300_seconds_both_ways) {
  const std::int64_t t = 1531420618;
  EXPECT_EQ(check(timestamp, signature, body, at(t + 300)), verify_result::ok);
  EXPECT_EQ(check(timestamp, signature, body, at(t - 300)), verify_result::ok);
  const auto old = verify_signature(secret, timestamp, signature, body, at(t + 301));
  EXPECT_EQ(old.result, verify_result::stale);
  EXPECT_NE(old.reason.find("old"), std::string_view::npos);
  const auto future = verify_signature(secret, timestamp, signature, body, at(t - 301));
  EXPECT_EQ(future.result, verify_result::stale);
  EXPECT_NE(future.reason.find("future"), std::string_view::npos);
  // Staleness is judged before the HMAC: a replayed request is refused even when correctly signed.
  EXPECT_EQ(check(timestamp, signature, body, at(t + 86400)), verify_result::stale);
}

TEST(slack_signature, sign_and_verify_agree_on_arbitrary_bytes) {
  const std::string raw("binary\0body\xff with \xe2\x9c\x93", 22);
  const std::string ts = "1700000000";
  const auto sig = sign("another secret", ts, raw);
  EXPECT_EQ(sig.size(), 67U);
  EXPECT_TRUE(verify_signature("another secret", ts, sig, raw, at(1700000100)).ok());
  EXPECT_EQ(verify_signature("another secret", ts, sig, raw.substr(0, 21), at(1700000100)).result,
            verify_result::mismatch);
}

TEST(slack_signature, results_have_stable_names) {
  EXPECT_EQ(to_string(verify_result::ok), "ok");
  EXPECT_EQ(to_string(verify_result::missing), "missing");
  EXPECT_EQ(to_string(verify_result::malformed), "malformed");
  EXPECT_EQ(to_string(verify_result::stale), "stale");
  EXPECT_EQ(to_string(verify_result::mismatch), "mismatch");
}

}  // namespace
}  // namespace csibot::platform::slack
