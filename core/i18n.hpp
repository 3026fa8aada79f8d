#pragma once
/// The message catalog: every user-facing text comes from here, by key, in the person's language.
/// Texts use {name} placeholders; English ships complete, other languages fall back to English
/// key by key.
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace csibot::core {

struct text_arg {
  std::string_view name;
  std::string value;
};

/// The shipped language that best fits a locale: "de-DE" → "de", anything unknown → "en".
std::string_view language_of(std::string_view locale);

/// The text for `key` in `language` with placeholders filled in. An unknown key returns "⟨key⟩" so
/// that a missing text shows up in tests instead of an empty message.
std::string tr(std::string_view language, std::string_view key, std::initializer_list<text_arg> args = {});

/// Every key of the English catalog (tests check that each is well-formed).
std::vector<std::string_view> catalog_keys();

using catalog = std::vector<std::pair<std::string_view, std::string_view>>;
/// The English catalog (messages_en.cpp).
const catalog& english_catalog();

}  // namespace csibot::core
