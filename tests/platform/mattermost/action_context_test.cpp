#include "bot/platform/mattermost/action_context.hpp"

#include <gtest/gtest.h>

#include <string>

namespace csibot::platform::mattermost {
namespace {

using json = nlohmann::json;

const std::string key = derive_context_key("xoxb-like-bot-token");
constexpr std::string_view channel = "j6j53p28k6urx15fpcgsr20psq";
constexpr std::string_view user = "rd49ehbqyjytddasoownkuqrxe";

action_context sample() {
  return {"csi.rate", "vpn:5", std::string(channel), std::string(user)};
}

context_check check(const json& ctx, std::string_view k = key) {
  return verify_context(ctx, k, channel, user).result;
}

TEST(mattermost_context, a_signed_context_verifies_and_gives_back_its_fields) {
  const json ctx = sign_context(sample(), key);
  EXPECT_EQ(ctx["v"], context_version);
  EXPECT_EQ(ctx["mac"].get<std::string>().size(), 64U);
  const auto v = verify_context(ctx, key, channel, user);
  ASSERT_TRUE(v.ok()) << v.reason;
  EXPECT_EQ(v.context, sample());
}

TEST(mattermost_context, changing_any_signed_field_is_forgery) {
  for (const char* field : {"action", "value", "channel", "user"}) {
    json ctx = sign_context(sample(), key);
    ctx[field] = ctx[field].get<std::string>() + "x";
    EXPECT_EQ(check(ctx), context_check::forged) << field;
  }
  json ctx = sign_context(sample(), key);
  std::string mac = ctx["mac"];
  mac[10] = mac[10] == 'a' ? 'b' : 'a';
  ctx["mac"] = mac;
  EXPECT_EQ(check(ctx), context_check::forged);
}

TEST(mattermost_context, field_boundaries_are_signed_too) {
  // "ab"+"c" and "a"+"bc" concatenate alike; the encoding must still tell them apart.
  const json one = sign_context({"ab", "c", "", ""}, key);
  json two = sign_context({"a", "bc", "", ""}, key);
  EXPECT_NE(one["mac"], two["mac"]);
  two["mac"] = one["mac"];
  EXPECT_EQ(check(two), context_check::forged);
}

TEST(mattermost_context, another_key_is_forgery_and_no_key_never_verifies) {
  const json ctx = sign_context(sample(), key);
  EXPECT_EQ(check(ctx, derive_context_key("another-token")), context_check::forged);
  EXPECT_EQ(check(ctx, ""), context_check::missing);
  EXPECT_EQ(check(sign_context(sample(), ""), ""), context_check::missing);
}

TEST(mattermost_context, missing_or_mistyped_fields_are_malformed) {
  for (const char* field : {"v", "action", "value", "channel", "user", "mac"}) {
    json removed = sign_context(sample(), key);
    removed.erase(field);
    EXPECT_EQ(check(removed), context_check::malformed) << field;
    json mistyped = sign_context(sample(), key);
    mistyped[field] = json::array({1});
    EXPECT_EQ(check(mistyped), context_check::malformed) << field;
  }
  json ctx = sign_context(sample(), key);
  ctx["v"] = 2;
  EXPECT_EQ(check(ctx), context_check::malformed);
  ctx = sign_context(sample(), key);
  ctx["v"] = "1";
  EXPECT_EQ(check(ctx), context_check::malformed);
  ctx = sign_context(sample(), key);
  std::string mac = ctx["mac"];
  for (auto& c : mac)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  ctx["mac"] = mac;
  EXPECT_EQ(check(ctx), context_check::malformed);
  ctx["mac"] = std::string(63, 'a');
  EXPECT_EQ(check(ctx), context_check::malformed);
  ctx = sign_context(sample(), key);
  ctx["value"] = 5;  // the documented sample's number: never produced by csibot
  EXPECT_EQ(check(ctx), context_check::malformed);
}

TEST(mattermost_context, oversized_fields_are_malformed) {
  action_context big = sample();
  big.value = std::string(9'000, 'v');
  EXPECT_EQ(check(sign_context(big, key)), context_check::malformed);
  big = sample();
  big.channel = std::string(65, 'c');
  EXPECT_EQ(verify_context(sign_context(big, key), key, big.channel, user).result, context_check::malformed);
}

TEST(mattermost_context, no_context_is_missing) {
  EXPECT_EQ(check(json()), context_check::missing);
  EXPECT_EQ(check(json::object()), context_check::missing);
  EXPECT_EQ(check("context"), context_check::missing);
}

TEST(mattermost_context, a_genuine_context_is_bound_to_its_channel_and_user) {
  const json ctx = sign_context(sample(), key);
  EXPECT_EQ(verify_context(ctx, key, "otherchannel00000000000000", user).result,
            context_check::wrong_channel);
  EXPECT_EQ(verify_context(ctx, key, channel, "someoneelse000000000000000").result,
            context_check::wrong_user);
  action_context open = sample();
  open.user = "";
  open.channel = "";
  EXPECT_TRUE(verify_context(sign_context(open, key), key, "anychannel", "anyone").ok());
}

TEST(mattermost_context, members_mattermost_adds_are_ignored) {
  json ctx = sign_context(sample(), key);
  ctx["selected_option"] = "3";
  EXPECT_EQ(check(ctx), context_check::ok);
}

TEST(mattermost_context, the_key_is_derived_from_the_token) {
  EXPECT_EQ(key.size(), 32U);
  EXPECT_EQ(key, derive_context_key("xoxb-like-bot-token"));
  EXPECT_NE(key, derive_context_key("xoxb-like-bot-token2"));
  EXPECT_EQ(derive_context_key(""), "");
}

TEST(mattermost_context, checks_have_metric_names) {
  EXPECT_EQ(to_string(context_check::ok), "ok");
  EXPECT_EQ(to_string(context_check::forged), "forged");
  EXPECT_EQ(to_string(context_check::wrong_user), "wrong_user");
}

}  // namespace
}  // namespace csibot::platform::mattermost
