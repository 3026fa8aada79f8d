#pragma once
/// The checks of a ticket webhook's JSON body (docs/webhooks.md), once its signature holds: the
/// body's form, each field's type, the person forms, and text that reaches the log.
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace csibot::runtime {

// A webhook that is turned away: the status and a reason that is safe to show the caller and to log
// (it never contains the secret or the signature).
struct rejection {
  unsigned status;
  std::string reason;
};

/// The body as a JSON object. Throws rejection (400).
nlohmann::json parse_body(std::string_view raw);

/// A JSON field as a string. Throws rejection (400) when it is missing (and required) or not a
/// string. An optional field that is null or "" counts as absent: ITSM templates render an unset
/// value so.
std::optional<std::string> string_field(const nlohmann::json& body, const char* name, bool required);

/// `user` or `resolver` in the stored form: "slack:U0123" as it is, an e-mail address as
/// "email:<address, lower case>"; nullopt when optional and absent. Throws rejection (400).
std::optional<std::string> person_field(const nlohmann::json& body, const char* name, bool required);

/// C0 controls, DEL and C1 controls (U+0080–U+009F) anywhere in `text`.
bool has_control(std::string_view text);

/// Caller-supplied text as it may appear in a log line: controls, line separators (U+2028, U+2029)
/// and bidirectional overrides written as \uXXXX.
std::string loggable(std::string_view text);

}  // namespace csibot::runtime
