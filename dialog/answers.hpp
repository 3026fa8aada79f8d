#pragma once
/// Reading typed answers: ratings, impacts, service names, and the words that steer the flow.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/feedback.hpp"
#include "core/service.hpp"

namespace csibot::dialog {

// Every typed word is matched trimmed and case-insensitively (ASCII and Latin-1 letters), in English
// and in German, whatever the person's language.

/// "skip", "-", "n/a", "überspringen", "keine Angabe"… the person does not want to answer this one.
bool is_skip(std::string_view text);
/// "cancel", "stop", "quit", "abbrechen", "stopp".
bool is_cancel(std::string_view text);
/// "yes", "y", "ok", "ja", "j", "klar".
bool is_yes(std::string_view text);

/// A typed rating on scale `s`: "4", "4/5", " 4 "; thumbs also takes 👍/👎, up/down, yes/no, ja/nein.
/// Nullopt when it is not a rating or out of range.
std::optional<int> parse_rating(core::scale s, std::string_view text);

/// Whether `text` is written as a number ("6", "-1", "4.5", "6/5"), in range or not: a rating that
/// was meant as one, as opposed to the first word of a comment ("great", "5G").
bool looks_like_number(std::string_view text);

/// A typed impact: "1".."4", "blocks me", "slows me down", "minor", "no impact" and their German
/// button labels ("blockiert mich", "bremst mich aus", "geringfügig", "keine Auswirkung"), shorter forms.
std::optional<core::impact> parse_impact_answer(std::string_view text);

/// The outcome of matching a typed service name against the catalog.
struct service_match {
  const core::service* found = nullptr;       ///< exact id, name, or list number
  const core::service* suggestion = nullptr;  ///< a near miss worth a "did you mean"
};
/// The service whose id or name is `typed` (case-insensitive, trimmed), or nullptr.
const core::service* exact_service(const std::vector<core::service>& catalog, std::string_view typed);

/// Matches by id or name (case-insensitive), by 1-based list number, then fuzzily. A list number
/// only makes sense as an answer to the list the conversation showed.
service_match match_service(const std::vector<core::service>& catalog, std::string_view typed);

/// How many of the leading `words` name a service, for a name of several words typed without quotes
/// ("Email and calendar 4 slow" → 3). The longest run that is a service's id or name (case-insensitive)
/// wins; else the longest run as long as a name of several words that is a near miss of it ("Remote
/// acess VPN" → 3, for "did you mean"); else 1 (the first word, matched as match_service does). 0 for
/// no words.
std::size_t service_words(const std::vector<core::service>& catalog, const std::vector<std::string>& words);

/// The rating as people read it: "4/5", "9/10", "👍".
std::string rating_label(core::scale s, int rating);

}  // namespace csibot::dialog
