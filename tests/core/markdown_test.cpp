#include "core/markdown.hpp"

#include <gtest/gtest.h>

namespace csibot::core {
namespace {

TEST(core_markdown, paired_stars_become_markdown_bold) {
  EXPECT_EQ(to_markdown("CSAT is *up* this week"), "CSAT is **up** this week");
  EXPECT_EQ(to_markdown("*a* and *b c*"), "**a** and **b c**");
}

TEST(core_markdown, italics_and_code_keep_their_neutral_form) {
  EXPECT_EQ(to_markdown("_slow_ on `vpn-2`"), "_slow_ on `vpn-2`");
}

TEST(core_markdown, unpaired_stars_and_backquotes_are_literal) {
  EXPECT_EQ(to_markdown("5* rating"), "5\\* rating");
  EXPECT_EQ(to_markdown("a * b *"), "a \\* b \\*");
  EXPECT_EQ(to_markdown("it's a ` tick"), "it's a \\` tick");
  EXPECT_EQ(to_markdown("*bold\nline*"), "\\*bold\nline\\*");  // a pair never spans lines
}

TEST(core_markdown, link_image_html_table_and_strike_syntax_is_escaped) {
  EXPECT_EQ(to_markdown("[click](https://evil.example)"), "\\[click\\](https://evil.example)");
  EXPECT_EQ(to_markdown("![x](https://t.example/p.png)"), "!\\[x\\](https://t.example/p.png)");
  EXPECT_EQ(to_markdown("<b>hi</b>"), "\\<b>hi\\</b>");
  EXPECT_EQ(to_markdown("a | b"), "a \\| b");
  EXPECT_EQ(to_markdown("~~gone~~"), "\\~\\~gone\\~\\~");
  EXPECT_EQ(to_markdown("C:\\temp"), "C:\\\\temp");
}

TEST(core_markdown, block_syntax_at_a_line_start_is_escaped) {
  EXPECT_EQ(to_markdown("# big\n> quote\n- item\n+ item\n1. one\n22) two\n==="),
            "\\# big\n\\> quote\n\\- item\n\\+ item\n1\\. one\n22\\) two\n\\===");
  EXPECT_EQ(to_markdown("  # indented"), "  \\# indented");
  EXPECT_EQ(to_markdown("a # b - c 1. d"), "a # b - c 1. d");  // mid-line they mean nothing
}

TEST(core_markdown, code_spans_are_copied_without_escapes) {
  EXPECT_EQ(to_markdown("`a|b [x] *y*`"), "`a|b [x] *y*`");
}

TEST(core_markdown, escaped_markup_stays_literal_text) {
  EXPECT_EQ(to_markdown("said \\*payslips\\* are \\_late\\_"), "said \\*payslips\\* are \\_late\\_");
  EXPECT_EQ(to_markdown("run \\`ls\\` in C:\\\\temp"), "run \\`ls\\` in C:\\\\temp");
  // What people typed inside the bot's own markup: the pair is the bot's, the escaped star is theirs.
  EXPECT_EQ(to_markdown("*2\\*3 = 6*"), "**2\\*3 = 6**");
  EXPECT_EQ(to_markdown("*a\\*"), "\\*a\\*");  // an escaped star closes nothing
}

TEST(core_markdown, escapes_inside_code_spans_give_their_characters) {
  EXPECT_EQ(to_markdown("`snake\\_case`"), "`snake_case`");
  EXPECT_EQ(to_markdown("`a\\`b`"), "`` a`b ``");  // Markdown cannot escape inside code: a longer fence
  EXPECT_EQ(to_markdown("`\\\\`"), "`\\`");
}

TEST(core_markdown, line_breaks_are_kept) {
  EXPECT_EQ(to_markdown("one\ntwo\n\nthree"), "one\ntwo\n\nthree");
}

TEST(core_markdown, table_cells_are_one_line_and_escape_every_pipe) {
  const markdown_rules cell{.table_cell = true, .silencer = {}};
  EXPECT_EQ(to_markdown("a|b\nc\td", cell), "a\\|b c d");
  EXPECT_EQ(to_markdown("`x|y`", cell), "`x\\|y`");
  EXPECT_EQ(to_markdown("-3 pts", cell), "-3 pts");  // no line-start escape in a cell
}

TEST(core_markdown, mentions_are_left_alone_without_a_silencer) {
  EXPECT_EQ(to_markdown("ask @alice or <!here>"), "ask @alice or \\<!here>");
}

TEST(core_markdown, a_silencer_follows_every_mention_sign) {
  EXPECT_EQ(to_markdown("@here, bob@example.com", {.table_cell = false, .silencer = "~"}),
            "@~here, bob@example.com");
}

}  // namespace
}  // namespace csibot::core
