#include "bot/platform/mattermost/markdown.hpp"

#include <gtest/gtest.h>

#include <string>

namespace csibot::platform::mattermost {
namespace {

const std::string zw{zero_width_space};

TEST(mattermost_markdown, channel_wide_and_personal_mentions_are_neutralised) {
  EXPECT_EQ(to_markdown("@channel"), "@" + zw + "channel");
  EXPECT_EQ(to_markdown("hey @all and @here"), "hey @" + zw + "all and @" + zw + "here");
  EXPECT_EQ(to_markdown("ask @alice"), "ask @" + zw + "alice");
  EXPECT_EQ(to_markdown("(@here)"), "(@" + zw + "here)");
  EXPECT_EQ(to_markdown("`@all`"), "`@" + zw + "all`");
  EXPECT_EQ(to_markdown("*@channel*"), "**@" + zw + "channel**");
  // Slack's syntax, which the server translates into a mention.
  EXPECT_EQ(to_markdown("<!channel>"), "\\<" + zw + "!channel>");
}

TEST(mattermost_markdown, email_addresses_are_left_alone) {
  EXPECT_EQ(to_markdown("mail bob@example.com"), "mail bob@example.com");
}

TEST(mattermost_markdown, no_mention_survives_any_text) {
  for (const std::string word : {"@channel", "@all", "@here"}) {
    for (const std::string around : {" ", "(", "*", "_", "`", "\n", ".", ">", "\"", "~"}) {
      const std::string md = to_markdown(around + word + around);
      EXPECT_EQ(md.find(word), std::string::npos) << md;
    }
  }
}

TEST(mattermost_markdown, table_cells_are_one_line_and_escape_every_pipe) {
  EXPECT_EQ(table_cell("a|b\nc\td"), "a\\|b c d");
  EXPECT_EQ(table_cell("`x|y`"), "`x\\|y`");
  EXPECT_EQ(table_cell("-3 pts"), "-3 pts");
  EXPECT_EQ(table_cell("@here"), "@" + zw + "here");
}

TEST(mattermost_markdown, runes_count_code_points) {
  EXPECT_EQ(rune_count("a\xE2\x82\xAC\xF0\x9F\x98\x80"), 3U);  // a € 😀
  EXPECT_EQ(rune_count("\xFF\xFE"), 2U);                       // invalid bytes count one each
  EXPECT_EQ(rune_count(""), 0U);
  EXPECT_EQ(rune_count("\xE2\x82"), 2U);  // cut short: two bytes, neither a whole rune
  EXPECT_EQ(rune_count("\xC0\xAF"), 2U);  // overlong, as Go counts it
}

}  // namespace
}  // namespace csibot::platform::mattermost
