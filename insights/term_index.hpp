#pragma once
/// Interned theme terms for one accumulator: each distinct word, and each pair of adjacent words,
/// gets a small integer id, so that counting a million answers hashes each word once and never
/// builds phrase strings. Internal to insights (themes.hpp uses it).
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "insights/text_rules.hpp"

namespace csibot::insights {

class term_index {
 public:
  /// `rules` must outlive the index.
  explicit term_index(const text_rules& rules) : rules_(&rules) {}

  /// The distinct terms of `text` — each content word, and each pair of adjacent content words —
  /// as {term id, spelling}, sorted by id; the spelling is how this answer wrote it (for labels).
  void terms_of(std::string_view text, std::vector<std::pair<std::uint32_t, std::uint64_t>>& out);

  /// Counts one use of `spelling` for `term`; the most used one becomes the label.
  void note_spelling(std::uint32_t term, std::uint64_t spelling);
  /// The most used spelling of `term`: "drops", or "vpn client" for a pair.
  std::string label(std::uint32_t term) const;

  std::size_t size() const { return terms_.size(); }

 private:
  struct hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  template <class V>
  using string_map = std::unordered_map<std::string, V, hash, std::equal_to<>>;

  struct word {
    std::uint32_t term = 0;
    std::uint32_t surface = 0;
    bool stop = false;
  };
  struct term_info {
    bool pair = false;
    std::vector<std::pair<std::uint64_t, std::int64_t>> spellings;  // a few, with their counts
  };

  const word& lookup(const std::string& text);
  std::uint32_t intern_surface(const std::string& s);
  std::uint32_t new_term(bool pair);

  const text_rules* rules_;
  string_map<word> words_;          // word as written → its term (a cache of the rules)
  string_map<std::uint32_t> keys_;  // stem or canonical word → term
  std::unordered_map<std::uint64_t, std::uint32_t> pairs_;  // (term, term) → term
  string_map<std::uint32_t> surface_ids_;
  std::vector<std::string> surfaces_;
  std::vector<term_info> terms_;
  std::vector<raw_word> raw_;  // reused across answers
};

}  // namespace csibot::insights
