#include "core/i18n.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "core/text.hpp"

namespace csibot::core {
namespace {

struct shipped {
  const char* language;
  const catalog& texts;
};
// Every catalog that ships: the checks of a well-formed text apply to each.
std::vector<shipped> shipped_catalogs() {
  return {{"en", english_catalog()}, {"de", german_catalog()}};
}

std::map<std::string_view, std::string_view> by_key(const catalog& texts) {
  return {texts.begin(), texts.end()};
}

std::multiset<std::string> placeholders(std::string_view text) {
  std::multiset<std::string> names;
  for (auto open = text.find('{'); open != std::string_view::npos; open = text.find('{', open + 1)) {
    const auto close = text.find('}', open);
    if (close == std::string_view::npos) break;
    names.emplace(text.substr(open + 1, close - open - 1));
  }
  return names;
}

// The neutral markup characters and the emoji (four-byte UTF-8 sequences) of a text.
std::multiset<std::string> markup_and_emoji(std::string_view text) {
  std::multiset<std::string> out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '*' || text[i] == '_' || text[i] == '`') out.emplace(1, text[i]);
    if (static_cast<unsigned char>(text[i]) >= 0xF0 && i + 4 <= text.size()) out.emplace(text.substr(i, 4));
  }
  return out;
}

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
  EXPECT_EQ(tr("", "flow.stale"), "That question has already been answered.");
}

TEST(i18n, language_of_maps_every_german_locale_to_german) {
  for (const char* locale : {"de", "de-DE", "de_DE", "de-AT", "de_AT", "de-CH", "DE", "De-de", "de_DE.UTF-8"})
    EXPECT_EQ(language_of(locale), "de") << locale;
}

TEST(i18n, language_of_maps_everything_else_to_english) {
  for (const char* locale : {"", "en", "en-US", "en_GB", "fr-FR", "nl", "d", "deu", "dee", "de@", "ed-DE",
                             "-de", "_DE", "es-DE", "dk"})
    EXPECT_EQ(language_of(locale), "en") << locale;
}

TEST(i18n, decimals_take_the_languages_mark) {
  EXPECT_EQ(decimal(3.44, "en"), "3.4");
  EXPECT_EQ(decimal(3.46, "de"), "3,5");
  EXPECT_EQ(decimal(2, "de-AT"), "2,0");
  EXPECT_EQ(with_decimal_mark("10.5", "de"), "10,5");
  EXPECT_EQ(with_decimal_mark("10.5", "fr"), "10.5") << "English for any language not shipped";
  EXPECT_EQ(decimal(1e300, "en").size(), 303u) << "the widest value still fits";
}

TEST(i18n, tr_in_german_speaks_german) {
  EXPECT_EQ(
      tr("de", "flow.thanks", {{"id", "42"}, {"service", "Remote access VPN"}}),
      "Danke! Dein Feedback zu Remote access VPN hat die Nummer *#42*. Ich sage dir Bescheid, wenn es zu "
      "einer Änderung führt.");
  EXPECT_EQ(tr("de", "flow.button.skip"), "Überspringen");
  EXPECT_EQ(tr(language_of("de-CH"), "flow.stale"), "Diese Frage ist schon beantwortet.");
  EXPECT_EQ(tr("de", "no.such.key"), "\u27e8no.such.key\u27e9");
}

TEST(i18n, german_catalog_has_exactly_the_keys_of_the_english_one) {
  const auto english = by_key(english_catalog());
  const auto german = by_key(german_catalog());
  for (const auto& [key, text] : english)
    EXPECT_TRUE(german.contains(key)) << "German catalog lacks \"" << key << "\" (English: " << text << ")";
  for (const auto& [key, text] : german)
    EXPECT_TRUE(english.contains(key)) << "German catalog has \"" << key << "\", which English lacks";
}

TEST(i18n, every_german_text_has_the_placeholders_of_its_english_text) {
  const auto english = by_key(english_catalog());
  for (const auto& [key, text] : german_catalog()) {
    const auto it = english.find(key);
    if (it == english.end()) continue;  // reported by the key set test
    const auto want = placeholders(it->second);
    const auto got = placeholders(text);
    // The same names; how often each occurs may differ, as German sentences are built differently.
    EXPECT_EQ(std::set<std::string>(got.begin(), got.end()), std::set<std::string>(want.begin(), want.end()))
        << key << ": " << text;
  }
}

TEST(i18n, every_german_text_keeps_the_markup_and_emoji_of_its_english_text) {
  const auto english = by_key(english_catalog());
  for (const auto& [key, text] : german_catalog()) {
    const auto it = english.find(key);
    if (it == english.end()) continue;
    EXPECT_EQ(markup_and_emoji(text), markup_and_emoji(it->second)) << key << ": " << text;
    EXPECT_EQ(sanitize(text), text) << key << ": not clean UTF-8";
  }
}

