#include "core/ref.hpp"

#include <gtest/gtest.h>

namespace csibot::core {
namespace {

TEST(ref, parse_ref_reads_platform_and_id) {
  const auto r = parse_ref("slack:U0123");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->platform, "slack");
  EXPECT_EQ(r->id, "U0123");
  EXPECT_EQ(r->str(), "slack:U0123");
}

TEST(ref, every_known_platform_is_accepted) {
  for (const char* p : {"local", "slack", "mattermost", "discord"}) {
    EXPECT_TRUE(parse_ref(std::string{p} + ":x")) << p;
    EXPECT_TRUE(is_known_platform(p));
  }
}

TEST(ref, id_may_contain_a_colon) {
  EXPECT_EQ(parse_ref("mattermost:team:chan")->id, "team:chan");
}

TEST(ref, parse_ref_rejects_unknown_platform_empty_or_spaced_id) {
  for (const char* bad : {"", "slack", "slack:", ":U0123", "teams:U0123", "Slack:U0123", "slack:U 0123",
                          "slack:U0123 ", "slack:\tU", "slack:U\n"}) {
    EXPECT_FALSE(parse_ref(bad)) << bad;
  }
}

TEST(ref, refs_order_by_platform_then_id) {
  EXPECT_LT((ref{"local", "z"}), (ref{"slack", "a"}));
  EXPECT_LT((ref{"slack", "a"}), (ref{"slack", "b"}));
  EXPECT_EQ((ref{"slack", "a"}), *parse_ref("slack:a"));
}

}  // namespace
}  // namespace csibot::core
