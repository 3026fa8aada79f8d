// api_result: how a Web API or response_url answer is classified for the caller's retry policy
// (PLATFORMS.md §1.7 "Rate limits", "Common errors").

#include "bot/platform/slack/api_result.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include "bot/platform/slack/api_answer.hpp"

namespace csibot::platform::slack {

using json = nlohmann::json;

namespace {

constexpr std::chrono::seconds default_retry_after{1};
constexpr std::chrono::seconds max_retry_after{3600};
constexpr std::size_t max_error_text = 100;

/// Slack's own transient failures (PLATFORMS.md §1.7): the same call may succeed later.
bool transient_error(std::string_view error) {
  static constexpr std::array<std::string_view, 5> transient{"ratelimited", "internal_error", "fatal_error",
                                                             "service_unavailable", "request_timeout"};
  return std::find(transient.begin(), transient.end(), error) != transient.end();
}

/// Retry-After is integer seconds for Slack. The Node SDK gives up when it is missing; a caller that
/// then waits nothing would hammer a limited method, so a missing or unparsable value means 1 s (the
/// limit's granularity), and a huge one is capped so a typo cannot park a queue for days.
std::chrono::milliseconds retry_after_of(const net::header_map& headers) {
  const auto field = headers.find("Retry-After");
  if (!field) return default_retry_after;
  auto text = *field;
  while (!text.empty() && text.front() == ' ')
    text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ')
    text.remove_suffix(1);
  std::uint64_t seconds = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (text.empty() || end != text.data() + text.size()) return default_retry_after;  // HTTP-date, junk
  if (ec == std::errc::result_out_of_range) return max_retry_after;
  if (ec != std::errc{}) return default_retry_after;
  return seconds >= static_cast<std::uint64_t>(max_retry_after.count())
             ? std::chrono::milliseconds{max_retry_after}
             : std::chrono::milliseconds{std::chrono::seconds{static_cast<std::int64_t>(seconds)}};
}

std::string http_error(unsigned status) {
  return "http_" + std::to_string(status);
}

/// A short, printable excerpt of a non-JSON error body (response_url errors are words like
/// "expired_url"); anything else is cut so a proxy's HTML page does not flood the log.
std::string excerpt(std::string_view body) {
  std::string out;
  for (const char c : body.substr(0, max_error_text))
    out += (c >= 0x20 && c < 0x7f) ? c : ' ';
  while (!out.empty() && out.back() == ' ')
    out.pop_back();
  return out;
}

api_result network_failure(const net::http_result& response) {
  return {api_result::kind::retryable, {}, response.message, nullptr, 0};
}

/// The string at `key` of a JSON object, or "" (Slack omits fields rather than sending null).
std::string string_at(const json& object, std::string_view key) {
  if (!object.is_object()) return {};
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

// Slack answered {"ok": false}: its error code, and whether the same call may succeed later.
void refused(api_result& out) {
  out.error = string_at(out.body, "error");
  if (out.error.empty()) out.error = "unknown_error";
  out.outcome = transient_error(out.error) ? api_result::kind::retryable : api_result::kind::fatal;
}

}  // namespace

std::string_view to_string(api_result::kind kind) noexcept {
  switch (kind) {
    case api_result::kind::ok:
      return "ok";
    case api_result::kind::rate_limited:
      return "rate_limited";
    case api_result::kind::retryable:
      return "retryable";
    case api_result::kind::fatal:
      return "fatal";
  }
  return "unknown";
}

std::string describe(std::string_view method, const api_result& result) {
  std::string line = "slack " + std::string{method} + ": ";
  if (result.ok()) return line + "ok";
  line += result.error.empty() ? std::string{"failed"} : result.error;
  if (result.outcome == api_result::kind::rate_limited) {
    line += " (rate limited, retry after " + std::to_string(result.retry_after.count()) + " ms)";
  } else {
    line += " (" + std::string{to_string(result.outcome)} + ")";
  }
  // missing_scope names the scope the app lacks (PLATFORMS §1.7): without it an admin has to guess
  // which one to add. Both come from Slack's answer, cut like any other text from outside.
  const std::string needed = excerpt(string_at(result.body, "needed"));
  if (!needed.empty()) {
    line += "; the app needs the scope " + needed;
    const std::string provided = excerpt(string_at(result.body, "provided"));
    if (!provided.empty()) line += " (it has " + provided + ")";
    line += ": add it under OAuth & Permissions and reinstall the app";
  }
  return line;
}

bool bars_bot_from_channel(std::string_view error) noexcept {
  return error == "not_in_channel" || error == "channel_not_found";
}

api_result classify_api_response(const net::http_result& response) {
  if (!response.ok()) return network_failure(response);
  api_result out;
  out.http_status = response.status;
  out.body = parse_api_answer(response.body);
  if (response.status == 429) {
    out.outcome = api_result::kind::rate_limited;
    out.retry_after = retry_after_of(response.headers);
    out.error = "ratelimited";
    return out;
  }
  if (response.status >= 500) {
    out.outcome = api_result::kind::retryable;
    out.error = http_error(response.status);
    return out;
  }
  // Slack answers 200 for every API-level outcome; any other status is not Slack speaking.
  if (response.status != 200) {
    out.error = http_error(response.status);
    return out;
  }
  if (!out.body.is_object() || !out.body.contains("ok") || !out.body["ok"].is_boolean()) {
    // Not Slack's answer (a misconfigured api_url, a proxy page): retrying the same URL won't help.
    out.error = "invalid_response";
    return out;
  }
  if (out.body["ok"].get<bool>()) {
    out.outcome = api_result::kind::ok;
    return out;
  }
  refused(out);
  return out;
}

api_result classify_respond_response(const net::http_result& response) {
  if (!response.ok()) return network_failure(response);
  if (response.status == 429 || response.status >= 500) return classify_api_response(response);
  api_result out;
  out.http_status = response.status;
  out.body = parse_api_answer(response.body);
  if (response.status >= 200 && response.status < 300) {
    const bool said_no = out.body.is_object() && out.body.contains("ok") && out.body["ok"] == false;
    if (!said_no) {
      out.outcome = api_result::kind::ok;
      return out;
    }
    refused(out);
    return out;
  }
  // 4xx: "expired_url", "used_url", "no_text", …: the same body will be refused again.
  out.error = out.body.is_object() ? string_at(out.body, "error") : excerpt(response.body);
  if (out.error.empty()) out.error = http_error(response.status);
  return out;
}

}  // namespace csibot::platform::slack
