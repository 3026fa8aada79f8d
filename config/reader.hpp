#pragma once
/// Typed, diagnosing access to one TOML table (private to config/). Every read records what went
/// wrong with its dotted key and line, so that one pass reports every problem in a file.
#include <toml++/toml.h>

#include <chrono>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "config/loader.hpp"

namespace csibot::config::detail {

/// Where diagnostics are collected while one document is read.
struct context {
  explicit context(const env_lookup& lookup) : env(lookup) {}
  const env_lookup& env;
  std::vector<diagnostic> diagnostics;

  void error(std::string key, int line, std::string message);
  void warning(std::string key, int line, std::string message);
};

/// A string value after ${ENV} expansion.
struct text {
  std::string value;
  std::string shown;  ///< quoted for messages; a value from the environment shows its ${NAME} only
  std::string key;    ///< dotted path, e.g. "service[0].owners[1]"
  int line = 0;
};

/// Returns what is wrong with a value, or nullopt when it is fine.
using check = std::function<std::optional<std::string>(const text&)>;

/// 1-based line where a node starts; 0 when toml++ does not know.
int line_of(const toml::node& node);

/// Reads the keys of one table. Every key asked for counts as known; finish() warns about the rest.
class table_reader {
 public:
  /// `prefix` is the table's dotted path ("" for the document root, "service[2]").
  table_reader(context& ctx, const toml::table& table, std::string prefix);

  std::string key(std::string_view name) const;
  int line() const { return line_of(table_); }
  /// The line of `name`'s value, or the table's line when the key is absent.
  int line(std::string_view name) const;
  bool has(std::string_view name) const { return table_.contains(name); }
  context& ctx() { return ctx_; }

  /// Each read leaves `out` untouched and returns false when the key is absent or its value is
  /// wrong (the latter with a diagnostic); a `check` that objects adds one too.
  bool read(std::string_view name, std::string& out, const check& ok = {});
  bool read(std::string_view name, std::vector<std::string>& out, const check& ok = {});
  bool read(std::string_view name, bool& out);
  bool read(std::string_view name, int& out, int min, int max);
  bool read(std::string_view name, double& out);
  /// A string the configured mode does not use (Slack's signing_secret in socket mode): read as
  /// usual, but a ${VAR} that is not set is a warning naming `unused_because`, not an error, so a
  /// config copied with both secrets in it works with only the needed one exported.
  bool read_unused(std::string_view name, std::string& out, std::string_view unused_because);
  /// A duration string such as "24h" (core::parse_duration); zero is refused unless allowed.
  bool read_duration(std::string_view name, std::chrono::milliseconds& out, bool allow_zero);

  /// A sub-table; nullptr when absent or not a table (the latter with a diagnostic).
  const toml::table* table(std::string_view name);
  /// The tables of an array of tables ([[name]]), each with its index; wrong shapes are diagnosed.
  std::vector<std::pair<const toml::table*, std::size_t>> tables(std::string_view name);

  /// Warns about every key that no read asked for, suggesting the closest known one.
  void finish();

 private:
  const toml::node* find(std::string_view name);
  std::optional<text> to_text(const toml::node& node, std::string key);
  void wrong_type(const std::string& key, const toml::node& node, std::string_view expected);

  context& ctx_;
  const toml::table& table_;
  std::string prefix_;
  std::set<std::string, std::less<>> known_;
};

/// "'value'" for messages: control characters escaped, long values cut.
std::string quote(std::string_view value);

}  // namespace csibot::config::detail
