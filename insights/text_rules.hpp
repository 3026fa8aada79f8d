#pragma once
/// How reasons and usage answers become theme terms. Pure and local: no dictionary service, works
/// air-gapped (SPEC §5).
///
/// Rules, in order: split on anything that is not a letter or a digit (an apostrophe or hyphen
/// inside a word is kept: "don't", "sign-in"); lower-case ASCII and Latin-1 letters ("Ä" → "ä");
/// drop words of one character and plain numbers; mark English and German stop-words; map config
/// synonyms to their canonical word; stem the rest lightly (English suffixes only: "drops",
/// "dropping", "dropped" → "drop"; German words are lower-cased and stop-worded, not stemmed,
/// because suffix rules for two languages at once would merge unrelated words).
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace csibot::insights {

/// Canonical word → words that mean the same: the shape of config::settings::synonyms
/// (`[themes] synonyms = { slow = ["sluggish", "lag"] }`).
using synonym_list = std::vector<std::pair<std::string, std::vector<std::string>>>;

/// One word of a text after the rules.
struct term {
  std::string key;      ///< what themes count: the stem, or the canonical word's stem for a synonym
  std::string surface;  ///< the word as written, lower-cased (the canonical word for a synonym)
  bool stop = false;    ///< a stop-word: never a theme, and it separates phrases
  bool joined = false;  ///< directly follows the previous word (no punctuation between them)
};

/// A word as written (lower-cased), before the rules.
struct raw_word {
  std::string text;
  bool joined = false;  ///< directly follows the previous word (no punctuation or dropped word between)
};

/// The rules with a synonym list. Immutable after construction, so one instance may serve every
/// accumulator of a pass; it must outlive them.
class text_rules {
 public:
  explicit text_rules(const synonym_list& synonyms = {});

  /// Replaces `out` with the words of `text` (stop-words included, marked), in order. `out` is a
  /// parameter so that a streaming caller reuses its storage across millions of answers.
  void split(std::string_view text, std::vector<term>& out) const;

  /// The first half of split(): the lower-cased words of `text`, without one-character words and
  /// numbers, into `out` (replaced).
  void words(std::string_view text, std::vector<raw_word>& out) const;
  /// The second half: stop-word, synonym and stem rules for one lower-cased word.
  term resolve(std::string_view word) const;

 private:
  struct hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  // A synonym (as written, and its stem) → {key, surface} of its canonical word.
  std::unordered_map<std::string, std::pair<std::string, std::string>, hash, std::equal_to<>> synonyms_;
};

/// Light English stemming: plural "-s"/"-es"/"-ies", "-ed" and "-ing" (with the doubled consonant
/// undone: "dropped" → "drop"; "-at"/"-bl"/"-iz" get their "e" back: "updated" → "update").
/// Words of three characters or fewer are left alone.
std::string stem(std::string_view word);

/// True for an English or German stop-word (lower-case input).
bool is_stop_word(std::string_view word);

}  // namespace csibot::insights
