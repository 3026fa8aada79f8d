#include "commands/parser.hpp"

#include <gtest/gtest.h>

namespace csibot::commands {
namespace {

std::vector<std::string> texts(const parsed_command& p) {
  std::vector<std::string> out;
  for (const auto& a : p.args)
    out.push_back(a.text);
  return out;
}

TEST(parser, splits_name_and_arguments) {
  const auto p = parse_command("feedback vpn 2 slow");
  EXPECT_EQ(p.name, "feedback");
  EXPECT_EQ(texts(p), (std::vector<std::string>{"vpn", "2", "slow"}));
  EXPECT_EQ(p.text, "feedback vpn 2 slow");
}

// SPEC §12: control characters are removed, also before the words are matched.
TEST(parser, control_characters_are_removed_before_the_words_are_split) {
  const auto p = parse_command(std::string{"st\0ats\x01 vpn\x07 4 ok", 17});
  EXPECT_EQ(p.name, "stats");
  EXPECT_EQ(texts(p), (std::vector<std::string>{"vpn", "4", "ok"}));
  EXPECT_EQ(p.rest(0), "vpn 4 ok");
}

TEST(parser, lower_cases_the_name_only) {
  const auto p = parse_command("FeedBack VPN");
  EXPECT_EQ(p.name, "feedback");
  EXPECT_EQ(p.arg(0), "VPN");
}

TEST(parser, runs_of_white_space_separate_like_one_space) {
  const auto p = parse_command("  \tstats   vpn \n  7d  ");
  EXPECT_EQ(p.name, "stats");
  EXPECT_EQ(texts(p), (std::vector<std::string>{"vpn", "7d"}));
}

TEST(parser, empty_or_blank_line_has_no_name) {
  for (const char* blank : {"", "   ", "\t\n"}) {
    const auto p = parse_command(blank);
    EXPECT_TRUE(p.name.empty());
    EXPECT_TRUE(p.args.empty());
    EXPECT_EQ(p.rest(0), "");
  }
}

TEST(parser, straight_double_and_single_quotes_group_words) {
  const auto p = parse_command(R"(feedback "Remote access VPN" 2 'drops every hour')");
  EXPECT_EQ(texts(p), (std::vector<std::string>{"Remote access VPN", "2", "drops every hour"}));
  EXPECT_TRUE(p.args[0].quoted);
  EXPECT_FALSE(p.args[1].quoted);
}

TEST(parser, typographic_quotes_group_words) {
  // Slack and macOS turn "…" into “…”; German keyboards give „…“; French «…».
  const auto p = parse_command(
      "feedback \xE2\x80\x9CRemote access VPN\xE2\x80\x9D 4 \xE2\x80\x9E"
      "geht gut\xE2\x80\x9C \xE2\x80\x98single one\xE2\x80\x99 \xC2\xAB"
      "tr\xC3\xA8s bien\xC2\xBB");
  EXPECT_EQ(texts(p), (std::vector<std::string>{"Remote access VPN", "4", "geht gut", "single one",
                                                "tr\xC3\xA8s bien"}));
  for (std::size_t i : {0u, 2u, 3u, 4u})
    EXPECT_TRUE(p.args[i].quoted) << i;
}

TEST(parser, quoted_empty_argument_is_an_argument) {
  const auto p = parse_command(R"(feedback "" 4)");
  EXPECT_EQ(texts(p), (std::vector<std::string>{"", "4"}));
}

TEST(parser, unbalanced_quote_runs_to_the_end) {
  const auto p = parse_command(R"(feedback vpn 2 "drops every   hour)");
  ASSERT_EQ(p.args.size(), 3u);
  EXPECT_EQ(p.args[2].text, "drops every   hour");
  EXPECT_FALSE(p.args[2].quoted);  // only a closed pair counts as quoting
  EXPECT_EQ(p.rest(2), R"("drops every   hour)");
  const auto typographic = parse_command("feedback \xE2\x80\x9Cvpn 2");
  EXPECT_EQ(texts(typographic), (std::vector<std::string>{"vpn 2"}));
}

TEST(parser, apostrophe_inside_a_word_is_not_a_quote) {
  const auto p = parse_command("feedback vpn 2 it's slow, isn't it");
  EXPECT_EQ(texts(p), (std::vector<std::string>{"vpn", "2", "it's", "slow,", "isn't", "it"}));
  EXPECT_EQ(p.rest(2), "it's slow, isn't it");
}

TEST(parser, any_unicode_passes_through) {
  const std::string reason =
      "\xC3\x9C"
      "berall langsam \xF0\x9F\x90\xA2 \xE4\xB8\xAD\xE6\x96\x87";
  const auto p = parse_command("feedback vpn 2 " + reason);
  EXPECT_EQ(p.rest(2), reason);
  EXPECT_EQ(p.arg(2),
            "\xC3\x9C"
            "berall");
}

TEST(parser, non_breaking_space_is_part_of_a_word) {
  const auto p = parse_command(
      "stats vpn\xC2\xA0"
      "7d");
  EXPECT_EQ(texts(p), (std::vector<std::string>{"vpn\xC2\xA0"
                                                "7d"}));
}

TEST(parser, rest_keeps_the_original_spacing_and_punctuation) {
  const auto p = parse_command("feedback vpn 2   drops   every\thour!  \"really\" ;-)   ");
  EXPECT_EQ(p.rest(2), "drops   every\thour!  \"really\" ;-)");
  EXPECT_EQ(p.rest(1), "2   drops   every\thour!  \"really\" ;-)");
}

TEST(parser, rest_of_a_lone_quoted_argument_drops_its_quotes) {
  EXPECT_EQ(parse_command(R"(feedback vpn 2 "drops every hour")").rest(2), "drops every hour");
  EXPECT_EQ(parse_command("feedback vpn 2 \xE2\x80\x9C"
                          "drops\xE2\x80\x9D")
                .rest(2),
            "drops");
  // Quotes inside a longer reason are part of what was said.
  EXPECT_EQ(parse_command(R"(feedback vpn 2 "fast" but flaky)").rest(2), R"("fast" but flaky)");
}

TEST(parser, rest_and_arg_past_the_end_are_empty) {
  const auto p = parse_command("feedback vpn");
  EXPECT_EQ(p.rest(1), "");
  EXPECT_EQ(p.rest(99), "");
  EXPECT_EQ(p.arg(1), "");
}

TEST(parser, token_offsets_cover_the_quotes) {
  const auto tokens = tokenize(R"(a "b c" d)");
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[1].begin, 2u);
  EXPECT_EQ(tokens[1].end, 7u);
  EXPECT_EQ(tokens[2].begin, 8u);
  EXPECT_EQ(tokens[2].end, 9u);
}

// A reason may start with an apostrophe ("'cause …", "'90s kit") or a lone quote; it is stored
// verbatim (SPEC §12), so rest() must not eat a quote that was never closed.
TEST(parser, rest_keeps_an_unclosed_leading_quote) {
  EXPECT_EQ(parse_command("feedback vpn 2 'cause it drops every hour").rest(2), "'cause it drops every hour");
  EXPECT_EQ(parse_command(R"(feedback vpn 2 "drops every hour)").rest(2), R"("drops every hour)");
}

}  // namespace
}  // namespace csibot::commands
