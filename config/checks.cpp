#include "config/checks.hpp"

#include <arpa/inet.h>
#include <date/tz.h>

#include <charconv>
#include <vector>

#include "config/cron.hpp"
#include "config/loader.hpp"
#include "core/ref.hpp"
#include "core/text.hpp"
#include "core/time.hpp"

namespace csibot::config::detail {
namespace {

std::optional<int> number_in(std::string_view text, int min, int max) {
  int value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc{} || ptr != end || value < min || value > max) return std::nullopt;
  return value;
}

std::string listing(std::initializer_list<std::string_view> options) {
  std::string out;
  std::size_t i = 0;
  for (auto option : options) {
    if (i > 0) out += i + 1 == options.size() ? " or " : ", ";
    out += option;
    ++i;
  }
  return out;
}

bool is_host_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
         c == '_';
}

/// Splits "host:port" or "[v6]:port"; the port text may be empty. Nullopt when the host is malformed.
std::optional<std::pair<std::string_view, std::string_view>> split_host_port(std::string_view authority) {
  std::string_view host = authority, port;
  if (authority.starts_with('[')) {
    const auto close = authority.find(']');
    if (close == std::string_view::npos || close == 1) return std::nullopt;
    host = authority.substr(0, close + 1);
    const auto rest = authority.substr(close + 1);
    if (!rest.empty() && !rest.starts_with(':')) return std::nullopt;
    if (!rest.empty()) port = rest.substr(1);
    return std::pair{host, port};
  }
  const auto colon = authority.rfind(':');
  if (colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
  }
  if (host.empty()) return std::nullopt;
  for (char c : host) {
    if (!is_host_char(c)) return std::nullopt;
  }
  return std::pair{host, port};
}

bool is_hh_mm(std::string_view text) {
  return text.size() == 5 && text[2] == ':' && number_in(text.substr(0, 2), 0, 23) &&
         number_in(text.substr(3, 2), 0, 59);
}

}  // namespace

check one_of(std::initializer_list<std::string_view> options) {
  std::vector<std::string_view> allowed(options);
  std::string expected = listing(options);
  return [allowed, expected](const text& value) -> std::optional<std::string> {
    for (auto option : allowed) {
      if (option == value.value) return std::nullopt;
    }
    return "unknown value " + value.shown + " (expected " + expected + ")";
  };
}

std::optional<std::string> check_ref(const text& value) {
  if (core::parse_ref(value.value)) return std::nullopt;
  return "not a platform:id reference: " + value.shown +
         " (platform is local, slack, mattermost or discord, e.g. \"slack:U0123\")";
}

