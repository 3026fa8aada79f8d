#include "bot/platform/mattermost/markdown.hpp"

#include <gtest/gtest.h>

#include <string>

namespace csibot::platform::mattermost {
namespace {

const std::string zw{zero_width_space};

TEST(mattermost_markdown, paired_stars_become_markdown_bold) {
  EXPECT_EQ(to_markdown("CSAT is *up* this week"), "CSAT is **up** this week");
  EXPECT_EQ(to_markdown("*a* and *b c*"), "**a** and **b c**");
}

TEST(mattermost_markdown, italics_and_code_keep_their_neutral_form) {
  EXPECT_EQ(to_markdown("_slow_ on `vpn-2`"), "_slow_ on `vpn-2`");
}

TEST(mattermost_markdown, unpaired_stars_and_backquotes_are_literal) {
  EXPECT_EQ(to_markdown("5* rating"), "5\\* rating");
  EXPECT_EQ(to_markdown("a * b *"), "a \\* b \\*");
  EXPECT_EQ(to_markdown("it's a ` tick"), "it's a \\` tick");
  EXPECT_EQ(to_markdown("*bold\nline*"), "\\*bold\nline\\*");  // a pair never spans lines
}

TEST(mattermost_markdown, link_image_html_table_and_strike_syntax_is_escaped) {
  EXPECT_EQ(to_markdown("[click](https://evil.example)"), "\\[click\\](https://evil.example)");
  EXPECT_EQ(to_markdown("![x](https://t.example/p.png)"), "!\\[x\\](https://t.example/p.png)");
  EXPECT_EQ(to_markdown("<b>hi</b>"), "\\<b>hi\\</b>");
  EXPECT_EQ(to_markdown("a | b"), "a \\| b");
  EXPECT_EQ(to_markdown("~~gone~~"), "\\~\\~gone\\~\\~");
  EXPECT_EQ(to_markdown("C:\\temp"), "C:\\\\temp");
}

TEST(mattermost_markdown, block_syntax_at_a_line_start_is_escaped) {
  EXPECT_EQ(to_markdown("# big\n> quote\n- item\n+ item\n1. one\n22) two\n==="),
            "\\# big\n\\> quote\n\\- item\n\\+ item\n1\\. one\n22\\) two\n\\===");
  EXPECT_EQ(to_markdown("  # indented"), "  \\# indented");
  EXPECT_EQ(to_markdown("a # b - c 1. d"), "a # b - c 1. d");  // mid-line they mean nothing
}

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

TEST(mattermost_markdown, code_spans_are_copied_without_escapes) {
  EXPECT_EQ(to_markdown("`a|b [x] *y*`"), "`a|b [x] *y*`");
}

TEST(mattermost_markdown, table_cells_are_one_line_and_escape_every_pipe) {
  EXPECT_EQ(table_cell("a|b\nc\td"), "a\\|b c d");
  EXPECT_EQ(table_cell("`x|y`"), "`x\\|y`");
  EXPECT_EQ(table_cell("-3 pts"), "-3 pts");
  EXPECT_EQ(table_cell("@here"), "@" + zw + "here");
}

TEST(mattermost_markdown, line_breaks_are_kept) {
  EXPECT_EQ(to_markdown("one\ntwo\n\nthree"), "one\ntwo\n\nthree");
}

TEST(mattermost_markdown, runes_count_code_points) {
  EXPECT_EQ(rune_count("a\xE2\x82\xAC\xF0\x9F\x98\x80"), 3U);  // a € 😀
  EXPECT_EQ(rune_count("\xFF\xFE"), 2U);                       // invalid bytes count one each
  EXPECT_EQ(rune_count(""), 0U);
  EXPECT_EQ(rune_count("\xE2\x82"), 2U);  // cut short: two bytes, neither a whole rune
  EXPECT_EQ(rune_count("\xC0\xAF"), 2U);  // overlong, as Go counts it
}

TEST(mattermost_markdown, one_line_trims_and_flattens) {
  EXPECT_EQ(one_line("  a\nb\tc\r "), "a b c");
}

}  // namespace
}  // namespace csibot::platform::mattermost
