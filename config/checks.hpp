#pragma once
/// Value checks used by the config sections (private to config/). Each returns what is wrong with
/// a value, or nullopt when it is fine; table_reader turns the answer into a diagnostic.
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "config/reader.hpp"

namespace csibot::config::detail {

/// The value must be one of `options`: "unknown value 'hgih' (expected low, medium, high or critical)".
check one_of(std::initializer_list<std::string_view> options);

/// A `platform:id` reference (core::parse_ref).
std::optional<std::string> check_ref(const text& value);
/// https:// for any host; http:// only for loopback hosts (127.x.x.x, localhost, [::1]). For the
/// addresses csibot calls with its tokens.
std::optional<std::string> check_url(const text& value);
/// https:// or http:// for any host: bot.public_url, the address others use to reach csibot, which
/// carries none of its secrets (button callbacks are signed). Plain http on a private network is
/// legitimate there; read_bot warns about it.
std::optional<std::string> check_public_url(const text& value);
/// True for an http:// URL whose host is not loopback.
bool is_plain_http_beyond_loopback(std::string_view url);
/// "host:port" with a port from 0 to 65535 (0 lets the system choose); IPv6 hosts in brackets.
std::optional<std::string> check_listen(const text& value);
/// An IANA time zone name known to the system's tz database ("Europe/Berlin", "UTC").
std::optional<std::string> check_timezone(const text& value);
/// A 5-field cron expression (see cron.hpp).
std::optional<std::string> check_cron(const text& value);
/// "HH:MM-HH:MM" (may wrap past midnight), or "" for no quiet hours.
std::optional<std::string> check_quiet_hours(const text& value);
/// A slash command: "/" followed by 1–31 of [a-z0-9_-].
std::optional<std::string> check_command(const text& value);
/// A rolling length for a digest ("7d", "4w"): a positive core::parse_duration.
std::optional<std::string> check_rolling_period(const text& value);
/// A non-empty value.
std::optional<std::string> check_not_empty(const text& value);

/// True for localhost, 127.x.x.x and [::1]: the only hosts plain http:// is accepted for.
bool is_loopback_host(std::string_view host);

}  // namespace csibot::config::detail
