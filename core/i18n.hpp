#pragma once
/// The message catalog: every user-facing text comes from here, by key, in the person's language.
/// Texts use {name} placeholders. English and German ship; English is complete, and German falls back
/// to English key by key (tests keep the two key sets equal, so that fallback is only a safety net).
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace csibot::core {

struct text_arg {
  std::string_view name;
  std::string value;
};

/// The shipped language that best fits a locale, by its language subtag (before '-' or '_'),
/// case-insensitively: "de", "de-DE", "de_AT", "DE" → "de"; anything else, "" included → "en".
std::string_view language_of(std::string_view locale);

/// The text for `key` in `language` ("en" or "de", as language_of returns them; any other value
/// means English) with placeholders filled in. A key German lacks gives the English text. An unknown
/// key returns "⟨key⟩" so that a missing text shows up in tests instead of an empty message.
std::string tr(std::string_view language, std::string_view key, std::initializer_list<text_arg> args = {});

/// A number formatted with a decimal point, in `language`'s notation: "10.5" stays in English and
/// becomes "10,5" in German.
std::string with_decimal_mark(std::string formatted, std::string_view language);

/// `value` with one decimal in `language`'s notation: "3.4" in English, "3,4" in German.
std::string decimal(double value, std::string_view language);

/// Every key of the English catalog (tests check that each is well-formed).
std::vector<std::string_view> catalog_keys();

using catalog = std::vector<std::pair<std::string_view, std::string_view>>;
/// The English catalog (messages_en.cpp).
const catalog& english_catalog();
/// The German catalog (messages_de.cpp).
const catalog& german_catalog();

namespace detail {
using text_index = std::unordered_map<std::string_view, std::string_view>;
/// Every key of `primary` and of `fallback`, with `primary`'s text where it has one: the index tr
/// searches once per text. Exposed so that tests can check the fallback without a fake shipped key.
text_index merged_index(const catalog& primary, const catalog& fallback);
}  // namespace detail

}  // namespace csibot::core
