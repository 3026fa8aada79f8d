#include "dialog/answers.hpp"

#include <array>
#include <charconv>

#include "core/text.hpp"

namespace csibot::dialog {
namespace {

// ASCII lower case plus the Latin-1 capitals: phones capitalise the first letter, and "Überspringen"
// or "Geringfügig" must match like "Skip" does. Each capital is 0xC3 0x80–0x9E in UTF-8 (0x97 is '×'),
// and its small letter is 0x20 further on in the same second byte.
std::string fold_case(std::string_view text) {
  std::string out = core::ascii_lower(text);
  for (std::size_t i = 0; i + 1 < out.size(); ++i) {
    const auto lead = static_cast<unsigned char>(out[i]);
    const auto next = static_cast<unsigned char>(out[i + 1]);
    if (lead == 0xC3 && next >= 0x80 && next <= 0x9E && next != 0x97) {
      out[i + 1] = static_cast<char>(next + 0x20);
      ++i;
    }
  }
  return out;
}

// The German words stand next to the English ones for everybody: a team may type either, whatever
// language its replies are in, and none of them means something else in the other language.
bool one_of(std::string_view text, std::initializer_list<std::string_view> words) {
  const std::string lowered = fold_case(core::trim(text));
  for (auto w : words) {
    if (lowered == w) return true;
  }
  return false;
}

std::optional<int> parse_int(std::string_view text) {
  int value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc{} || ptr != end) return std::nullopt;
  return value;
}

}  // namespace

bool is_skip(std::string_view text) {
  return one_of(
      text, {"skip", "-", "n/a", "pass", "überspringen", "ueberspringen", "k. a.", "k.a.", "keine angabe"});
}
bool is_cancel(std::string_view text) {
  return one_of(text, {"cancel", "stop", "quit", "abbrechen", "stopp", "abbruch"});
}
bool is_yes(std::string_view text) {
  return one_of(text, {"yes", "y", "yep", "ok", "sure", "ja", "j", "jep", "jo", "klar", "genau"});
}

std::optional<int> parse_rating(core::scale s, std::string_view text) {
  text = core::trim(text);
  if (s == core::scale::thumbs) {
    if (one_of(text, {"\xF0\x9F\x91\x8D", "up", "yes", "y", "good", "+", "+1", ":+1:", ":thumbsup:", "ja",
                      "j", "gut"}))
      return 1;
    if (one_of(text, {"\xF0\x9F\x91\x8E", "down", "no", "n", "bad", "-1", ":-1:", ":thumbsdown:", "nein",
                      "schlecht"}))
      return 0;
  }
  // "4/5" is how people often write a rating; accept it when the denominator is this scale's.
  if (const auto slash = text.find('/'); slash != std::string_view::npos) {
    const auto denominator = parse_int(core::trim(text.substr(slash + 1)));
    if (!denominator || *denominator != core::scale_max(s)) return std::nullopt;
    text = core::trim(text.substr(0, slash));
  }
  const auto value = parse_int(text);
  if (!value || !core::in_range(s, *value)) return std::nullopt;
  return value;
}

bool looks_like_number(std::string_view text) {
  text = core::trim(text);
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) text.remove_prefix(1);
  if (text.empty() || text.front() < '0' || text.front() > '9') return false;
  return text.find_first_not_of("0123456789.,/") == std::string_view::npos;
}

std::optional<core::impact> parse_impact_answer(std::string_view text) {
  using core::impact;
  if (one_of(text,
             {"1", "blocks", "block", "blocks me", "blocked", "blocker", "blockiert", "blockiert mich"}))
    return impact::blocks;
  if (one_of(text, {"2", "slows", "slow", "slows me down", "slowed", "slows me", "bremst", "bremst mich",
                    "bremst mich aus", "langsam"}))
    return impact::slows;
  if (one_of(text, {"3", "minor", "a little", "small", "geringfügig", "gering", "ein bisschen", "wenig"}))
    return impact::minor;
  if (one_of(text,
             {"4", "none", "no impact", "no", "nothing", "keine", "keine auswirkung", "nein", "nichts"}))
    return impact::none;
  return std::nullopt;
}

const core::service* exact_service(const std::vector<core::service>& catalog, std::string_view typed) {
  const std::string needle = core::ascii_lower(core::trim(typed));
  for (const auto& s : catalog) {
    if (s.id == needle || core::ascii_lower(s.name) == needle) return &s;
  }
  return nullptr;
}

service_match match_service(const std::vector<core::service>& catalog, std::string_view typed) {
  const std::string needle = core::ascii_lower(core::trim(typed));
  if (needle.empty()) return {};
  if (const auto* exact = exact_service(catalog, needle)) return {exact, nullptr};
  if (const auto number = parse_int(needle);
      number && *number >= 1 && static_cast<std::size_t>(*number) <= catalog.size()) {
    return {&catalog[static_cast<std::size_t>(*number - 1)], nullptr};
  }
  std::vector<std::string> names;
  for (const auto& s : catalog)
    names.push_back(s.id);
  for (const auto& s : catalog)
    names.push_back(s.name);
  const auto near = core::closest(needle, names);
  if (!near) return {};
  for (const auto& s : catalog) {
    if (s.id == *near || s.name == *near) return {nullptr, &s};
  }
  return {};
}

std::size_t service_words(const std::vector<core::service>& catalog, const std::vector<std::string>& words) {
  const auto leading = [&](std::size_t n) {
    std::string run;
    for (std::size_t i = 0; i < n; ++i)
      run += (i == 0 ? "" : " ") + words[i];
    return run;
  };
  for (std::size_t n = words.size(); n >= 1; --n) {
    if (exact_service(catalog, leading(n)) != nullptr) return n;
  }
  // A near miss is only looked for among names with as many words as the run: a longer run ("Email
  // and calendar is slow") would otherwise come within reach of a name by its sheer length.
  const auto word_count = [](std::string_view name) {
    std::size_t n = 1;
    for (char c : core::trim(name))
      n += c == ' ' ? 1 : 0;
    return n;
  };
  for (std::size_t n = words.size(); n >= 2; --n) {
    std::vector<std::string> names;
    for (const auto& s : catalog) {
      if (word_count(s.name) == n) names.push_back(s.name);
    }
    if (!names.empty() && core::closest(leading(n), names)) return n;
  }
  return words.empty() ? 0 : 1;
}

std::string rating_label(core::scale s, int rating) {
  if (s == core::scale::thumbs) return rating == 1 ? "\xF0\x9F\x91\x8D" : "\xF0\x9F\x91\x8E";
  return std::to_string(rating) + "/" + std::to_string(core::scale_max(s));
}

}  // namespace csibot::dialog