TEST(i18n, a_key_german_lacks_reads_in_english) {
  const catalog german = {{"a", "A auf Deutsch"}};
  const catalog english = {{"a", "A in English"}, {"b", "B in English"}};
  const auto idx = detail::merged_index(german, english);
  EXPECT_EQ(idx.size(), 2u);
  EXPECT_EQ(idx.at("a"), "A auf Deutsch");
  EXPECT_EQ(idx.at("b"), "B in English");
  EXPECT_EQ(detail::merged_index(english, {}).at("b"), "B in English");
}

TEST(i18n, catalog_keys_are_unique_and_texts_non_empty) {
  for (const auto& [language, texts] : shipped_catalogs()) {
    std::set<std::string_view> seen;
    for (const auto& [key, text] : texts) {
      EXPECT_TRUE(seen.insert(key).second) << language << ": duplicate key " << key;
      EXPECT_FALSE(text.empty()) << language << ": " << key;
    }
  }
  EXPECT_EQ(catalog_keys().size(), english_catalog().size());
}

// Every "{" opens a placeholder of lower-case letters and '_' that a "}" closes, and no "}" stands
// alone: a typo such as "{id" would otherwise leak into what people read.
TEST(i18n, every_catalog_text_has_balanced_braces) {
  for (const auto& [language, texts] : shipped_catalogs()) {
    SCOPED_TRACE(language);
    for (const auto& [key, text] : texts) {
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
}

TEST(i18n, every_catalog_text_is_filled_completely_when_all_its_placeholders_are_given) {
  for (const auto& [language, texts] : shipped_catalogs()) {
    for (const auto& [key, text] : texts) {
      const auto out =
          tr(language, key, {{"service", "S"},        {"id", "1"},           {"typed", "T"},
                             {"name", "N"},           {"min", "0"},          {"max", "9"},
                             {"choice", "C"},         {"command", "/csi"},   {"suggestion", "help"},
                             {"usage", "U"},          {"period", "7d"},      {"count", "3"},
                             {"target", "85"},        {"schedule", "S"},     {"channel", "C"},
                             {"from", "F"},           {"to", "T"},           {"request", "R"},
                             {"score", "80 %"},       {"delta", "+5"},       {"why", "W"},
                             {"theme", "slow"},       {"mean", "3.2"},       {"quote", "Q"},
                             {"rate", "40 %"},        {"answered", "4"},     {"sent", "10"},
                             {"criticality", "high"}, {"unhappy", "38 %"},   {"hurt", "45"},
                             {"share", "60 %"},       {"n", "12"},           {"median", "20"},
                             {"rating", "4/5"},       {"admins", "A"},       {"action", "act"},
                             {"services", "S"},       {"owners", "O"},       {"user", "U"},
                             {"what", "W"},           {"timezone", "Z"},     {"next", "X"},
                             {"until", "U"},          {"since", "S"},        {"budget", "2"},
                             {"ticket", "INC-1"},     {"scheduled", "4"},    {"members", "5"},
                             {"held", "1"},           {"targets", "#g"},     {"chat", "."},
                             {"answers", "2"},        {"prompts", "1"},      {"conversations", "1"},
                             {"messages", "3"},       {"field", "owners"},   {"before", "CSAT 60 %"},
                             {"after", "CSAT 80 %"},  {"figures", "F"},      {"date", "2026-12-30"},
                             {"title", "T"},          {"function", "sales"}, {"functions", "sales, ops"},
                             {"flag", "--for"},       {"other", "O"},        {"ids", "#1, #2"},
                             {"states", "S"},         {"state", "done"},     {"person", "local:p"},
                             {"people", "local:p"},   {"effect", "E"},       {"platform", "slack"},
                             {"range", "F to T."},    {"platforms", "slack"}});
      EXPECT_EQ(out.find('{'), std::string::npos) << language << ": " << key << ": " << out;
      EXPECT_EQ(out.find("\u27e8"), std::string::npos) << language << ": " << key;
    }
  }
}

TEST(i18n, the_conversation_texts_exist) {
  for (const char* key :
       {"flow.choose.text", "flow.choose.did_you_mean", "flow.rating.question.csat5",
        "flow.rating.question.nps10", "flow.rating.question.ces7", "flow.rating.question.thumbs",
        "flow.reason.question", "flow.impact.question", "flow.usage.question", "flow.thanks",
        "flow.thanks.link", "flow.thanks.unlinked", "flow.truncated", "flow.empty", "flow.stale",
        "flow.cancelled.kept", "flow.cancelled.nothing", "cmd.unknown", "error.internal"}) {
    EXPECT_EQ(tr("en", key).find("\u27e8"), std::string::npos) << key;
  }
}

}  // namespace
}  // namespace csibot::core
