#include "insights/text_rules.hpp"

#include <algorithm>
#include <cstdint>

namespace csibot::insights {
namespace {

bool ends_with(std::string_view s, std::string_view tail) {
  return s.ends_with(tail);
}

bool is_vowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

bool has_vowel(std::string_view s) {
  for (char c : s)
    if (is_vowel(c)) return true;
  return false;
}

// Porter's measure m of [C](VC)^m[V]: how many vowel-consonant runs the word has ("sav" 1, "open" 2).
int measure(std::string_view s) {
  int m = 0;
  bool in_vowels = false;
  for (char c : s) {
    if (is_vowel(c)) {
      in_vowels = true;
    } else if (in_vowels) {
      ++m;
      in_vowels = false;
    }
  }
  return m;
}

// Consonant, vowel, consonant at the end, the last not w, x or y: a short syllable such as "sav" or
// "hop", which lost an "e" when "-ed"/"-ing" came off ("saved", "hoping").
bool ends_short_syllable(std::string_view s) {
  const std::size_t n = s.size();
  if (n < 3) return false;
  const char last = s[n - 1];
  return !is_vowel(s[n - 3]) && is_vowel(s[n - 2]) && !is_vowel(last) && last != 'w' && last != 'x' &&
         last != 'y';
}

// After "-ed"/"-ing" comes off: "dropp" → "drop", "updat" → "update", "sav" → "save" (so that "saved"
// and "save" are one word). Doubled l, s and z stay ("install", "miss", "buzz"), as in Porter's stemmer.
void tidy_stem(std::string& s) {
  const std::size_t n = s.size();
  if (n >= 2 && s[n - 1] == s[n - 2] && !is_vowel(s[n - 1]) && s[n - 1] != 'l' && s[n - 1] != 's' &&
      s[n - 1] != 'z') {
    s.pop_back();
  } else if (ends_with(s, "at") || ends_with(s, "bl") || ends_with(s, "iz")) {
    s += 'e';
  } else if (measure(s) == 1 && ends_short_syllable(s)) {
    s += 'e';
  }
}

// Length of the UTF-8 sequence that starts with `lead` (1 for a stray continuation byte).
std::size_t sequence_length(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

// Letters and digits in ASCII; outside ASCII every letter-like code point counts, except the Latin-1
// punctuation block (U+00A0–U+00BF, ×, ÷), general punctuation (U+2000–U+206F: dashes, quotes, "…")
// and the emoji planes, which separate words like ASCII punctuation does.
bool is_word_char(std::string_view seq) {
  const auto b0 = static_cast<unsigned char>(seq[0]);
  if (b0 < 0x80) return (b0 >= 'a' && b0 <= 'z') || (b0 >= 'A' && b0 <= 'Z') || (b0 >= '0' && b0 <= '9');
  if (seq.size() < 2) return false;
  const auto b1 = static_cast<unsigned char>(seq[1]);
  if (b0 == 0xC2) return false;
  if (b0 == 0xC3 && (b1 == 0x97 || b1 == 0xB7)) return false;
  if (b0 == 0xE2 && (b1 == 0x80 || b1 == 0x81)) return false;
  return b0 < 0xF0;
}

// ASCII and Latin-1 capitals (U+00C0–U+00DE, not ×) to lower case; everything else unchanged.
void append_lower(std::string& out, std::string_view seq) {
  auto b0 = static_cast<unsigned char>(seq[0]);
  if (seq.size() == 1) {
    out += (b0 >= 'A' && b0 <= 'Z') ? static_cast<char>(b0 + 32) : seq[0];
    return;
  }
  const auto b1 = static_cast<unsigned char>(seq[1]);
  if (b0 == 0xC3 && b1 >= 0x80 && b1 <= 0x9E && b1 != 0x97) {
    out += seq[0];
    out += static_cast<char>(b1 + 0x20);
    return;
  }
  out.append(seq);
}

bool is_joiner(std::string_view seq) {
  return seq == "'" || seq == "-" || seq == "\u2019";
}

// ASCII white space between two words keeps them a phrase; any other separator breaks it.
bool is_blank(std::string_view seq) {
  return seq == " " || seq == "\t";
}

bool is_number(std::string_view w) {
  for (char c : w)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

std::string stem(std::string_view word) {
  std::string s{word};
  if (s.size() <= 3) return s;
  if (ends_with(s, "ies") && s.size() > 4) {
    s.replace(s.size() - 3, 3, "y");
  } else if (ends_with(s, "sses") || ends_with(s, "shes") || ends_with(s, "ches") || ends_with(s, "xes")) {
    s.resize(s.size() - 2);
  } else if (ends_with(s, "s") && !ends_with(s, "ss") && !ends_with(s, "us") && !ends_with(s, "is")) {
    s.pop_back();
  }
  if (ends_with(s, "ing") && s.size() >= 6 && has_vowel(std::string_view{s}.substr(0, s.size() - 3))) {
    s.resize(s.size() - 3);
    tidy_stem(s);
  } else if (ends_with(s, "ed") && !ends_with(s, "eed") && s.size() >= 5 &&
             has_vowel(std::string_view{s}.substr(0, s.size() - 2))) {
    s.resize(s.size() - 2);
    tidy_stem(s);
  }
  return s;
}

text_rules::text_rules(const synonym_list& synonyms) {
  for (const auto& [canonical, words] : synonyms) {
    std::string lower;
    for (std::size_t i = 0; i < canonical.size();) {
      const auto len =
          std::min(sequence_length(static_cast<unsigned char>(canonical[i])), canonical.size() - i);
      append_lower(lower, std::string_view{canonical}.substr(i, len));
      i += len;
    }
    const std::pair<std::string, std::string> target{stem(lower), lower};
    for (const auto& w : words) {
      std::vector<term> parts;
      split(w, parts);  // the same rules as the text, so "Sign-In" matches "sign-in"
      if (parts.size() != 1) continue;
      synonyms_.emplace(parts[0].surface, target);
      synonyms_.emplace(parts[0].key, target);
    }
  }
}

term text_rules::resolve(std::string_view word) const {
  term t;
  if (const auto it = synonyms_.find(word); it != synonyms_.end()) {
    t.key = it->second.first;
    t.surface = it->second.second;
    return t;
  }
  t.surface = std::string{word};
  if (is_stop_word(word)) {
    t.stop = true;
    t.key = t.surface;
    return t;
  }
  t.key = stem(word);
  if (const auto st = synonyms_.find(t.key); st != synonyms_.end()) {
    t.key = st->second.first;
    t.surface = st->second.second;
  }
  return t;
}

void text_rules::split(std::string_view text, std::vector<term>& out) const {
  out.clear();
  std::vector<raw_word> raw;
  words(text, raw);
  for (const auto& w : raw) {
    out.push_back(resolve(w.text));
    out.back().joined = w.joined;
  }
}

void text_rules::words(std::string_view text, std::vector<raw_word>& out) const {
  out.clear();
  std::string word;
  bool broken = false;  // punctuation or a dropped word since the last word kept: no phrase across it
  auto flush = [&] {
    while (!word.empty() && (word.back() == '-' || word.back() == '\''))
      word.pop_back();
    if (word.empty()) return;
    if (word.size() < 2 || is_number(word)) {
      broken = true;
    } else {
      out.push_back({word, !out.empty() && !broken});
      broken = false;
    }
    word.clear();
  };
  for (std::size_t i = 0; i < text.size();) {
    const auto len = std::min(sequence_length(static_cast<unsigned char>(text[i])), text.size() - i);
    const std::string_view seq = text.substr(i, len);
    i += len;
    if (is_word_char(seq)) {
      append_lower(word, seq);
    } else if (!word.empty() && is_joiner(seq) && i < text.size() &&
               is_word_char(text.substr(i, sequence_length(static_cast<unsigned char>(text[i]))))) {
      word += seq == "-" ? '-' : '\'';  // "don’t" and "don't" are one word
    } else {
      flush();
      if (!is_blank(seq)) broken = true;
    }
  }
  flush();
}

}  // namespace csibot::insights
