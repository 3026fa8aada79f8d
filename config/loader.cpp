#include "config/loader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <system_error>

#include "config/reader.hpp"
#include "config/sections.hpp"

namespace csibot::config {
namespace {

/// Anything larger is not a hand-written config; refusing it keeps a wrong --config cheap.
constexpr std::uintmax_t max_file_bytes = std::uintmax_t{4} * 1024 * 1024;

diagnostic file_error(std::string message) {
  return {severity::error, "", 0, std::move(message)};
}

/// A relative database path belongs next to the config file (SPEC §12), not to the working folder.
std::filesystem::path resolve_database(const std::filesystem::path& database,
                                       const std::filesystem::path& origin) {
  if (database.is_absolute() || database == ":memory:") return database;
  auto joined = origin.parent_path() / database;
  std::error_code ec;
  auto absolute = std::filesystem::absolute(joined, ec);
  return (ec ? joined : absolute).lexically_normal();
}

/// Mattermost calls csibot back at bot.public_url (the buttons' actions, the slash command's Request
/// URL), which defaults to http://{listen}. A wildcard listen makes that an address nobody can call, so
/// every click would fail, long after start, with nothing in csibot's log to say why.
void warn_if_uncallable(detail::context& ctx, const toml::table& document, const std::string& listen) {
  const auto wildcard = wildcard_listen(listen);
  if (!wildcard) return;
  const auto* bot = document.get("bot");
  const int line =
      bot ? static_cast<int>(std::min<toml::source_index>(bot->source().begin.line, 1u << 30)) : 0;
  ctx.warning("bot.public_url", line,
              "not set, so Mattermost is told to call csibot back (button clicks) at http://" + listen +
                  ", which it cannot reach: " + *wildcard +
                  " in bot.listen means every address of this host, not one to call; set bot.public_url "
                  "to the address Mattermost reaches csibot at, e.g. \"https://csibot.example.com\" or "
                  "\"http://10.0.0.5:8080\"");
}

void read_document(detail::context& ctx, const toml::table& document, settings& out) {
  detail::table_reader root(ctx, document, "");
  read_bot(root, out.bot);
  read_platforms(root, out);
  const auto ids = read_services(root, out.services);
  read_digests(root, ids, out.digests);
  read_policy(root, out.policy);
  read_pulses(root, ids, out.services, out.pulses);
  read_hooks(root, out.hooks);
  read_themes(root, out);
  read_criticality(root, out.criticality_weights);
  root.finish();
}

}  // namespace

std::string diagnostic::str(const std::filesystem::path& file) const {
  std::string out = file.empty() ? std::string{"<config>"} : file.string();
  if (line > 0) out += ":" + std::to_string(line);
  out += severity == severity::error ? ": error: " : ": warning: ";
  if (!key.empty()) out += key + ": ";
  return out + message;
}

std::optional<std::string> process_env(std::string_view name) {
  const std::string terminated{name};
  if (const char* value = std::getenv(terminated.c_str())) return std::string{value};
  return std::nullopt;
}

load_result load_string(std::string_view toml_text, const std::filesystem::path& origin,
                        const env_lookup& env) {
  load_result result;
  toml::table document;
  try {
    document = toml::parse(toml_text, origin.string());
  } catch (const toml::parse_error& e) {
    const auto line = static_cast<int>(std::min<toml::source_index>(e.source().begin.line, 1u << 30));
    result.diagnostics.push_back({severity::error, "", line, "TOML syntax: " + std::string{e.description()}});
    return result;
  }
  detail::context ctx{env};
  settings parsed;
  parsed.source = origin;
  read_document(ctx, document, parsed);
  parsed.bot.database = resolve_database(parsed.bot.database, origin);
  if (parsed.bot.public_url.empty()) {
    parsed.bot.public_url = "http://" + parsed.bot.listen;
    if (parsed.mattermost) warn_if_uncallable(ctx, document, parsed.bot.listen);
  }

  // Reported in file order, so that check-config reads top to bottom.
  result.diagnostics = std::move(ctx.diagnostics);
  std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(),
                   [](const diagnostic& a, const diagnostic& b) { return a.line < b.line; });
  const bool failed = std::any_of(result.diagnostics.begin(), result.diagnostics.end(),
                                  [](const diagnostic& d) { return d.severity == severity::error; });
  if (!failed) result.settings = std::move(parsed);
  return result;
}

load_result load_file(const std::filesystem::path& file, const env_lookup& env) {
  load_result result;
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) {
    result.diagnostics.push_back(file_error("is a folder, not a config file"));
    return result;
  }
  const auto size = std::filesystem::file_size(file, ec);
  if (!ec && size > max_file_bytes) {
    result.diagnostics.push_back(
        file_error("too large for a config file (" + std::to_string(size) + " bytes)"));
    return result;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    const int error = errno;
    result.diagnostics.push_back(file_error("cannot read: " + std::generic_category().message(error)));
    return result;
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    result.diagnostics.push_back(file_error("cannot read: I/O error"));
    return result;
  }
  return load_string(text.str(), file, env);
}

std::optional<std::filesystem::path> choose_config_file(const std::optional<std::filesystem::path>& flag,
                                                        const env_lookup& env) {
  if (flag) return flag;
  if (auto from_env = env ? env("CSIBOT_CONFIG") : std::nullopt; from_env && !from_env->empty()) {
    return std::filesystem::path{*from_env};
  }
  std::error_code ec;
  if (std::filesystem::exists("csibot.toml", ec)) return std::filesystem::path{"csibot.toml"};
  return std::nullopt;
}

}  // namespace csibot::config
