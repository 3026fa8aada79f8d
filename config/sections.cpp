#include "config/sections.hpp"

#include <chrono>
#include <limits>
#include <sstream>
#include <string>
#include <utility>

#include "config/checks.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"

namespace csibot::config::detail {
namespace {

std::string number(double value) {
  std::ostringstream out;
  out << value;  // 2, 2.5: as the user would write it
  return out.str();
}

/// A key a mode cannot work without. `got` says whether the read succeeded, so that a value that
/// was already diagnosed (wrong type, missing ${ENV}) is not reported twice.
void require(table_reader& r, std::string_view name, bool got, const std::string& value,
             const std::string& why) {
  if (!r.has(name))
    r.ctx().error(r.key(name), r.line(), "missing (" + why + ")");
  else if (got && value.empty())
    r.ctx().error(r.key(name), r.line(name), "is empty (" + why + ")");
}

void read_slack(table_reader& root, std::optional<slack_settings>& out) {
  const auto* table = root.table("slack");
  if (!table) return;
  table_reader r(root.ctx(), *table, "slack");
  slack_settings s;
  const bool mode_ok = !r.has("mode") || r.read("mode", s.mode, one_of({"socket", "http"}));
  // Each mode needs one of the two secrets; the other may be in the file unexported.
  const bool app = mode_ok && s.mode == "http"
                       ? r.read_unused("app_token", s.app_token, "not used in http mode")
                       : r.read("app_token", s.app_token);
  const bool bot = r.read("bot_token", s.bot_token);
  const bool signing = mode_ok && s.mode == "socket"
                           ? r.read_unused("signing_secret", s.signing_secret, "not used in socket mode")
                           : r.read("signing_secret", s.signing_secret);
  r.read("api_url", s.api_url, check_url);
  r.read("socket_connections", s.socket_connections, 1, 10);  // Slack allows ten; read in http mode too
  // Web API methods are appended to api_url ("…/api/" + "chat.postMessage").
  if (!s.api_url.ends_with('/')) s.api_url += '/';
  if (mode_ok) {
    const std::string why = "required in " + s.mode + " mode";
    require(r, "bot_token", bot, s.bot_token, why);
    if (s.mode == "http")
      require(r, "signing_secret", signing, s.signing_secret, why);
    else
      require(r, "app_token", app, s.app_token, why);
  }
  r.finish();
  out = std::move(s);
}

void read_mattermost(table_reader& root, std::optional<mattermost_settings>& out) {
  const auto* table = root.table("mattermost");
  if (!table) return;
  table_reader r(root.ctx(), *table, "mattermost");
  mattermost_settings s;
  const bool url = r.read("url", s.url, check_url);
  const bool token = r.read("token", s.token);
  r.read("command_token", s.command_token);
  require(r, "url", url, s.url, "the Mattermost server's address");
  require(r, "token", token, s.token, "the bot account's access token");
  // Not required: DMs to the bot work without it. But every /csi from Mattermost is refused then,
  // which an admin would otherwise only learn from a user's "command failed".
  if (s.command_token.empty())
    r.ctx().warning(r.key("command_token"), r.line("command_token"),
                    "not set: Mattermost's /csi slash command will be refused (401) until it holds the "
                    "command's token (Integrations → Slash Commands → /csi)");
  // REST and WebSocket paths are appended as "{url}/api/v4".
  while (s.url.ends_with('/'))
    s.url.pop_back();
  r.finish();
  out = std::move(s);
}

// A locale such as "de-DE" is kept as the shipped language it maps to: digests and the CLI use
// bot.language as it is, and must speak the language the replies of the dispatcher (which maps it
// through language_of) speak.
void read_language(table_reader& r, std::string& out) {
  std::string value;
  if (!r.read("language", value, check_not_empty)) return;
  const auto shipped = core::language_of(value);
  if (core::ascii_lower(std::string_view{value}.substr(0, value.find_first_of("-_"))) != shipped) {
    r.ctx().warning(
        r.key("language"), r.line("language"),
        "no message catalog for " + quote(value) + " ships (English and German do); English is used");
  }
  out = shipped;
}

}  // namespace

void read_bot(table_reader& root, bot_settings& out) {
  const auto* table = root.table("bot");
  if (!table) return;
  table_reader r(root.ctx(), *table, "bot");
  r.read("command", out.command, check_command);
  std::string database;
  if (r.read("database", database, check_not_empty)) out.database = database;
  r.read("timezone", out.timezone, check_timezone);
  r.read("listen", out.listen, check_listen);
  if (r.read("public_url", out.public_url, check_public_url) && is_plain_http_beyond_loopback(out.public_url))
    r.ctx().warning(r.key("public_url"), r.line("public_url"),
                    "plain http:// beyond this machine: Mattermost's button callbacks and the links in "
                    "digests travel unencrypted (fine inside a private network; use https:// otherwise)");
  r.read("admins", out.admins, check_ref);
  r.read_duration("conversation_timeout", out.conversation_timeout, false);
  read_language(r, out.language);
  r.read("log_level", out.log_level, one_of({"trace", "debug", "info", "warn", "error"}));
  r.read("log_format", out.log_format, one_of({"text", "json"}));
  r.read("min_group", out.min_group, 1, 1000);
  if (r.read("retention_days", out.retention_days, 0, std::numeric_limits<int>::max()) &&
      out.retention_days > 0 && std::chrono::days{out.retention_days} <= out.conversation_timeout) {
    // Retention erases a row's comments once and moves on; one still being written in an open
    // conversation when its row ages out would be kept for ever.
    r.ctx().error(r.key("retention_days"), r.line("retention_days"),
                  "must be longer than bot.conversation_timeout, or comments of open conversations "
                  "would outlive it");
  }
  r.finish();
}

void read_platforms(table_reader& root, settings& out) {
  read_slack(root, out.slack);
  read_mattermost(root, out.mattermost);
  if (const auto* table = root.table("local")) {
    table_reader r(root.ctx(), *table, "local");
    r.finish();
    out.local.enabled = true;
  }
  // The built-in web chat is the fallback that needs no account (SPEC §9).
  if (!out.slack && !out.mattermost) out.local.enabled = true;
}

void read_policy(table_reader& root, policy_settings& out) {
  const auto* table = root.table("policy");
  if (!table) return;
  table_reader r(root.ctx(), *table, "policy");
  r.read_duration("cooldown", out.cooldown, true);
  r.read("weekly_budget", out.weekly_budget, 0, 1000);
  r.read("quiet_hours", out.quiet_hours, check_quiet_hours);
  r.read("skip_weekends", out.skip_weekends);
  r.read_duration("reminder_after", out.reminder_after, true);
  r.finish();
}

void read_hooks(table_reader& root, std::optional<hooks_settings>& out) {
  const auto* table = root.table("hooks");
  if (!table) return;
  table_reader r(root.ctx(), *table, "hooks");
  hooks_settings h;
  const bool secret = r.read("secret", h.secret);
  require(r, "secret", secret, h.secret, "webhooks are signed with it");
  r.read_duration("ticket_delay", h.ticket_delay, true);
  if (r.read("ticket_sample", h.ticket_sample) && (h.ticket_sample < 0.0 || h.ticket_sample > 1.0)) {
    r.ctx().error(r.key("ticket_sample"), r.line("ticket_sample"), "must be between 0 and 1");
  }
  r.finish();
  out = std::move(h);
}

void read_themes(table_reader& root, settings& out) {
  const auto* table = root.table("themes");
  if (!table) return;
  table_reader r(root.ctx(), *table, "themes");
  if (const auto* synonyms = r.table("synonyms")) {
    // Every key is a canonical word of the user's choosing, so there are no unknown keys here.
    table_reader words(root.ctx(), *synonyms, "themes.synonyms");
    for (auto&& [word, node] : *synonyms) {
      std::vector<std::string> same;
      if (words.read(word.str(), same, check_not_empty))
        out.synonyms.emplace_back(word.str(), std::move(same));
    }
  }
  r.finish();
}

void read_criticality(table_reader& root, core::criticality_weights& out) {
  const auto* table = root.table("criticality");
  if (!table) return;
  table_reader r(root.ctx(), *table, "criticality");
  const std::pair<const char*, double*> levels[] = {
      {"low", &out.low}, {"medium", &out.medium}, {"high", &out.high}, {"critical", &out.critical}};
  const char* below = nullptr;  // the last level accepted, for the order check
  double previous = 0;
  for (const auto& [name, weight] : levels) {
    // A refused value gets its own error and no more: comparing it, or the level after it, with a
    // value that is not going to be used would blame a level for another's mistake.
    const bool given = r.has(name);
    if (given && !r.read(name, *weight)) continue;
    if (given && (*weight < 0 || *weight > 1000)) {
      r.ctx().error(r.key(name), r.line(name), "must be a number from 0 to 1000");
      continue;
    }
    // A more critical service weighing less is almost surely a typo, and would rank the catalog
    // upside down without anyone noticing.
    if (below && *weight < previous)
      r.ctx().error(
          r.key(name), r.line(name),
          std::string{"must not be less than criticality."} + below + " (" + number(previous) + ")");
    below = name;
    previous = *weight;
  }
  r.finish();
}

}  // namespace csibot::config::detail
