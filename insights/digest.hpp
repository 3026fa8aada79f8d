#pragma once
/// Digest composition (SPEC §7): the insight of a catalog turned into words in one language, and
/// rendered as a core::message (for chat platforms), Markdown and JSON (`csibot digest --format`).
/// All wording comes from the message catalog (core::tr).
///
/// Sections, in order: a per-service table (service, score, change, weekly sparkline, n, target);
/// the top priorities with why; themes with a quote; the improvements moved or verified in the period
/// (SPEC §6, §7), only when some were; retire candidates with why; response rate, only when prompts
/// were counted.
#include <string>
#include <vector>

#include "core/message.hpp"
#include "core/period.hpp"
#include "insights/analysis.hpp"
#include "insights/improvement_words.hpp"

namespace csibot::insights {

struct digest_options {
  std::string language = "en";
  core::period period;  ///< what was analysed; its label heads the digest
  std::size_t top_priorities = 3;
  std::size_t themes_per_service = 1;  ///< themes shown per service in the digest (with a quote)
};

/// One titled block of lines. Lines use the neutral markup of core/message.hpp.
struct digest_section {
  std::string key;  ///< stable id for JSON: "priorities", "themes", "improvements", "retire", "response_rate"
  std::string title;
  std::vector<std::string> lines;
  bool numbered = false;  ///< a ranking: rendered "1. …", "2. …"
};

struct digest {
  std::string header;
  core::table table;
  std::vector<digest_section> sections;
  std::string context;   ///< the period and the rules behind the words (small print)
  catalog_insight data;  ///< the figures, for JSON
  /// The last move in the period of each improvement that moved, oldest first, for JSON.
  std::vector<improvement_move> improvements;
  digest_options options;
};

/// Composes the digest of `data`. Pure; an empty catalog gives a header and one line saying so.
digest compose_digest(catalog_insight data, const digest_options& o);
/// The same with the register's moves of the period (any order; several per improvement allowed: the
/// last one counts). Moves of services not in `data` are the caller's to leave out.
digest compose_digest(catalog_insight data, std::vector<improvement_move> moves, const digest_options& o);

/// The digest as a chat message: header, table, the sections in `text`, and `context`. No buttons:
/// commands::digest_message adds the ones that invite feedback.
core::message to_message(const digest& d);

/// GitHub-flavoured Markdown: "# header", a pipe table, "## section" lists, the context in italics.
/// Neutral *bold* becomes **bold**; "|" in cells and "<" anywhere are escaped.
std::string to_markdown(const digest& d);

/// JSON: {"period": {from, to, label}, "services": [{id, name, n, hidden, score, interval, mean,
/// change, z, delta, happy_pct, unhappy_pct, impacts, sparkline, weekly_scores (null when withheld),
/// weeks_withheld, themes, usage,
/// priority, retire, target_met, response_rate (null = n/a), prompts ({sent, answered}, or null when
/// not counted)}], "priorities": [...], "retire": [...],
/// "improvements": [{id, service, title, state, verification, process_only, moved_to, at, baseline,
/// after}], "sections": [{key, title, lines}], "header", "context"}. Hidden services carry id, name, hidden
/// and nothing else. With n = 0, score, interval, mean, happy_pct and unhappy_pct are null; a withheld
/// impact mix has impacts and impact_weight null (impacts_withheld), a withheld previous period
/// change.previous_n null (change.previous_withheld). "shown" holds the figures as text, as the chat
/// writes them: {score, interval: [low, high], target, response_rate, weekly}. Pretty-printed with two
/// spaces.
std::string to_json(const digest& d);

/// "high criticality, 38 % unhappy; of the answers that state an impact, 45 % say it blocks or slows them" in
/// `language`.
std::string explain_priority(const service_insight& s, const std::string& language);
/// "80 % of answers that state an impact say _no impact_; 6 answers (catalog median 40)".
std::string explain_retire(const service_insight& s, double median_n, const std::string& language);
/// "CSAT 82 %", "NPS +23", "CES 64 %", "👍 90 %".
std::string score_text(const service_insight& s, const std::string& language);
/// The weekly sparkline, or "too few answers per week" when the weeks are withheld (SPEC §12).
std::string weekly_text(const service_insight& s, const std::string& language);
/// "↑ better (+12)", "↓ worse (−9)", "within noise", "too few answers to tell".
std::string change_text(const service_insight& s, const std::string& language);

}  // namespace csibot::insights
