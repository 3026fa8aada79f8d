#include "core/i18n.hpp"

#include <gtest/gtest.h>

#include <set>

namespace csibot::core {
namespace {

TEST(i18n, tr_fills_placeholders) {
  EXPECT_EQ(
      tr("en", "flow.thanks", {{"id", "42"}, {"service", "Remote access VPN"}}),
      "Thank you! Your feedback on Remote access VPN is *#42*. I'll let you know when it leads to a change.");
}

TEST(i18n, tr_fills_a_placeholder_used_twice) {
  EXPECT_EQ(tr("en", "flow.truncated", {{"max", "4000"}}),
            "Your answer was longer than 4000 characters, so I kept the first 4000.");
}

TEST(i18n, tr_leaves_a_placeholder_without_value_visible) {
  EXPECT_EQ(tr("en", "flow.thanks", {{"id", "7"}}).find("{service}") != std::string::npos, true);
}

TEST(i18n, tr_does_not_expand_placeholders_inside_values) {
  // What a person typed is put in as it is, even when it looks like a placeholder.
  EXPECT_EQ(tr("en", "flow.choose.unknown", {{"typed", "{typed}{id}"}}),
            "I don't know a service called *{typed}{id}*. Pick one from the list:");
}

TEST(i18n, unknown_key_shows_a_marker_with_the_key) {
  EXPECT_EQ(tr("en", "no.such.key"), "\u27e8no.such.key\u27e9");
  EXPECT_EQ(tr("xx", "no.such.key", {{"a", "b"}}), "\u27e8no.such.key\u27e9");
}

TEST(i18n, unknown_language_falls_back_to_english) {
  EXPECT_EQ(tr("xx", "flow.stale"), tr("en", "flow.stale"));
  EXPECT_EQ(language_of(""), "en");
  EXPECT_EQ(language_of("fr-FR"), "en");
}

TEST(i18n, catalog_keys_are_unique_and_texts_non_empty) {
  std::set<std::string_view> seen;
  for (const auto& [key, text] : english_catalog()) {
    EXPECT_TRUE(seen.insert(key).second) << "duplicate key " << key;
    EXPECT_FALSE(text.empty()) << key;
  }
  EXPECT_EQ(catalog_keys().size(), english_catalog().size());
}

// Every "{" opens a placeholder of lower-case letters and '_' that a "}" closes, and no "}" stands
// alone: a typo such as "{id" would otherwise leak into what people read.
TEST(i18n, every_catalog_text_has_balanced_braces) {
  for (const auto& [key, text] : english_catalog()) {
    bool open = false;
    std::size_t name_length = 0;
    for (char c : text) {
      if (c == '{') {
        EXPECT_FALSE(open) << key << ": nested '{' in " << text;
        open = true;
        name_length = 0;
      } else if (c == '}') {
        EXPECT_TRUE(open) << key << ": '}' without '{' in " << text;
        EXPECT_GT(name_length, 0u) << key << ": empty placeholder in " << text;
        open = false;
      } else if (open) {
        EXPECT_TRUE((c >= 'a' && c <= 'z') || c == '_') << key << ": odd placeholder character in " << text;
        ++name_length;
      }
    }
    EXPECT_FALSE(open) << key << ": unclosed '{' in " << text;
  }
}

TEST(i18n, every_catalog_text_is_filled_completely_when_all_its_placeholders_are_given) {
  for (const auto& [key, text] : english_catalog()) {
    const auto out = tr("en", key, {{"service", "S"},        {"id", "1"},         {"typed", "T"},
                                    {"name", "N"},           {"min", "0"},        {"max", "9"},
                                    {"choice", "C"},         {"command", "/csi"}, {"suggestion", "help"},
                                    {"usage", "U"},          {"period", "7d"},    {"count", "3"},
                                    {"target", "85"},        {"schedule", "S"},   {"channel", "C"},
                                    {"from", "F"},           {"to", "T"},         {"request", "R"},
                                    {"score", "80 %"},       {"delta", "+5"},     {"why", "W"},
                                    {"theme", "slow"},       {"mean", "3.2"},     {"quote", "Q"},
                                    {"rate", "40 %"},        {"answered", "4"},   {"sent", "10"},
                                    {"criticality", "high"}, {"unhappy", "38 %"}, {"impact", "slows"},
                                    {"share", "60 %"},       {"n", "12"},         {"median", "20"},
                                    {"rating", "4/5"},       {"admins", "A"},     {"action", "act"},
                                    {"services", "S"},       {"owners", "O"},     {"user", "U"},
                                    {"what", "W"},           {"timezone", "Z"},   {"next", "X"},
                                    {"until", "U"},          {"since", "S"},      {"budget", "2"},
                                    {"ticket", "INC-1"},     {"scheduled", "4"},  {"members", "5"},
                                    {"held", "1"},           {"targets", "#g"},   {"chat", "."},
                                    {"answers", "2"},        {"prompts", "1"},    {"conversations", "1"},
                                    {"messages", "3"},       {"field", "owners"}});
    EXPECT_EQ(out.find('{'), std::string::npos) << key << ": " << out;
    EXPECT_EQ(out.find("\u27e8"), std::string::npos) << key;
  }
}

TEST(i18n, the_conversation_texts_exist) {
  for (const char* key : {"flow.choose.text", "flow.choose.did_you_mean", "flow.rating.question.csat5",
                          "flow.rating.question.nps10", "flow.rating.question.ces7",
                          "flow.rating.question.thumbs", "flow.reason.question", "flow.impact.question",
                          "flow.usage.question", "flow.thanks", "flow.truncated", "flow.empty", "flow.stale",
                          "flow.cancelled.kept", "flow.cancelled.nothing", "cmd.unknown", "error.internal"}) {
    EXPECT_EQ(tr("en", key).find("\u27e8"), std::string::npos) << key;
  }
}

}  // namespace
}  // namespace csibot::core