bool is_loopback_host(std::string_view host) {
  if (core::ascii_lower(host) == "localhost" || host == "[::1]") return true;
  if (!host.starts_with("127.")) return false;
  std::size_t parts = 0, start = 0;
  while (start <= host.size()) {
    const auto dot = host.find('.', start);
    const auto part = host.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (!number_in(part, 0, 255) || part.size() > 3) return false;
    ++parts;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return parts == 4;
}

namespace {

// Whether plain http:// may name a host that is not loopback.
enum class plain_http { loopback_only, anywhere };

std::optional<std::string> check_url_for(const text& value, plain_http plain) {
  const std::string lower = core::ascii_lower(value.value);
  const bool https = lower.starts_with("https://");
  if (!https && !lower.starts_with("http://")) {
    return "not a URL: " + value.shown + " (expected https://…, or http://… for a loopback host)";
  }
  const std::string_view rest = std::string_view{value.value}.substr(https ? 8 : 7);
  const auto authority = rest.substr(0, rest.find_first_of("/?#"));
  const auto parts = split_host_port(authority);
  if (!parts || (!parts->second.empty() && !number_in(parts->second, 1, 65535))) {
    return "not a valid host[:port] in URL " + value.shown;
  }
  for (char c : value.value) {
    if (c == ' ' || c == '\t' || c == '\n') return "URL " + value.shown + " contains white space";
  }
  if (!https && plain == plain_http::loopback_only && !is_loopback_host(parts->first)) {
    return value.shown +
           ": plain http:// is only allowed for loopback hosts (127.0.0.1, localhost, [::1]); "
           "use https://";
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> check_url(const text& value) {
  return check_url_for(value, plain_http::loopback_only);
}

std::optional<std::string> check_public_url(const text& value) {
  return check_url_for(value, plain_http::anywhere);
}

bool is_plain_http_beyond_loopback(std::string_view url) {
  const std::string lower = core::ascii_lower(url);
  if (!lower.starts_with("http://")) return false;
  const auto rest = url.substr(7);
  const auto parts = split_host_port(rest.substr(0, rest.find_first_of("/?#")));
  return parts && !is_loopback_host(parts->first);
}

std::optional<std::string> check_listen(const text& value) {
  if (!listen_problem(value.value)) return std::nullopt;
  return "not host:port: " + value.shown +
         " (an IP address or localhost, and a port from 0 to 65535: \"127.0.0.1:8080\" or \"[::1]:8080\")";
}

std::optional<std::string> check_timezone(const text& value) {
  try {
    (void)date::locate_zone(value.value);
    return std::nullopt;
  } catch (const std::exception&) {
    // locate_zone reports an unknown name by throwing; its message adds nothing for the reader.
    return "unknown time zone " + value.shown +
           " (expected an IANA name such as \"Europe/Berlin\" or \"UTC\")";
  }
}

std::optional<std::string> check_cron(const text& value) {
  if (auto problem = cron_problem(value.value)) return "bad cron schedule " + value.shown + ": " + *problem;
  return std::nullopt;
}

std::optional<std::string> check_quiet_hours(const text& value) {
  const std::string_view v = value.value;
  if (v.empty() || (v.size() == 11 && v[5] == '-' && is_hh_mm(v.substr(0, 5)) && is_hh_mm(v.substr(6)))) {
    return std::nullopt;
  }
  return "not a time range: " + value.shown + " (expected \"HH:MM-HH:MM\" such as \"18:00-08:00\", or \"\")";
}

std::optional<std::string> check_command(const text& value) {
  const std::string_view v = value.value;
  bool ok = v.size() >= 2 && v.size() <= 32 && v.front() == '/';
  for (std::size_t i = 1; ok && i < v.size(); ++i) {
    const char c = v[i];
    ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  }
  if (ok) return std::nullopt;
  return "not a slash command: " + value.shown + " (expected \"/\" and up to 31 of a-z, 0-9, - and _)";
}

std::optional<std::string> check_rolling_period(const text& value) {
  const auto length = core::parse_duration(value.value);
  if (length && length->count() > 0) return std::nullopt;
  return "not a rolling period: " + value.shown + " (expected a length such as \"7d\", \"2w\" or \"30d\")";
}

std::optional<std::string> check_not_empty(const text& value) {
  if (value.value.empty()) return "must not be empty";
  return std::nullopt;
}

}  // namespace csibot::config::detail

namespace csibot::config {

std::optional<std::string> listen_problem(std::string_view listen) {
  const auto parts = detail::split_host_port(listen);
  if (!parts || parts->second.empty() || !detail::number_in(parts->second, 0, 65535)) {
    return "needs host:port with a port from 0 to 65535";
  }
  std::string host{parts->first};
  if (host == "localhost") return std::nullopt;  // as the server reads it: lower case only
  const bool v6 = host.size() > 2 && host.front() == '[';
  if (v6) host = host.substr(1, host.size() - 2);
  unsigned char address[16];
  // The server binds an address, not a name it would have to resolve.
  if (inet_pton(v6 ? AF_INET6 : AF_INET, host.c_str(), address) != 1) {
    return "the host must be an IP address or localhost";
  }
  return std::nullopt;
}

std::optional<std::string> wildcard_listen(std::string_view listen) {
  const auto parts = detail::split_host_port(listen);
  if (!parts) return std::nullopt;
  std::string host{parts->first};
  const bool v6 = host.size() > 2 && host.front() == '[';
  if (v6) host = host.substr(1, host.size() - 2);
  unsigned char address[16] = {};
  if (inet_pton(v6 ? AF_INET6 : AF_INET, host.c_str(), address) != 1) return std::nullopt;
  const std::size_t size = v6 ? 16 : 4;
  for (std::size_t i = 0; i < size; ++i) {
    if (address[i] != 0) return std::nullopt;
  }
  return host;
}

}  // namespace csibot::config
