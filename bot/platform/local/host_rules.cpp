#include "bot/platform/local/host_rules.hpp"

#include <algorithm>
#include <charconv>

#include "bot/net/endpoint.hpp"
#include "core/text.hpp"

namespace csibot::platform::local {
namespace {

// Longer than any DNS name (253) with a port: anything beyond is not a host.
constexpr std::size_t max_authority = 300;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool host_name_char(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || c == '-' || c == '.' || c == '_';
}

bool ipv6_char(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || c == ':' || c == '.';
}

// ":8080" → 8080; "" → no port; anything else fails.
bool read_port(std::string_view rest, std::optional<std::uint16_t>& port) {
  if (rest.empty()) return true;
  if (rest.front() != ':' || rest.size() < 2 || rest.size() > 6) return false;
  std::uint16_t value = 0;
  const auto digits = rest.substr(1);
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc{} || end != digits.data() + digits.size() ||
      !std::all_of(digits.begin(), digits.end(), is_digit))
    return false;
  port = value;
  return true;
}

// A browser writes an IPv4 host in dotted decimal whatever the page's URL said (0x7f.1 becomes
// 127.0.0.1), and a DNS name never reads as four numbers, so this form is the only one to accept.
bool is_ipv4(std::string_view host) {
  int parts = 0;
  while (!host.empty()) {
    const auto dot = host.find('.');
    const auto part = host.substr(0, dot);
    int value = 0;
    const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (part.empty() || part.size() > 3 || ec != std::errc{} || end != part.data() + part.size() ||
        value > 255)
      return false;
    ++parts;
    if (dot == std::string_view::npos) break;
    host.remove_prefix(dot + 1);
    if (host.empty()) return false;  // a trailing dot
  }
  return parts == 4;
}

bool is_ip_literal(std::string_view host) {
  return host.starts_with('[') || is_ipv4(host);
}

// 0.0.0.0 and [::] (in any spelling of zeros): the server listens on every address of the machine.
bool is_wildcard(std::string_view host) {
  if (host == "0.0.0.0") return true;
  return host.size() > 2 && host.front() == '[' && host.back() == ']' &&
         host.find_first_not_of("0:", 1) == host.size() - 1;
}

std::string_view unbracketed(std::string_view host) {
  return host.starts_with('[') && host.ends_with(']') ? host.substr(1, host.size() - 2) : host;
}

// "https://csibot.example.com:8443/x" → ("https", csibot.example.com:8443); the port is always set.
// `exact`: the text must be scheme://host[:port] and nothing more, as an Origin header is.
std::optional<std::pair<std::string, authority>> parse_origin_of(std::string_view url, bool exact) {
  const std::string lower = core::ascii_lower(url);
  std::string scheme;
  std::uint16_t default_port = 0;
  if (lower.starts_with("http://")) {
    scheme = "http";
    default_port = 80;
  } else if (lower.starts_with("https://")) {
    scheme = "https";
    default_port = 443;
  } else {
    return std::nullopt;
  }
  std::string_view rest{lower};
  rest.remove_prefix(scheme.size() + 3);
  if (!exact) {
    rest = rest.substr(0, rest.find_first_of("/?#"));
    if (const auto at = rest.rfind('@'); at != std::string_view::npos) rest.remove_prefix(at + 1);
  }
  auto a = parse_authority(rest);
  if (!a) return std::nullopt;
  if (!a->port) a->port = default_port;
  return std::pair{std::move(scheme), std::move(*a)};
}

}  // namespace

std::optional<authority> parse_authority(std::string_view text) {
  if (text.empty() || text.size() > max_authority) return std::nullopt;
  const std::string lower = core::ascii_lower(text);
  const std::string_view t{lower};
  std::size_t host_end = 0;
  if (t.front() == '[') {
    host_end = t.find(']');
    if (host_end == std::string_view::npos) return std::nullopt;
    ++host_end;
    const auto inside = t.substr(1, host_end - 2);
    if (inside.find(':') == std::string_view::npos || !std::all_of(inside.begin(), inside.end(), ipv6_char))
      return std::nullopt;
  } else {
    host_end = std::min(t.find(':'), t.size());
    const auto host = t.substr(0, host_end);
    if (host.empty() || !std::all_of(host.begin(), host.end(), host_name_char)) return std::nullopt;
  }
  authority out{std::string{t.substr(0, host_end)}, std::nullopt};
  if (!read_port(t.substr(host_end), out.port)) return std::nullopt;
  return out;
}

host_rules::host_rules(std::string_view listen, std::string_view public_url) {
  if (const auto l = parse_authority(listen)) {
    names_.push_back({l->host, std::nullopt});
    wildcard_ = is_wildcard(l->host);
    // A loopback or wildcard listener is reached from this host under any of the loopback names;
    // those names cannot be re-pointed by DNS to another machine's page.
    if (wildcard_ || net::is_loopback_host(unbracketed(l->host))) {
      for (const char* loopback : {"localhost", "127.0.0.1", "[::1]"}) {
        if (l->host != loopback) names_.push_back({loopback, std::nullopt});
      }
    }
  }
  if (auto p = parse_origin_of(public_url, false)) {
    public_scheme_ = std::move(p->first);
    public_ = std::move(p->second);
  }
}

bool host_rules::names_bot(const authority& a, std::uint16_t port) const {
  return std::any_of(names_.begin(), names_.end(),
                     [&](const name& n) { return n.host == a.host && (!a.port || *a.port == port); });
}

bool host_rules::allows_host(std::string_view host, std::uint16_t port) const {
  const auto a = parse_authority(host);
  if (!a) return false;
  if (names_bot(*a, port)) return true;
  if (wildcard_ && is_ip_literal(a->host) && (!a->port || *a->port == port)) return true;
  return public_scheme_ && a->host == public_.host && (!a->port || a->port == public_.port);
}

bool host_rules::allows_origin(std::optional<std::string_view> origin, std::string_view host,
                               std::uint16_t port) const {
  if (!origin) return true;
  // "null" (a sandboxed frame, a file:// page) and anything unreadable are refused.
  const auto o = parse_origin_of(*origin, true);
  if (!o) return false;
  const auto& [scheme, a] = *o;
  if (public_scheme_ && scheme == *public_scheme_ && a.host == public_.host && a.port == public_.port)
    return true;
  // Plain http only: this server speaks no TLS, so an https page on a listen name is someone else's.
  if (scheme != "http" || a.port != port) return false;
  if (names_bot(a, port)) return true;
  // Behind a wildcard, an address is this bot's only for the page that was loaded from it.
  const auto h = parse_authority(host);
  return wildcard_ && is_ip_literal(a.host) && h && h->host == a.host && h->port.value_or(port) == port;
}

}  // namespace csibot::platform::local
