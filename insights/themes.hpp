#pragma once
/// Themes: the words and two-word phrases that separate unhappy from happy reasons (SPEC §5), and
/// the top things people use a service for. Both are accumulators fed one answer at a time, so that
/// the insight pass streams rows and never holds them.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/scale.hpp"
#include "insights/term_index.hpp"
#include "insights/text_rules.hpp"

namespace csibot::insights {

/// Longest quote shown with a theme, in characters (code points), "…" included.
inline constexpr std::size_t max_quote_chars = 120;

struct theme {
  std::string label;       ///< the form most people wrote ("drops", "vpn client")
  std::int64_t count = 0;  ///< answers whose reason mentions it (any rating)
  double mean_rating = 0;  ///< mean rating of those answers
  double score = 0;        ///< z-scored log-odds of unhappy against happy; higher = more typical of pain
  std::string quote;       ///< the first unhappy reason that mentions it, cut to max_quote_chars
};

struct usage_theme {
  std::string label;
  std::int64_t count = 0;  ///< answers that mention it
};

/// Counts terms of reasons for one service on one scale.
///
/// Ranking: for a term mentioned by a of U unhappy and b of H happy answers (neutral ones count for
/// `count` and `mean_rating` only), with a smoothing prior α = 0.5 on every cell:
///   δ = ln((a+α)/(U−a+α)) − ln((b+α)/(H−b+α)),  var = Σ 1/(cell+α),  score = δ / √var.
/// The z-scored log-odds ratio (Monroe, Colaresi & Quinn 2008, "Fightin' Words", with a flat prior)
/// prefers terms that are both frequent and lopsided, and does not let a word seen once dominate.
class theme_accumulator {
 public:
  /// `rules` must outlive the accumulator.
  theme_accumulator(core::scale s, const text_rules& rules);

  /// Adds one answer. Each term counts once per answer, however often it is repeated.
  void add(int rating, std::string_view reason);

  /// Never offers the terms of `text` (its words and word pairs) as themes: the service's own name
  /// ("vpn" for Remote access VPN, "laptop" for Laptop provisioning) tells the reader nothing.
  void leave_out(std::string_view text);

  /// Up to `limit` themes with score > 0, mentioned by at least one unhappy answer and by at least
  /// `min_count` answers in all; best score first (ties: more answers, a phrase before a word, then
  /// label). A word is left out when a phrase already kept says it with the same score and count
  /// ("arrived late", not also "arrived" and "late").
  std::vector<theme> top(std::size_t limit, std::int64_t min_count = 2) const;

  std::int64_t answers() const { return answers_; }  ///< answers with a non-empty reason

 private:
  struct stats {
    std::int64_t count = 0;
    std::int64_t unhappy = 0;
    std::int64_t happy = 0;
    double rating_sum = 0;
    std::string quote;
  };
  core::scale scale_;
  term_index index_;
  std::vector<stats> stats_;    // by term id
  std::vector<bool> left_out_;  // by term id (leave_out)
  std::int64_t answers_ = 0;
  std::int64_t unhappy_ = 0;
  std::int64_t happy_ = 0;
  std::vector<std::pair<std::uint32_t, std::uint64_t>> doc_;  // reused across answers
};

/// Counts terms of usage answers ("What do you use X for?"). No quotes: a usage answer can name
/// a person's task precisely enough to identify them.
class usage_accumulator {
 public:
  explicit usage_accumulator(const text_rules& rules) : index_(rules) {}
  void add(std::string_view usage);
  /// As theme_accumulator::leave_out: "email" is not what the Email service is used for.
  void leave_out(std::string_view text);
  /// Up to `limit` terms mentioned by at least `min_count` answers, most answers first.
  std::vector<usage_theme> top(std::size_t limit, std::int64_t min_count = 2) const;
  std::int64_t answers() const { return answers_; }

 private:
  term_index index_;
  std::vector<std::int64_t> counts_;  // by term id
  std::vector<bool> left_out_;        // by term id (leave_out)
  std::int64_t answers_ = 0;
  std::vector<std::pair<std::uint32_t, std::uint64_t>> doc_;
};

/// `text` on one line (newlines and tabs become spaces, trimmed), cut to `max_chars` code points
/// with "…" when longer.
std::string short_quote(std::string_view text, std::size_t max_chars = max_quote_chars);

}  // namespace csibot::insights
