#pragma once
/// Which requests address this bot, for the local chat and the dashboard (docs/local-chat.md "Who may
/// connect"). Any web page open in a browser on this host can send requests to 127.0.0.1:8080; two
/// checks keep such pages out:
/// - Host: the browser names the host it meant. A page on evil.example whose DNS name is re-pointed
///   to 127.0.0.1 (DNS rebinding) reaches the port with `Host: evil.example:8080`; only the names of
///   this bot are served.
/// - Origin: a browser names the page that opens a WebSocket. Any page may open
///   ws://127.0.0.1:8080/local/ws (cross-site WebSocket hijacking); only this bot's own pages may.
/// Pure: no I/O, no clock.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace csibot::platform::local {

/// "host[:port]" as in a Host header or a URL's authority: the host lower-cased, an IPv6 address in
/// its brackets; the port when one is written.
struct authority {
  std::string host;
  std::optional<std::uint16_t> port;
};

/// Parses a Host header value. nullopt for anything else (a path, user info, an empty or bad port,
/// characters no host name has).
std::optional<authority> parse_authority(std::string_view text);

/// The names this bot answers to. Built once from the configuration; the bound port is passed per
/// request because with `listen = "…:0"` it is known only once the server listens.
class host_rules {
 public:
  /// `listen` is bot.listen ("127.0.0.1:8080", "[::]:8080", "localhost:0"); `public_url` is
  /// bot.public_url ("https://csibot.example.com"; empty or unreadable: only `listen` counts).
  host_rules(std::string_view listen, std::string_view public_url);

  /// True when a Host header value names this bot listening on `port`:
  /// - the listen host, and localhost, 127.0.0.1 and [::1] when that host is loopback or a wildcard
  ///   (0.0.0.0, [::]), each with `port` or no port (non-browser clients often leave it out; a browser
  ///   writes every port but 80);
  /// - with a wildcard listen host, any IP address with `port` or none: an address cannot be
  ///   re-pointed by DNS, and every address of the machine reaches the bot;
  /// - the host of public_url with its port (written or the scheme's) or none.
  [[nodiscard]] bool allows_host(std::string_view host, std::uint16_t port) const;

  /// True when a WebSocket upgrade may go on, given its Origin header (nullopt: none sent, as from a
  /// script or a test; browsers always send one) and its Host header (already allowed by
  /// allows_host). Allowed: public_url's origin; "http://" with a name of the first rule above and
  /// `port`; with a wildcard listen host, "http://" + the IP address and `port` the request's Host
  /// names (the page and its socket on one address).
  [[nodiscard]] bool allows_origin(std::optional<std::string_view> origin, std::string_view host,
                                   std::uint16_t port) const;

 private:
  struct name {
    std::string host;
    std::optional<std::uint16_t> port;  // nullopt: the bound port
  };
  [[nodiscard]] bool names_bot(const authority& a, std::uint16_t port) const;

  std::vector<name> names_;  // the listen names (and the loopback ones), then public_url's host
  bool wildcard_ = false;
  std::optional<std::string> public_scheme_;  // "http" or "https" when public_url could be read
  authority public_;                          // its port always set (written, or 80/443)
};

}  // namespace csibot::platform::local
