// rest_result: how a Mattermost REST answer is classified (PLATFORMS.md §2.1: error body
// {id,message,status_code}; X-Ratelimit-* headers; 429 "limit exceeded").

#include "bot/platform/mattermost/rest_result.hpp"

#include <algorithm>
#include <charconv>
#include <limits>

#include "bot/net/error.hpp"
#include "bot/platform/common/form.hpp"

namespace csibot::platform::mattermost {

using json = nlohmann::json;

namespace {

constexpr std::chrono::seconds min_retry_after{1};  // the limiter's window is one second
constexpr std::chrono::seconds max_retry_after{3600};
constexpr std::size_t max_message = 200;

/// An unsigned decimal header value (surrounding blanks allowed); nullopt for anything else.
std::optional<std::uint64_t> number_of(const net::header_map& headers, std::string_view name) {
  const auto field = headers.find(name);
  if (!field) return std::nullopt;
  auto text = *field;
  while (!text.empty() && text.front() == ' ')
    text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ')
    text.remove_suffix(1);
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || end != text.data() + text.size()) return std::nullopt;
  if (ec == std::errc::result_out_of_range) return std::numeric_limits<std::uint64_t>::max();
  if (ec != std::errc{}) return std::nullopt;
  return value;
}

std::uint32_t clamp32(std::uint64_t value) {
  return static_cast<std::uint32_t>(
      std::min<std::uint64_t>(value, std::numeric_limits<std::uint32_t>::max()));
}

/// Mattermost's limiter says when its window refills (X-Ratelimit-Reset, seconds; "0" = within this
/// second); Retry-After is the generic fallback. Either way at least the floor, so that a "0" does
/// not make the caller hammer the server, and at most an hour, so that junk cannot park a queue.
std::chrono::milliseconds retry_after_of(const net::header_map& headers) {
  auto seconds = number_of(headers, "X-Ratelimit-Reset");
  if (!seconds) seconds = number_of(headers, "Retry-After");
  const auto floor = static_cast<std::uint64_t>(min_retry_after.count());
  const auto cap = static_cast<std::uint64_t>(max_retry_after.count());
  const auto wait = std::clamp<std::uint64_t>(seconds.value_or(floor), floor, cap);
  return std::chrono::seconds{static_cast<std::int64_t>(wait)};
}

/// Printable ASCII only, the secret cut out, at most max_message characters: a message from the
/// server goes into a log line.
std::string sanitize(std::string text, std::string_view secret) {
  if (!secret.empty()) {
    for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret, at))
      text.replace(at, secret.size(), "***");
  }
  std::string out;
  for (const char c : text.substr(0, max_message))
    out += (c >= 0x20 && c < 0x7f) ? c : ' ';
  while (!out.empty() && out.back() == ' ')
    out.pop_back();
  return out;
}

std::string string_at(const json& object, std::string_view key) {
  if (!object.is_object()) return {};
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

}  // namespace

std::string_view to_string(rest_result::kind kind) noexcept {
  switch (kind) {
    case rest_result::kind::ok:
      return "ok";
    case rest_result::kind::rate_limited:
      return "rate_limited";
    case rest_result::kind::retryable:
      return "retryable";
    case rest_result::kind::fatal:
      return "fatal";
  }
  return "unknown";
}

std::string describe(std::string_view call, const rest_result& result) {
  std::string line = "mattermost " + std::string{call} + ": ";
  if (result.ok()) return line + "ok";
  line += result.error.empty() ? std::string{"failed"} : result.error;
  line += " (";
  if (result.http_status != 0) line += "HTTP " + std::to_string(result.http_status) + ", ";
  line += to_string(result.outcome);
  if (result.outcome == rest_result::kind::rate_limited)
    line += ", retry after " + std::to_string(result.retry_after.count()) + " ms";
  line += ")";
  if (!result.message.empty()) line += ": " + result.message;
  return line;
}

std::optional<rate_window> rate_window_of(const net::header_map& headers) {
  const auto limit = number_of(headers, "X-Ratelimit-Limit");
  const auto remaining = number_of(headers, "X-Ratelimit-Remaining");
  if (!limit || !remaining) return std::nullopt;
  rate_window out;
  out.limit = clamp32(*limit);
  out.remaining = clamp32(*remaining);
  out.reset = std::chrono::seconds{clamp32(number_of(headers, "X-Ratelimit-Reset").value_or(0))};
  return out;
}

rest_result classify_response(const net::http_result& response, std::string_view secret) {
  rest_result out;
  if (!response.ok()) {
    // bot/net's own refusals (a plain http:// URL to a non-loopback host, a malformed URL, a body
    // over the limit) will be refused again: only socket, TLS and timeout failures are worth a retry.
    const bool refused = response.error.category() == net::net_category();
    out.outcome = refused ? rest_result::kind::fatal : rest_result::kind::retryable;
    out.error = sanitize(response.message, secret);  // net messages name host and step, not the URL
    return out;
  }
  out.http_status = response.status;
  out.rate = rate_window_of(response.headers);
  out.body = parse_json_value(response.body);  // the server's, but not trusted with a deep tree
  if (out.body.is_discarded()) out.body = nullptr;
  if (response.status >= 200 && response.status < 300) {
    out.outcome = rest_result::kind::ok;
    return out;
  }
  // Mattermost's AppError: {"id":"…","message":"…","status_code":…}. detailed_error is never read:
  // the server may put request details (even "token=…") there.
  out.error = sanitize(string_at(out.body, "id"), secret);
  out.message = sanitize(string_at(out.body, "message"), secret);
  if (out.error.empty()) out.error = "http_" + std::to_string(response.status);
  if (response.status == 429) {
    out.outcome = rest_result::kind::rate_limited;
    out.retry_after = retry_after_of(response.headers);
    if (out.body.is_null()) out.message = sanitize(response.body, secret);  // "limit exceeded"
  } else if (response.status >= 500 || response.status == 408) {
    out.outcome = rest_result::kind::retryable;
  } else {
    out.outcome = rest_result::kind::fatal;
  }
  return out;
}

}  // namespace csibot::platform::mattermost
