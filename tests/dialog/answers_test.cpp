#include "dialog/answers.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/i18n.hpp"
#include "dialog/test_support.hpp"

namespace csibot::dialog {
namespace {

using core::scale;

const std::string thumbs_up = "\xF0\x9F\x91\x8D";
const std::string thumbs_down = "\xF0\x9F\x91\x8E";

// The *bold* words of a German text that are not placeholders: the words it asks people to type.
std::vector<std::string> words_to_type(std::string_view key) {
  const std::string text = core::tr("de", key);
  std::vector<std::string> words;
  for (auto open = text.find('*'); open != std::string::npos; open = text.find('*', open + 1)) {
    const auto close = text.find('*', open + 1);
    if (close == std::string::npos) break;
    const auto word = text.substr(open + 1, close - open - 1);
    if (word.find('{') == std::string::npos) words.push_back(word);
    open = close;
  }
  return words;
}

TEST(answers, steering_words_are_case_insensitive_and_trimmed) {
  EXPECT_TRUE(is_skip("skip"));
  EXPECT_TRUE(is_skip("  SKIP \n"));
  EXPECT_TRUE(is_skip("-"));
  EXPECT_TRUE(is_skip("n/a"));
  EXPECT_FALSE(is_skip("skipping lunch"));
  EXPECT_TRUE(is_cancel("Cancel"));
  EXPECT_TRUE(is_cancel("stop"));
  EXPECT_FALSE(is_cancel("please do not stop"));
  EXPECT_TRUE(is_yes("Yes"));
  EXPECT_TRUE(is_yes("y"));
  EXPECT_FALSE(is_yes("yes but"));
  EXPECT_FALSE(is_yes(""));
}

TEST(answers, german_steering_words_are_understood_in_any_case) {
  for (const char* skip :
       {"überspringen", "Überspringen", "ÜBERSPRINGEN", " ueberspringen ", "k. A.", "k.a.", "Keine Angabe"})
    EXPECT_TRUE(is_skip(skip)) << skip;
  for (const char* cancel : {"abbrechen", "Abbrechen", "Stopp", "abbruch"})
    EXPECT_TRUE(is_cancel(cancel)) << cancel;
  for (const char* yes : {"ja", "Ja", "J", "jep", "Klar", "genau"})
    EXPECT_TRUE(is_yes(yes)) << yes;
  EXPECT_FALSE(is_yes("nein"));
  EXPECT_FALSE(is_yes("ja aber"));
  EXPECT_FALSE(is_skip("überspringen bitte"));
  EXPECT_FALSE(is_cancel("nicht abbrechen"));
  EXPECT_FALSE(is_skip("Ü"));
}

// Whatever a German text asks people to type must work when typed, read from the catalog itself so
// that a reworded text cannot drift away from the parser.
TEST(answers, every_word_the_german_texts_ask_for_is_understood) {
  EXPECT_EQ(words_to_type("flow.choose.did_you_mean"), std::vector<std::string>{"ja"});
  for (const auto& w : words_to_type("flow.choose.did_you_mean"))
    EXPECT_TRUE(is_yes(w)) << w;
  EXPECT_EQ(words_to_type("flow.rating.invalid_thumbs"), (std::vector<std::string>{"ja", "nein"}));
  EXPECT_EQ(parse_rating(scale::thumbs, words_to_type("flow.rating.invalid_thumbs").at(0)), 1);
  EXPECT_EQ(parse_rating(scale::thumbs, words_to_type("flow.rating.invalid_thumbs").at(1)), 0);
  for (const char* key : {"flow.reason.question", "flow.usage.question", "flow.impact.invalid"}) {
    ASSERT_FALSE(words_to_type(key).empty()) << key;
    for (const auto& w : words_to_type(key))
      EXPECT_TRUE(is_skip(w)) << key << ": " << w;
  }
  for (const char* key : {"flow.note.identified", "flow.note.pseudonymous", "flow.note.anonymous"}) {
    ASSERT_FALSE(words_to_type(key).empty()) << key;
    for (const auto& w : words_to_type(key))
      EXPECT_TRUE(is_cancel(w)) << key << ": " << w;
  }
  EXPECT_EQ(words_to_type("flow.empty"), (std::vector<std::string>{"überspringen", "abbrechen"}));
  EXPECT_TRUE(is_skip(words_to_type("flow.empty").at(0)));
  EXPECT_TRUE(is_cancel(words_to_type("flow.empty").at(1)));
}

TEST(answers, impact_button_labels_typed_back_are_understood_in_both_languages) {
  using core::impact;
  for (const char* language : {"en", "de"}) {
    for (const auto i : {impact::blocks, impact::slows, impact::minor, impact::none}) {
      const auto label = core::tr(language, "flow.impact." + std::string{core::to_string(i)});
      EXPECT_EQ(parse_impact_answer(label), i) << language << ": " << label;
      EXPECT_EQ(parse_impact_answer(core::tr(language, "insights.impact." + std::string{core::to_string(i)})),
                i)
          << language;
    }
  }
}

TEST(answers, german_thumbs_and_impact_words) {
  using core::impact;
  EXPECT_EQ(parse_rating(scale::thumbs, "Ja"), 1);
  EXPECT_EQ(parse_rating(scale::thumbs, "gut"), 1);
  EXPECT_EQ(parse_rating(scale::thumbs, "Nein"), 0);
  EXPECT_EQ(parse_rating(scale::thumbs, "schlecht"), 0);
  EXPECT_FALSE(parse_rating(scale::csat5, "ja"));
  EXPECT_EQ(parse_impact_answer("Blockiert"), impact::blocks);
  EXPECT_EQ(parse_impact_answer("bremst"), impact::slows);
  EXPECT_EQ(parse_impact_answer("langsam"), impact::slows);
  EXPECT_EQ(parse_impact_answer("gering"), impact::minor);
  EXPECT_EQ(parse_impact_answer("GERINGFÜGIG"), impact::minor);
  EXPECT_EQ(parse_impact_answer("keine"), impact::none);
  EXPECT_EQ(parse_impact_answer("nein"), impact::none);
  EXPECT_FALSE(parse_impact_answer("es ist furchtbar"));
}

TEST(answers, typed_rating_reads_plain_numbers_in_range) {
  EXPECT_EQ(parse_rating(scale::csat5, "4"), 4);
  EXPECT_EQ(parse_rating(scale::csat5, " 1 "), 1);
  EXPECT_EQ(parse_rating(scale::nps10, "0"), 0);
  EXPECT_EQ(parse_rating(scale::nps10, "10"), 10);
  EXPECT_EQ(parse_rating(scale::ces7, "7"), 7);
}

TEST(answers, typed_rating_reads_score_over_scale) {
  EXPECT_EQ(parse_rating(scale::csat5, "4/5"), 4);
  EXPECT_EQ(parse_rating(scale::csat5, "4 / 5"), 4);
  EXPECT_EQ(parse_rating(scale::nps10, "9/10"), 9);
  EXPECT_FALSE(parse_rating(scale::csat5, "4/10"));  // not this scale's denominator
  EXPECT_FALSE(parse_rating(scale::csat5, "6/5"));
  EXPECT_FALSE(parse_rating(scale::csat5, "4/"));
  EXPECT_FALSE(parse_rating(scale::csat5, "/5"));
}

TEST(answers, typed_rating_rejects_out_of_range_and_non_numbers) {
  for (const char* bad :
       {"0", "6", "-1", "+4", "4.5", "four", "", "  ", "4 stars", "99999999999999999999", "4x"}) {
    EXPECT_FALSE(parse_rating(scale::csat5, bad)) << bad;
  }
  EXPECT_FALSE(parse_rating(scale::nps10, "11"));
  EXPECT_FALSE(parse_rating(scale::ces7, "8"));
}

TEST(answers, thumbs_takes_emoji_and_words) {
  EXPECT_EQ(parse_rating(scale::thumbs, thumbs_up), 1);
  EXPECT_EQ(parse_rating(scale::thumbs, thumbs_down), 0);
  EXPECT_EQ(parse_rating(scale::thumbs, "Yes"), 1);
  EXPECT_EQ(parse_rating(scale::thumbs, "up"), 1);
  EXPECT_EQ(parse_rating(scale::thumbs, ":thumbsup:"), 1);
  EXPECT_EQ(parse_rating(scale::thumbs, "no"), 0);
  EXPECT_EQ(parse_rating(scale::thumbs, "down"), 0);
  EXPECT_EQ(parse_rating(scale::thumbs, "1"), 1);
  EXPECT_EQ(parse_rating(scale::thumbs, "0"), 0);
  EXPECT_FALSE(parse_rating(scale::thumbs, "2"));
  EXPECT_FALSE(parse_rating(scale::thumbs, "maybe"));
  // Thumbs words mean nothing on a numeric scale.
  EXPECT_FALSE(parse_rating(scale::csat5, thumbs_up));
  EXPECT_FALSE(parse_rating(scale::csat5, "yes"));
}

TEST(answers, typed_impact_takes_numbers_and_words) {
  using core::impact;
  EXPECT_EQ(parse_impact_answer("1"), impact::blocks);
  EXPECT_EQ(parse_impact_answer("Blocks me"), impact::blocks);
  EXPECT_EQ(parse_impact_answer("2"), impact::slows);
  EXPECT_EQ(parse_impact_answer("slows me down"), impact::slows);
  EXPECT_EQ(parse_impact_answer(" slow "), impact::slows);
  EXPECT_EQ(parse_impact_answer("3"), impact::minor);
  EXPECT_EQ(parse_impact_answer("minor"), impact::minor);
  EXPECT_EQ(parse_impact_answer("4"), impact::none);
  EXPECT_EQ(parse_impact_answer("No impact"), impact::none);
  EXPECT_FALSE(parse_impact_answer("5"));
  EXPECT_FALSE(parse_impact_answer("0"));
  EXPECT_FALSE(parse_impact_answer("it is terrible"));
  EXPECT_FALSE(parse_impact_answer(""));
}

TEST(answers, match_service_by_id_name_and_list_number) {
  const auto catalog = test::test_catalog();
  EXPECT_EQ(match_service(catalog, "vpn").found->id, "vpn");
  EXPECT_EQ(match_service(catalog, " VPN ").found->id, "vpn");
  EXPECT_EQ(match_service(catalog, "remote access vpn").found->id, "vpn");
  EXPECT_EQ(match_service(catalog, "1").found->id, "ci-cd");
  EXPECT_EQ(match_service(catalog, "7").found->id, "vpn");
  EXPECT_EQ(match_service(catalog, "7").suggestion, nullptr);
}

TEST(answers, match_service_suggests_near_misses) {
  const auto catalog = test::test_catalog();
  const auto typo = match_service(catalog, "vpm");
  EXPECT_EQ(typo.found, nullptr);
  ASSERT_NE(typo.suggestion, nullptr);
  EXPECT_EQ(typo.suggestion->id, "vpn");
  EXPECT_EQ(match_service(catalog, "lap").suggestion->id, "laptop-provisioning");
  EXPECT_EQ(match_service(catalog, "Remote acces VPN").suggestion->id, "vpn");
}

TEST(answers, match_service_finds_nothing_for_unrelated_text_or_bad_numbers) {
  const auto catalog = test::test_catalog();
  for (const char* typed : {"zzz", "", "   ", "0", "8", "-1", "99"}) {
    const auto m = match_service(catalog, typed);
    EXPECT_EQ(m.found, nullptr) << typed;
    EXPECT_EQ(m.suggestion, nullptr) << typed;
  }
  EXPECT_EQ(match_service({}, "vpn").found, nullptr);
}

TEST(answers, numbers_are_told_from_the_first_word_of_a_comment) {
  for (const char* typed : {"6", " 4 ", "-1", "+3", "4.5", "4,5", "6/5", "11"})
    EXPECT_TRUE(looks_like_number(typed)) << typed;
  for (const char* typed : {"great", "5G", "", "-", "/5", "four"})
    EXPECT_FALSE(looks_like_number(typed)) << typed;
}

std::size_t words_of_service(std::vector<std::string> words) {
  return service_words(test::test_catalog(), words);
}

TEST(answers, a_service_name_of_several_words_is_found_at_the_start_of_a_line) {
  EXPECT_EQ(words_of_service({"Email", "and", "calendar"}), 3u);
  EXPECT_EQ(words_of_service({"remote", "ACCESS", "vpn", "4", "slow"}), 3u);
  EXPECT_EQ(words_of_service({"vpn", "4", "slow"}), 1u);
  EXPECT_EQ(words_of_service({"Remote access VPN", "4"}), 1u);  // quoted: one word already
  // A typo in a name of several words is taken as that name, for "did you mean".
  EXPECT_EQ(words_of_service({"Remote", "acess", "VPN", "2", "slow"}), 3u);
  // The whole line is not a near miss of a name just because it starts with one.
  EXPECT_EQ(words_of_service({"Email", "and", "calendar", "is", "slow"}), 3u);
  EXPECT_EQ(words_of_service({"vpm", "2"}), 1u);
  EXPECT_EQ(words_of_service({"zzz", "yyy", "xxx"}), 1u);
  EXPECT_EQ(words_of_service({}), 0u);
}

TEST(answers, rating_label_reads_as_people_write_it) {
  EXPECT_EQ(rating_label(scale::csat5, 4), "4/5");
  EXPECT_EQ(rating_label(scale::nps10, 0), "0/10");
  EXPECT_EQ(rating_label(scale::thumbs, 1), thumbs_up);
  EXPECT_EQ(rating_label(scale::thumbs, 0), thumbs_down);
}

}  // namespace
}  // namespace csibot::dialog
