#include "bot/platform/slack/mrkdwn.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/markup.hpp"

namespace csibot::platform::slack {
namespace {

// What Slack shows, as plain text, for the character `c` it must not format.
std::string plain(char c) {
  return std::string("<!date^00000000^{_}|") + c + ">";
}

// `text` without its whole date fallbacks: what Slack would format.
std::string formatted_part(std::string text) {
  for (std::size_t open = text.find("<!date"); open != std::string::npos; open = text.find("<!date", open)) {
    const std::size_t close = text.find('>', open);
    if (close == std::string::npos) break;
    text.erase(open, close - open + 1);
  }
  return text;
}

// Whether every '&' in `text` starts a whole entity.
bool whole_entities(std::string_view text) {
  for (std::size_t amp = text.find('&'); amp != std::string_view::npos; amp = text.find('&', amp + 1)) {
    const std::string_view rest = text.substr(amp);
    if (!rest.starts_with("&amp;") && !rest.starts_with("&lt;") && !rest.starts_with("&gt;")) return false;
  }
  return true;
}

TEST(slack_mrkdwn, typed_markup_is_shown_as_typed) {
  const std::string reason = core::literal("*payslips* are _late_");
  EXPECT_EQ(to_mrkdwn(reason),
            plain('*') + "payslips" + plain('*') + " are " + plain('_') + "late" + plain('_'));
  EXPECT_EQ(formatted_part(to_mrkdwn(reason)), "payslips are late") << "no bare '*' or '_' left";
  EXPECT_EQ(to_mrkdwn(core::literal("`rm -rf`")), plain('`') + "rm -rf" + plain('`'));
  EXPECT_EQ(to_mrkdwn(core::literal("C:\\temp")), "C:\\temp") << "an escaped backslash is one backslash";
  EXPECT_EQ(to_mrkdwn("a\\b"), "a\\b") << "a backslash before anything else is itself";
}

TEST(slack_mrkdwn, the_bots_own_markup_stays_slack_formatting) {
  EXPECT_EQ(to_mrkdwn("*CSAT* is _up_, see `/csi stats`"), "*CSAT* is _up_, see `/csi stats`");
  EXPECT_EQ(to_mrkdwn("*Reason:* " + core::literal("*all* of it")),
            "*Reason:* " + plain('*') + "all" + plain('*') + " of it");
}

TEST(slack_mrkdwn, a_tilde_never_strikes_through) {
  EXPECT_EQ(to_mrkdwn("~gone~"), plain('~') + "gone" + plain('~'));
  EXPECT_EQ(to_mrkdwn("`~x~`"), "`~x~`") << "inside code Slack formats nothing";
}

TEST(slack_mrkdwn, escapes_inside_a_code_span_give_their_characters) {
  EXPECT_EQ(to_mrkdwn("`" + core::literal("a*b_c\\d") + "`"), "`a*b_c\\d`");
  // Nothing can put a backquote inside Slack code: one that looks the same (U+02CB) stands in.
  EXPECT_EQ(to_mrkdwn("`" + core::literal("x`y") + "`"), "`x\xCB\x8By`");
  EXPECT_EQ(to_mrkdwn("`a & <b>`"), "`a &amp; &lt;b&gt;`");
}

// A reason that starts a line with '>' reads as typed, not as a quote block; mid-line it means nothing.
TEST(slack_mrkdwn, a_greater_than_sign_at_a_line_start_is_no_quote) {
  EXPECT_EQ(to_mrkdwn("> 5 s\n  >x"), "\xC2\xAD&gt; 5 s\n  \xC2\xAD&gt;x");
  EXPECT_EQ(to_mrkdwn("a > b"), "a &gt; b");
  EXPECT_EQ(shown_text(to_mrkdwn("> 5 s")), "\xC2\xAD> 5 s");
}

TEST(slack_mrkdwn, a_backquote_that_opens_no_code_span_is_plain) {
  // An escaped backquote does not close a span; the one before it then opens none.
  EXPECT_EQ(to_mrkdwn("`a" + core::literal("`")), plain('`') + "a" + plain('`'));
  EXPECT_EQ(to_mrkdwn("`a\nb`"), plain('`') + "a\nb" + plain('`')) << "a span stays on its line";
  EXPECT_EQ(to_mrkdwn("``"), plain('`') + plain('`'));
}

TEST(slack_mrkdwn, entities_are_escaped_outside_the_fallbacks) {
  EXPECT_EQ(to_mrkdwn("<!here> & " + core::literal("*")), "&lt;!here&gt; &amp; " + plain('*'));
}

TEST(slack_plain_text, escapes_give_their_characters_and_markup_stays_as_written) {
  EXPECT_EQ(to_plain_text(core::literal("*urgent* <now> & ~") + " *bold*"),
            "*urgent* &lt;now&gt; &amp; ~ *bold*");
}

TEST(slack_plain_text, shown_text_is_what_slack_shows_of_emitted_text) {
  const std::string neutral = core::literal("*a* _b_ & <c> \\") + " ~d~ `e " + core::literal("*") + "`";
  EXPECT_EQ(shown_text(to_mrkdwn(neutral)), core::without_escapes(neutral));
  EXPECT_EQ(shown_text(escape("a < b")), "a < b");
}

TEST(slack_text, a_cut_never_falls_inside_a_date_fallback) {
  const std::string emitted = to_mrkdwn(core::literal("ab*cd"));
  EXPECT_EQ(shorten(emitted, 23), "ab\xE2\x80\xA6") << "the fallback (22) does not fit before \"…\"";
  EXPECT_EQ(shorten(emitted, 25), "ab" + plain('*') + "\xE2\x80\xA6");
  EXPECT_EQ(split_text(emitted, 22), (std::vector<std::string_view>{"ab", plain('*'), "cd"}));
}

// 2,000 random texts over `alphabet`, each emitted by `emit` and split at a random limit from
// `min_limit` up: every piece within the limit as Slack counts it, not blank, with whole entities and
// whole date fallbacks, and the pieces together give the emitted text (the spaces and line breaks
// dropped at cuts aside), so nothing is lost or reordered.
template <class Emit>
void check_random_splits(const std::vector<std::string>& alphabet, std::uint32_t seed, std::size_t min_limit,
                         Emit emit) {
  const auto next = [&seed] { return seed = seed * 1664525U + 1013904223U; };
  const auto without_separators = [](std::string_view s) {
    std::string out;
    for (const char c : s) {
      if (c != ' ' && c != '\n') out += c;
    }
    return out;
  };
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const std::size_t length = next() % 250;
    for (std::size_t i = 0; i < length; ++i)
      text += alphabet[next() % alphabet.size()];
    const std::string emitted = emit(text);
    const std::size_t limit = min_limit + next() % 60;
    std::string rejoined;
    for (const auto piece : split_text(emitted, limit)) {
      ASSERT_LE(slack_length(piece), limit) << "limit " << limit << " text " << text;
      ASSERT_NE(piece.find_first_not_of(" \n"), std::string_view::npos) << "a blank piece";
      const std::string cut_off = formatted_part(std::string(piece));
      ASSERT_EQ(cut_off.find('<'), std::string::npos) << piece;
      ASSERT_EQ(cut_off.find('>'), std::string::npos) << piece;
      ASSERT_TRUE(whole_entities(piece)) << piece;
      rejoined += piece;
    }
    ASSERT_EQ(without_separators(rejoined), without_separators(emitted)) << "limit " << limit;
  }
}

TEST(slack_text, escape_and_unescape_are_inverse_and_single_pass) {
  const std::string s = "a & b < c > d &amp; e";
  EXPECT_EQ(escape(s), "a &amp; b &lt; c &gt; d &amp;amp; e");
  EXPECT_EQ(unescape(escape(s)), s);
  EXPECT_EQ(unescape("&amp;lt;"), "&lt;");
  EXPECT_EQ(unescape("&quot; &amp &lt"), "&quot; &amp &lt");
}

TEST(slack_text, split_and_shorten_respect_limits) {
  EXPECT_TRUE(split_text(" \n \n ", 10).empty());
  EXPECT_EQ(split_text("ab cd ef", 5), (std::vector<std::string_view>{"ab cd", "ef"}));
  EXPECT_EQ(shorten("short", 10), "short");
  EXPECT_EQ(shorten("abcdefghij", 5), "abcd\xE2\x80\xA6");
  EXPECT_EQ(shorten(escape("&&&"), 6), "&amp;\xE2\x80\xA6");  // "&amp;" + "…" is 6
  EXPECT_EQ(shorten(escape("&&&"), 5), "\xE2\x80\xA6") << "never cut inside an entity";
}

TEST(slack_text, split_never_exceeds_the_limit_nor_loses_or_reorders_text) {
  check_random_splits({"a", "b", "&", "<", " ", "\n", "\xC3\xA9", "\xF0\x9F\x98\x80"}, 12345, 5,
                      [](const std::string& text) { return escape(text); });
}

// A text of nothing but escapes: no split falls inside a date fallback.
TEST(slack_text, escaped_text_splits_within_the_limit_without_splitting_an_escape) {
  check_random_splits({"\\*", "\\_", "\\`", "\\\\", "~", "*", "`", "a", "&", "<", " ", "\n"}, 4242, 22,
                      [](const std::string& neutral) { return to_mrkdwn(neutral); });
}

}  // namespace
}  // namespace csibot::platform::slack
