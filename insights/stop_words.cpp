// English and German stop-words for themes: function words, pronouns, auxiliaries, fillers and verbs
// of no content ("took too long": "long" says it) that say nothing about a service. Words that carry a
// complaint ("always", "never", "slow", "nie") are deliberately kept out of these lists.
#include <string_view>
#include <unordered_set>

#include "insights/text_rules.hpp"

namespace csibot::insights {
namespace {

constexpr std::string_view english[] = {
    "a",         "about",  "after",  "again",   "all",    "am",      "an",      "and",    "any",    "are",
    "as",        "at",     "be",     "because", "been",   "before",  "being",   "both",   "but",    "by",
    "can",       "could",  "did",    "do",      "does",   "doing",   "done",    "each",   "even",   "for",
    "from",      "get",    "gets",   "getting", "got",    "had",     "has",     "have",   "having", "he",
    "her",       "here",   "him",    "his",     "how",    "i",       "i'd",     "i'm",    "i've",   "if",
    "in",        "into",   "is",     "it",      "it's",   "its",     "just",    "me",     "more",   "most",
    "much",      "my",     "of",     "on",      "once",   "one",     "only",    "or",     "other",  "our",
    "out",       "over",   "own",    "quite",   "really", "same",    "she",     "should", "so",     "some",
    "such",      "than",   "that",   "that's",  "the",    "their",   "them",    "then",   "there",  "these",
    "they",      "this",   "those",  "through", "to",     "too",     "up",      "us",     "use",    "used",
    "using",     "very",   "was",    "we",      "were",   "what",    "when",    "where",  "which",  "while",
    "who",       "why",    "will",   "with",    "would",  "you",     "your",    "also",   "still",  "bit",
    "lot",       "thing",  "things", "etc",     "via",    "per",     "there's", "im",     "ive",    "dont",
    "cant",      "isnt",   "doesnt", "it’s",    "don't",  "doesn't", "can't",   "isn't",  "won't",  "didn't",
    "wasn't",    "aren't", "let",    "lets",    "make",   "makes",   "made",    "need",   "needs",  "want",
    "sometimes", "often",  "well",   "ok",      "okay",   "every",   "take",    "takes",  "took",   "taking",
    "taken",     "goes",   "went",   "going",   "came",   "comes",   "seem",    "seems",  "seemed",
};

constexpr std::string_view german[] = {
    "aber",   "alle",   "allem",  "allen",   "aller", "alles", "als",   "also",   "am",    "an",    "auch",
    "auf",    "aus",    "bei",    "beim",    "bin",   "bis",   "bist",  "da",     "dabei", "damit", "dann",
    "das",    "dass",   "dem",    "den",     "denn",  "der",   "des",   "dich",   "die",   "dies",  "diese",
    "diesem", "diesen", "dieser", "dieses",  "dir",   "doch",  "dort",  "du",     "durch", "ein",   "eine",
    "einem",  "einen",  "einer",  "eines",   "er",    "es",    "etwas", "euch",   "für",   "gar",   "hab",
    "habe",   "haben",  "hat",    "hatte",   "hier",  "ich",   "ihm",   "ihn",    "ihr",   "ihre",  "im",
    "in",     "ist",    "ja",     "jede",    "jeder", "jedes", "kann",  "können", "mal",   "man",   "mehr",
    "mein",   "meine",  "mich",   "mir",     "mit",   "muss",  "nach",  "noch",   "nun",   "nur",   "ob",
    "oder",   "ohne",   "sehr",   "sein",    "seine", "sich",  "sie",   "sind",   "so",    "soll",  "um",
    "und",    "uns",    "unser",  "unter",   "vom",   "von",   "vor",   "war",    "waren", "was",   "weil",
    "wenn",   "wer",    "werden", "wie",     "wir",   "wird",  "wo",    "zu",     "zum",   "zur",   "über",
    "ab",     "schon",  "wieder", "einfach", "ganz",  "gibt",
};

}  // namespace

bool is_stop_word(std::string_view word) {
  static const std::unordered_set<std::string_view> words = [] {
    std::unordered_set<std::string_view> s;
    for (auto w : english)
      s.insert(w);
    for (auto w : german)
      s.insert(w);
    return s;
  }();
  return words.contains(word);
}

}  // namespace csibot::insights
