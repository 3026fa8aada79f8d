#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace csibot::net {

/// HTTP header fields in arrival order; names compare case-insensitively (RFC 9110 §5.1).
/// Duplicates are kept: find() returns the first.
class header_map {
 public:
  using entry = std::pair<std::string, std::string>;

  /// Appends a field; an existing field of the same name stays.
  void add(std::string name, std::string value);
  /// Replaces every field of that name by one field.
  void set(std::string name, std::string value);
  /// The first value of `name`, or nullopt.
  [[nodiscard]] std::optional<std::string_view> find(std::string_view name) const;
  [[nodiscard]] bool contains(std::string_view name) const { return find(name).has_value(); }

  [[nodiscard]] const std::vector<entry>& entries() const noexcept { return entries_; }
  [[nodiscard]] auto begin() const noexcept { return entries_.begin(); }
  [[nodiscard]] auto end() const noexcept { return entries_.end(); }
  [[nodiscard]] std::size_t size() const noexcept { return entries_.size(); }
  [[nodiscard]] bool empty() const noexcept { return entries_.empty(); }

 private:
  std::vector<entry> entries_;
};

/// True when a and b are equal ignoring ASCII case.
[[nodiscard]] bool iequals(std::string_view a, std::string_view b) noexcept;

/// An HTTP request as the server hands it to a route handler. Owns everything it holds.
struct request {
  std::string method;          ///< as on the wire, e.g. "POST"
  std::string target;          ///< the path without the query, e.g. "/slack/events"
  std::string query;           ///< the raw query after '?', without it; empty when none
  header_map headers;          ///< request fields
  std::string body;            ///< the raw bytes: Slack signs the raw body, so it is never re-encoded
  std::string remote_address;  ///< peer IP address, e.g. "127.0.0.1"
};

/// A route handler's answer. Content-Length, Server, Connection and Date are set by the server.
struct response {
  unsigned status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
  header_map headers;  ///< extra fields, e.g. Retry-After

  /// A text/plain response.
  static response text(unsigned status, std::string body);
  /// An application/json response; `json` must already be serialized.
  static response json(unsigned status, std::string json);
};

}  // namespace csibot::net
