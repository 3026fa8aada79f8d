#include "insights/text_rules.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "insights/term_index.hpp"

namespace csibot::insights {
namespace {

std::vector<std::string> keys(const text_rules& rules, std::string_view text, bool with_stop = false) {
  std::vector<term> words;
  rules.split(text, words);
  std::vector<std::string> out;
  for (const auto& w : words)
    if (with_stop || !w.stop) out.push_back(w.key);
  return out;
}

TEST(stem, drops_dropping_and_dropped_are_one_word) {
  EXPECT_EQ(stem("drops"), "drop");
  EXPECT_EQ(stem("dropping"), "drop");
  EXPECT_EQ(stem("dropped"), "drop");
  EXPECT_EQ(stem("drop"), "drop");
}

TEST(stem, common_suffixes) {
  EXPECT_EQ(stem("crashes"), "crash");
  EXPECT_EQ(stem("crashed"), "crash");
  EXPECT_EQ(stem("updates"), "update");
  EXPECT_EQ(stem("updated"), "update");
  EXPECT_EQ(stem("installing"), "install");
  EXPECT_EQ(stem("logging"), "log");
  EXPECT_EQ(stem("needed"), "need");
  EXPECT_EQ(stem("queries"), "query");
}

// A short syllable that lost its "e" to "-ed" or "-ing" gets it back, or one theme splits in two.
TEST(stem, save_saved_and_saving_are_one_word) {
  for (const char* w : {"save", "saves", "saved", "saving"})
    EXPECT_EQ(stem(w), "save") << w;
  for (const char* w : {"close", "closed", "closing", "time", "timed"})
    EXPECT_EQ(stem(w).back(), 'e') << w;
  EXPECT_EQ(stem("fixed"), "fix");
  EXPECT_EQ(stem("crashed"), "crash");
  EXPECT_EQ(stem("opened"), "open");
  EXPECT_EQ(stem("asked"), "ask");
  EXPECT_EQ(stem("showed"), "show");
  EXPECT_EQ(stem("shipping"), "ship");
}

TEST(stem, leaves_words_that_only_look_inflected) {
  EXPECT_EQ(stem("speed"), "speed");
  EXPECT_EQ(stem("status"), "status");
  EXPECT_EQ(stem("analysis"), "analysis");
  EXPECT_EQ(stem("bus"), "bus");
  EXPECT_EQ(stem("thing"), "thing");
  EXPECT_EQ(stem("access"), "access");
}

TEST(text_rules, lower_cases_and_drops_english_stop_words_numbers_and_single_letters) {
  const text_rules rules;
  EXPECT_EQ(keys(rules, "The VPN drops EVERY 2 hours, I think!"),
            (std::vector<std::string>{"vpn", "drop", "hour", "think"}));
}

TEST(text_rules, drops_german_stop_words_and_lower_cases_umlauts) {
  const text_rules rules;
  EXPECT_EQ(keys(rules, "Die Verbindung ist sehr LANGSAM und bricht ständig ab. ÄRGERLICH!"),
            (std::vector<std::string>{"verbindung", "langsam", "bricht", "ständig", "ärgerlich"}));
}

TEST(text_rules, keeps_apostrophes_and_hyphens_inside_words) {
  const text_rules rules;
  EXPECT_EQ(keys(rules, "can’t sign-in -- wi-fi 'quote'", true),
            (std::vector<std::string>{"can't", "sign-in", "wi-fi", "quote"}));
}

TEST(text_rules, synonyms_map_to_the_canonical_word_in_any_inflection) {
  const text_rules rules({{"slow", {"sluggish", "lag", "langsam"}}, {"login", {"sign-in", "Logon"}}});
  EXPECT_EQ(keys(rules, "Sluggish, lagging, langsam and slow"),
            (std::vector<std::string>{"slow", "slow", "slow", "slow"}));
  EXPECT_EQ(keys(rules, "sign-in logon"), (std::vector<std::string>{"login", "login"}));
  std::vector<term> words;
  rules.split("sluggish", words);
  EXPECT_EQ(words[0].surface, "slow");  // the label people read is the canonical word
}

TEST(text_rules, non_letters_split_words) {
  const text_rules rules;
  EXPECT_EQ(keys(rules, "vpn…crash—again 🙁 timeout«x»"),
            (std::vector<std::string>{"vpn", "crash", "timeout"}));
}

TEST(term_index, phrases_never_span_a_stop_word_or_punctuation) {
  const text_rules rules;
  term_index index(rules);
  std::vector<std::pair<std::uint32_t, std::uint64_t>> terms;
  index.terms_of("VPN drops every hour. Hour long outage", terms);
  std::vector<std::string> got;
  for (const auto& [id, spelling] : terms) {
    index.note_spelling(id, spelling);
    got.push_back(index.label(id));
  }
  std::sort(got.begin(), got.end());
  // "drops hour" would span "every"; "hour hour" the full stop; "hour" counts once per answer.
  EXPECT_EQ(got, (std::vector<std::string>{"drops", "hour", "hour long", "long", "long outage", "outage",
                                           "vpn", "vpn drops"}));
}

}  // namespace
}  // namespace csibot::insights
