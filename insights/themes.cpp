#include "insights/themes.hpp"

#include <algorithm>
#include <cmath>

#include "core/text.hpp"

namespace csibot::insights {
namespace {

constexpr double prior = 0.5;

// Marks every term of `text` in `marks` (grown as needed).
void mark_terms(term_index& index, std::string_view text,
                std::vector<std::pair<std::uint32_t, std::uint64_t>>& scratch, std::vector<bool>& marks) {
  index.terms_of(text, scratch);
  for (const auto& [id, spelling] : scratch) {
    if (marks.size() <= id) marks.resize(id + 1, false);
    marks[id] = true;
  }
}

bool marked(const std::vector<bool>& marks, std::uint32_t id) {
  return id < marks.size() && marks[id];
}

std::size_t words(std::string_view label) {
  return static_cast<std::size_t>(std::count(label.begin(), label.end(), ' ')) + 1;
}

// Whether `word` is one of the words of `phrase` (any case).
bool has_word(std::string_view phrase, std::string_view word) {
  const auto lower = core::ascii_lower(word);
  std::size_t pos = 0;
  while (pos <= phrase.size()) {
    const auto end = std::min(phrase.find(' ', pos), phrase.size());
    if (core::ascii_lower(phrase.substr(pos, end - pos)) == lower) return true;
    pos = end + 1;
  }
  return false;
}

// `ranked` (a phrase before its words at equal rank) cut to `limit`, leaving out a word that a phrase
// already kept says for the same answers: `same(kept, t)` tells whether the two count alike.
template <class T, class Same>
std::vector<T> without_words_said(std::vector<T> ranked, std::size_t limit, Same same) {
  std::vector<T> kept;
  for (auto& t : ranked) {
    if (kept.size() == limit) break;
    const bool said = std::any_of(kept.begin(), kept.end(), [&](const T& k) {
      return same(k, t) && words(k.label) > words(t.label) && has_word(k.label, t.label);
    });
    if (!said) kept.push_back(std::move(t));
  }
  return kept;
}

double log_odds_z(std::int64_t a, std::int64_t unhappy, std::int64_t b, std::int64_t happy) {
  const double a1 = static_cast<double>(a) + prior;
  const double a2 = static_cast<double>(unhappy - a) + prior;
  const double b1 = static_cast<double>(b) + prior;
  const double b2 = static_cast<double>(happy - b) + prior;
  const double delta = std::log(a1 / a2) - std::log(b1 / b2);
  return delta / std::sqrt(1 / a1 + 1 / a2 + 1 / b1 + 1 / b2);
}

}  // namespace

std::string short_quote(std::string_view text, std::size_t max_chars) {
  std::string line;
  line.reserve(std::min(text.size(), max_chars * 4));
  for (char c : core::trim(text)) {
    const bool blank = c == '\n' || c == '\r' || c == '\t' || c == ' ';
    if (blank && (line.empty() || line.back() == ' ')) continue;
    line += blank ? ' ' : c;
  }
  if (core::utf8_length(line) <= max_chars) return line;
  auto cut = core::cap_chars(line, max_chars - 1).text;
  while (!cut.empty() && cut.back() == ' ')
    cut.pop_back();
  return cut + "\u2026";
}

theme_accumulator::theme_accumulator(core::scale s, const text_rules& rules) : scale_(s), index_(rules) {}

void theme_accumulator::add(int rating, std::string_view reason) {
  index_.terms_of(reason, doc_);
  if (doc_.empty()) return;
  ++answers_;
  const bool unhappy = core::is_unhappy(scale_, rating);
  const bool happy = core::is_happy(scale_, rating);
  unhappy_ += unhappy ? 1 : 0;
  happy_ += happy ? 1 : 0;
  if (stats_.size() < index_.size()) stats_.resize(index_.size());
  for (const auto& [id, spelling] : doc_) {
    stats& st = stats_[id];
    ++st.count;
    st.unhappy += unhappy ? 1 : 0;
    st.happy += happy ? 1 : 0;
    st.rating_sum += rating;
    // The first unhappy reason that mentions the term: streamed in time order, so deterministic.
    if (unhappy && st.quote.empty()) st.quote = short_quote(reason);
    index_.note_spelling(id, spelling);
  }
}

void theme_accumulator::leave_out(std::string_view text) {
  mark_terms(index_, text, doc_, left_out_);
}

std::vector<theme> theme_accumulator::top(std::size_t limit, std::int64_t min_count) const {
  std::vector<theme> out;
  for (std::uint32_t id = 0; id < stats_.size(); ++id) {
    const stats& st = stats_[id];
    if (st.unhappy == 0 || st.count < min_count || marked(left_out_, id)) continue;
    const double z = log_odds_z(st.unhappy, unhappy_, st.happy, happy_);
    if (z <= 0) continue;
    out.push_back({index_.label(id), st.count, st.rating_sum / static_cast<double>(st.count), z, st.quote});
  }
  // Best score first; at an equal score and count a phrase before its words, so that a word the
  // phrase already says for the same answers ("arrived" beside "arrived late") is left out.
  std::sort(out.begin(), out.end(), [](const theme& x, const theme& y) {
    if (x.score != y.score) return x.score > y.score;
    if (x.count != y.count) return x.count > y.count;
    if (words(x.label) != words(y.label)) return words(x.label) > words(y.label);
    return x.label < y.label;
  });
  return without_words_said(std::move(out), limit, [](const theme& a, const theme& b) {
    return a.count == b.count && a.score == b.score;
  });
}

void usage_accumulator::leave_out(std::string_view text) {
  mark_terms(index_, text, doc_, left_out_);
}

void usage_accumulator::add(std::string_view usage) {
  index_.terms_of(usage, doc_);
  if (doc_.empty()) return;
  ++answers_;
  if (counts_.size() < index_.size()) counts_.resize(index_.size());
  for (const auto& [id, spelling] : doc_) {
    ++counts_[id];
    index_.note_spelling(id, spelling);
  }
}

std::vector<usage_theme> usage_accumulator::top(std::size_t limit, std::int64_t min_count) const {
  std::vector<usage_theme> all;
  for (std::uint32_t id = 0; id < counts_.size(); ++id) {
    if (counts_[id] >= min_count && !marked(left_out_, id)) all.push_back({index_.label(id), counts_[id]});
  }
  // Most answers first; at equal counts a phrase before its words, so that a word the phrase already
  // says for the same answers ("remote", "work" beside "remote work") is left out.
  std::sort(all.begin(), all.end(), [](const usage_theme& x, const usage_theme& y) {
    if (x.count != y.count) return x.count > y.count;
    if (words(x.label) != words(y.label)) return words(x.label) > words(y.label);
    return x.label < y.label;
  });
  return without_words_said(std::move(all), limit,
                            [](const usage_theme& a, const usage_theme& b) { return a.count == b.count; });
}

}  // namespace csibot::insights
