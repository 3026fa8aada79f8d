#pragma once
/// `csibot export`: all feedback as JSON lines or CSV (SPEC §11), streamed row by row.
#include <iosfwd>
#include <string>

#include "core/feedback.hpp"

namespace date {
class time_zone;
}

namespace csibot::storage {
class database;
}

namespace csibot::cli {

/// One feedback as the JSON object of SPEC §11 (one line, no trailing newline).
std::string feedback_json(const core::feedback& f);

/// The CSV header line and one row (RFC 4180 quoting). Cells that a spreadsheet would run as a
/// formula (starting with = + - @ or a tab/CR) get a leading apostrophe.
std::string csv_header();
std::string feedback_csv(const core::feedback& f);

/// Writes every feedback created at or after `since` ("" = all; an ISO 8601 date or time) in
/// `format` ("json" or "csv"). A date, or a time without "Z" or an offset, is wall-clock time in
/// `zone` (the bot's time zone, as for `/csi stats since:DATE`; nullptr = UTC). Returns the number of
/// rows; throws cli::failure for a bad argument.
std::size_t export_feedback(storage::database& db, const std::string& format, const std::string& since,
                            const date::time_zone* zone, std::ostream& out);

}  // namespace csibot::cli
