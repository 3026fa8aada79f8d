#include "bot/cli/export.hpp"

#include <nlohmann/json.hpp>
#include <ostream>

#include "bot/cli/common.hpp"
#include "core/period.hpp"
#include "storage/repositories.hpp"

namespace csibot::cli {
namespace {

template <typename T>
nlohmann::json or_null(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

std::string csv_cell(std::string_view v, bool guard_formula) {
  std::string cell;
  if (guard_formula && !v.empty() && std::string_view{"=+-@\t\r"}.find(v.front()) != std::string_view::npos) {
    cell += '\'';
  }
  cell.append(v);
  if (cell.find_first_of(",\"\n\r") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell)
    quoted += c == '"' ? std::string{"\"\""} : std::string{c};
  return quoted + '"';
}

}  // namespace

std::string feedback_json(const core::feedback& f) {
  nlohmann::ordered_json j;
  j["id"] = f.id;
  j["service"] = f.service;
  j["platform"] = f.platform;
  j["user"] = or_null(f.user);
  j["rating"] = or_null(f.rating);
  j["scale"] = core::to_string(f.scale);
  j["reason"] = or_null(f.reason);
  j["impact"] =
      f.impact ? nlohmann::ordered_json(core::to_string(*f.impact)) : nlohmann::ordered_json(nullptr);
  j["usage"] = or_null(f.usage);
  j["usage_asked"] = f.usage_asked;
  j["source"] = core::to_string(f.source);
  j["status"] = core::to_string(f.status);
  j["allow_reply"] = f.allow_reply;
  j["created_at"] = core::to_iso8601(f.created_at);
  j["updated_at"] = core::to_iso8601(f.updated_at);
  // Stored text is sanitised on the way in; `replace` keeps an export going even if it was not.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string csv_header() {
  return "id,service,platform,user,rating,scale,reason,impact,usage,source,status,allow_reply,created_at,"
         "updated_at";
}

std::string feedback_csv(const core::feedback& f) {
  const auto opt = [](const std::optional<std::string>& v) { return v ? csv_cell(*v, true) : std::string{}; };
  std::string row =
      std::to_string(f.id) + ',' + csv_cell(f.service, false) + ',' + f.platform + ',' + opt(f.user) + ',';
  row += (f.rating ? std::to_string(*f.rating) : "") + ',' + std::string{core::to_string(f.scale)} + ',';
  row += opt(f.reason) + ',' + (f.impact ? std::string{core::to_string(*f.impact)} : "") + ',' +
         opt(f.usage) + ',';
  row += std::string{core::to_string(f.source)} + ',' + std::string{core::to_string(f.status)} + ',';
  row += (f.allow_reply ? "true" : "false") + std::string{","} + core::to_iso8601(f.created_at) + ',' +
         core::to_iso8601(f.updated_at);
  return row;
}

std::size_t export_feedback(storage::database& db, const std::string& format, const std::string& since,
                            const date::time_zone* zone, std::ostream& out) {
  if (format != "json" && format != "csv") {
    throw failure{bad_input, "unknown export format '" + format + "' (expected json or csv)"};
  }
  std::optional<core::timestamp> from;
  if (!since.empty()) {
    // Read as `/csi stats since:DATE` reads it, so that both count the same day's answers: a date, or
    // a time without an offset, is wall-clock time in the bot's zone; "Z" or an offset names the
    // instant. `now` at the end of time: a start in the future is no mistake here, it exports nothing.
    const auto end_of_time = core::timestamp{} + std::chrono::days{365LL * 8029};
    const auto period = core::parse_period("since:" + since, end_of_time, zone);
    if (!period)
      throw failure{bad_input, "--since: '" + since + "' is not an ISO 8601 date such as 2026-10-01"};
    from = period->from;
  }
  const bool json = format == "json";
  if (!json) out << csv_header() << '\n';
  std::size_t rows = 0;
  storage::feedback_repository{db}.for_each(from, [&](const core::feedback& f) {
    out << (json ? feedback_json(f) : feedback_csv(f)) << '\n';
    ++rows;
  });
  return rows;
}

}  // namespace csibot::cli
