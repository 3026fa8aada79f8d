#include "insights/themes.hpp"

#include <gtest/gtest.h>

#include "core/text.hpp"

namespace csibot::insights {
namespace {

// A small fixed corpus on csat5: seven unhappy reasons (1–2), four happy ones (4–5), one neutral.
struct corpus_fixture : ::testing::Test {
  text_rules rules{{{"slow", {"sluggish", "langsam"}}}};
  theme_accumulator acc{core::scale::csat5, rules};

  void SetUp() override {
    acc.add(1, "VPN drops every hour");
    acc.add(2, "The connection dropped twice today");
    acc.add(1, "keeps dropping when I switch networks");
    acc.add(1, "drops again");
    acc.add(2, "Die Verbindung bricht ständig ab und ist sehr langsam");
    acc.add(2, "so sluggish in the morning");
    acc.add(1, "really slow login");
    acc.add(5, "works fine, fast login");
    acc.add(4, "login is quick and easy");
    acc.add(5, "fast and reliable");
    acc.add(5, "Die Verbindung ist stabil");
    acc.add(3, "it drops now and then");
  }
};

// Terms are ranked by z-scored log-odds with α = 0.5, U = 7 unhappy, H = 4 happy answers:
//   "drop":  a = 4, b = 0: δ = ln(4.5/3.5) − ln(0.5/4.5) = 0.25131 + 2.19722 = 2.44853;
//            var = 1/4.5 + 1/3.5 + 1/0.5 + 1/4.5 = 2.73016; z = 2.44853 / 1.65232 = 1.48188.
//   "slow" (slow, sluggish, langsam): a = 3, b = 0: δ = ln(3.5/4.5) + 2.19722 = 1.94591;
//            var = 2.73016; z = 1.17768.
//   "login": a = 1, b = 2: δ = ln(1.5/6.5) − ln(2.5/2.5) < 0 → not a theme of pain.
TEST_F(corpus_fixture, ranks_words_that_separate_unhappy_from_happy) {
  const auto themes = acc.top(5);
  ASSERT_GE(themes.size(), 2u);
  EXPECT_EQ(themes[0].label, "drops");  // drops ×3, dropped, dropping: one theme, most common spelling
  EXPECT_EQ(themes[0].count, 5);        // the neutral "it drops now and then" counts too
  EXPECT_NEAR(themes[0].mean_rating, (1 + 2 + 1 + 1 + 3) / 5.0, 1e-9);
  EXPECT_NEAR(themes[0].score, 1.48188, 0.00005);
  EXPECT_EQ(themes[0].quote, "VPN drops every hour");  // the first unhappy reason that says it
  EXPECT_EQ(themes[1].label, "slow");
  EXPECT_EQ(themes[1].count, 3);
  EXPECT_NEAR(themes[1].score, 1.17768, 0.00005);
  EXPECT_NEAR(themes[1].mean_rating, 5.0 / 3, 1e-9);
  for (const auto& t : themes) {
    EXPECT_NE(t.label, "login");
    EXPECT_NE(t.label, "verbindung");  // once unhappy, once happy: separates nothing
    EXPECT_NE(t.label, "die");         // German stop-words never become themes
    EXPECT_NE(t.label, "ist");
  }
  EXPECT_EQ(acc.answers(), 12);
}

TEST_F(corpus_fixture, limit_and_minimum_count_apply) {
  EXPECT_EQ(acc.top(1).size(), 1u);
  for (const auto& t : acc.top(50))
    EXPECT_GE(t.count, 2) << t.label;
}

TEST(themes, a_phrase_said_twice_becomes_a_theme) {
  text_rules rules;
  theme_accumulator acc(core::scale::csat5, rules);
  acc.add(1, "password reset fails");
  acc.add(2, "Password reset is broken");
  acc.add(5, "password manager is great");
  acc.add(4, "great tool");
  bool found = false;
  for (const auto& t : acc.top(10))
    found = found || (t.label == "password reset" && t.count == 2);
  EXPECT_TRUE(found);
}

TEST(themes, a_word_repeated_in_one_answer_counts_once) {
  text_rules rules;
  theme_accumulator acc(core::scale::csat5, rules);
  acc.add(1, "crash crash crash crash");
  acc.add(5, "fine");
  EXPECT_TRUE(acc.top(5).empty());  // one answer is below the minimum of two
}

// Every unhappy answer of Laptop provisioning names the laptop; the theme worth reading is what
// went wrong with it, not the service's own name (nor its id, nor the pair the name makes).
TEST(themes, the_services_own_name_is_never_a_theme) {
  text_rules rules;
  theme_accumulator acc(core::scale::csat5, rules);
  acc.leave_out("Laptop provisioning");
  acc.leave_out("laptop-provisioning");
  acc.add(1, "laptop arrived late");
  acc.add(2, "Laptop arrived late again");
  acc.add(1, "laptop provisioning took weeks");
  acc.add(2, "the laptop took ages");
  acc.add(5, "smooth");
  acc.add(4, "all good");
  const auto themes = acc.top(20);
  ASSERT_FALSE(themes.empty());
  // The phrase first, and its words not again: the same two answers say all three.
  EXPECT_EQ(themes[0].label, "arrived late");
  bool late = false;
  for (const auto& t : themes) {
    EXPECT_NE(core::ascii_lower(t.label), "laptop");
    EXPECT_NE(core::ascii_lower(t.label), "provisioning");
    EXPECT_NE(core::ascii_lower(t.label), "laptop provisioning");
    EXPECT_NE(t.label, "took") << "a verb of no content is a stop-word";
    EXPECT_NE(t.label, "arrived");
    late = late || t.label == "late";
  }
  EXPECT_FALSE(late) << "said by the phrase";
}

TEST(usage, the_services_own_name_is_not_what_it_is_used_for) {
  text_rules rules;
  usage_accumulator acc(rules);
  acc.leave_out("Email and calendar");
  acc.add("email to customers");
  acc.add("Email to customers and the team calendar");
  const auto top = acc.top(5);
  ASSERT_FALSE(top.empty());
  EXPECT_EQ(top[0].label, "customers");
  for (const auto& t : top) {
    EXPECT_NE(core::ascii_lower(t.label), "email");
    EXPECT_NE(core::ascii_lower(t.label), "calendar");
  }
}

TEST(themes, the_quote_is_one_line_of_at_most_120_characters) {
  text_rules rules;
  theme_accumulator acc(core::scale::csat5, rules);
  std::string long_reason = "timeout\nafter ";
  for (int i = 0; i < 40; ++i)
    long_reason += "ständig ";
  acc.add(1, long_reason);
  acc.add(1, "timeout");
  const auto themes = acc.top(1);
  ASSERT_EQ(themes.size(), 1u);
  EXPECT_EQ(themes[0].label, "timeout");
  EXPECT_EQ(core::utf8_length(themes[0].quote), max_quote_chars);
  EXPECT_TRUE(themes[0].quote.starts_with("timeout after ständig"));
  EXPECT_TRUE(themes[0].quote.ends_with("\u2026"));
  EXPECT_EQ(themes[0].quote.find('\n'), std::string::npos);
}

TEST(themes, nps_detractors_are_the_unhappy_side) {
  text_rules rules;
  theme_accumulator acc(core::scale::nps10, rules);
  acc.add(3, "billing errors");
  acc.add(6, "billing errors again");
  acc.add(10, "great support");
  acc.add(9, "great support team");
  const auto themes = acc.top(10);
  ASSERT_FALSE(themes.empty());
  EXPECT_TRUE(themes[0].label == "billing" || themes[0].label == "errors" ||
              themes[0].label == "billing errors");
  for (const auto& t : themes)
    EXPECT_NE(t.label, "great");
}

TEST(usage, counts_what_people_use_a_service_for) {
  text_rules rules;
  usage_accumulator acc(rules);
  acc.add("Remote work from home");
  acc.add("remote work");
  acc.add("Accessing the SAP system remotely");
  acc.add("SAP");
  acc.add("home office");
  const auto top = acc.top(3);
  ASSERT_EQ(top.size(), 3u);
  EXPECT_EQ(top[0].count, 2);
  EXPECT_EQ(acc.answers(), 5);
  // "home", "remote", "remote work", "sap", "work" all have two answers. The phrase comes first and
  // says "remote" and "work" for the same answers, so they are left out; then ties go by label.
  EXPECT_EQ(top[0].label, "remote work");
  EXPECT_EQ(top[1].label, "home");
  EXPECT_EQ(top[2].label, "sap");
}

}  // namespace
}  // namespace csibot::insights
