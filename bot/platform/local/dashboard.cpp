#include "bot/platform/local/dashboard.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <utility>

#include "bot/net/endpoint.hpp"
#include "bot/net/http_server.hpp"
#include "bot/platform/common/form.hpp"
#include "bot/platform/local/guard.hpp"
#include "bot/platform/local/page.hpp"
#include "commands/digests.hpp"
#include "core/cron.hpp"
#include "core/i18n.hpp"
#include "core/period.hpp"
#include "core/text.hpp"
#include "insights/digest.hpp"
#include "insights/improvement_words.hpp"
#include "storage/improvement_repository.hpp"
#include "web/assets.hpp"

namespace csibot::platform::local {
namespace {

using json = nlohmann::json;
using steady = std::chrono::steady_clock;

// A query longer than this is no honest dashboard's: "period=since:2026-10-01&lang=de-DE" is 36 bytes.
constexpr std::size_t max_query = 512;
constexpr std::size_t max_period = 64;
constexpr std::size_t cache_entries = 16;

// What a visitor typed, for one log line: no control characters, no line breaks (no forged lines),
// and short (the period is capped before it gets here).
std::string loggable(std::string_view typed) {
  auto text = core::sanitize(typed);
  std::replace_if(
      text.begin(), text.end(), [](char c) { return c == '\n' || c == '\t'; }, ' ');
  return text;
}

net::response json_error(unsigned status, const std::string& message) {
  auto r = net::response::json(status, json{{"error", message}}.dump());
  r.headers.set("Cache-Control", "no-store");
  return r;
}

// Improvements listed per service: the open ones and the newest finished ones. A register of years
// would otherwise make every refresh carry all of it.
constexpr std::size_t register_per_service = 12;

// The register by service id, as `/csi service` shows it ("how we get there", "did we get there?"),
// worded in `language`; rejected improvements are left out. Figures go through the register's own
// words, which withhold small groups of (pseudo)anonymous services (SPEC §12). Dates are local to `tz`.
json register_json(storage::database& db, const std::vector<core::service>& catalog, int min_group,
                   const std::string& language, const date::time_zone* tz) {
  auto all = storage::improvement_repository{db}.list();
  std::stable_sort(all.begin(), all.end(), [](const core::improvement& a, const core::improvement& b) {
    return core::listing_rank(a.state) != core::listing_rank(b.state)
               ? core::listing_rank(a.state) < core::listing_rank(b.state)
               : a.id > b.id;
  });
  const auto text = [](const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); };
  json by_service = json::object();
  for (const auto& i : all) {
    const auto* svc = core::find_service(catalog, i.service);
    if (svc == nullptr || i.state == core::improvement_state::rejected) continue;
    auto& list = by_service[i.service];
    if (list.size() >= register_per_service) continue;
    list.push_back({{"id", i.id},
                    {"title", i.title},
                    {"open", core::is_open(i.state)},
                    {"state", core::to_string(i.state)},
                    {"state_words", insights::state_words(i.state, language)},
                    {"business_function", text(i.business_function)},
                    {"expected_effect", text(i.expected_effect)},
                    {"process_only", i.process_only()},
                    {"baseline", insights::measurement_words(*svc, i.baseline, min_group, language)},
                    {"outcome", insights::outcome_words(i, *svc, min_group, language, tz)}});
  }
  return by_service;
}

// The digest's JSON (the shape `csibot digest --format json` prints) under "digest", with what the page
// needs besides: the language it is written in, the formatted table, the register with the headings
// the service view gives it, and whether the chat is served.
std::string dashboard_json(const insights::digest& d, json improvements, const std::string& language,
                           bool chat, core::timestamp at) {
  json j;
  j["language"] = language;
  j["generated_at"] = core::to_iso8601(at);
  j["chat"] = chat;
  j["table"] = {{"columns", d.table.columns}, {"rows", d.table.rows}};
  j["register"] = std::move(improvements);
  j["words"] = {{"register_open", core::tr(language, "service.how")},
                {"register_done", core::tr(language, "service.done")}};
  // The digest's text goes in as insights::to_json wrote it, not parsed back into a tree and dumped again.
  auto text = j.dump(-1, ' ', false, json::error_handler_t::replace);
  text.pop_back();  // the object's closing brace
  text += ",\"digest\":";
  text += insights::to_json(d);
  text += '}';
  return text;
}

class digest_endpoint {
 public:
  explicit digest_endpoint(dashboard_source source) : source_(std::move(source)) {}

  net::response operator()(const net::request& r) {
    if (r.query.size() > max_query) return json_error(414, "the query is too long");
    const auto params = parse_form(r.query);
    if (!params.ok()) return json_error(400, "the query cannot be read: " + params.error);
    const std::string period_text = params.value.value("period", std::string{"30d"});
    if (period_text.size() > max_period) return json_error(400, "the period is too long");
    const auto language =
        dashboard_language(params.value.value("lang", std::string{}), r.headers.find("Accept-Language"),
                           source_.settings.bot.language);
    const auto now = source_.now();
    const auto p = core::parse_period(period_text, now, core::find_time_zone(source_.settings.bot.timezone));
    if (!p) {
      spdlog::info("dashboard: '{}' is not a period (from {})", loggable(period_text), r.remote_address);
      return json_error(400, "'" + period_text +
                                 "' is not a period (7d, 30d, 12w, 2026-Q3, 2026-10, since:2026-10-01, all)");
    }
    const std::string key = period_text + '\n' + language;
    const auto at = steady::now();
    if (const auto it = cache_.find(key); it != cache_.end() && at - it->second.made < dashboard_reuse)
      return answer(it->second.body);
    if (!fresh_.admit(at)) {
      auto busy = json_error(429, "busy computing other figures; ask again in a second");
      busy.headers.set("Retry-After", "1");
      return busy;
    }
    std::string body;
    try {
      const auto& catalog = source_.catalog();
      const auto d = commands::build_digest(source_.db, source_.settings, catalog, *p, language, now);
      body = dashboard_json(
          d, register_json(source_.db, catalog, source_.settings.bot.min_group, language, p->zone), language,
          source_.settings.local.enabled, now);
    } catch (const std::exception& e) {
      spdlog::error("dashboard: cannot compute the digest for {}: {}", loggable(period_text), e.what());
      return json_error(503, "the figures cannot be read right now; the bot's log says why");
    }
    if (cache_.size() >= cache_entries) cache_.clear();  // a handful of periods in use: no LRU needed
    cache_[key] = {at, body};
    return answer(std::move(body));
  }

 private:
  struct entry {
    steady::time_point made;
    std::string body;
  };

  static net::response answer(std::string body) {
    auto r = net::response::json(200, std::move(body));
    // Feedback, quotes included: never kept by a proxy or the browser's cache.
    r.headers.set("Cache-Control", "no-store");
    r.headers.set("X-Content-Type-Options", "nosniff");
    return r;
  }

  dashboard_source source_;
  std::map<std::string, entry, std::less<>> cache_;
  fresh_gate fresh_{dashboard_fresh_gap};
};

}  // namespace

bool fresh_gate::admit(std::chrono::steady_clock::time_point at) {
  if (last_ && at - *last_ < gap_) return false;
  last_ = at;
  return true;
}

bool dashboard_visible_to(std::string_view remote_address, bool local_chat_on) {
  return local_chat_on || net::is_loopback_host(remote_address);
}

std::string dashboard_language(std::string_view lang_param, std::optional<std::string_view> accept_language,
                               std::string_view bot_language) {
  if (!lang_param.empty()) return std::string{core::language_of(lang_param)};
  if (accept_language && !accept_language->empty()) {
    // "de-DE,de;q=0.9,en;q=0.8": browsers list the preferred language first.
    const auto first = accept_language->substr(0, accept_language->find_first_of(",;"));
    if (first != "*") return std::string{core::language_of(first)};
  }
  return std::string{core::language_of(bot_language)};
}

void install_dashboard(net::http_server& server, dashboard_source source) {
  const bool local_chat_on = source.settings.local.enabled;
  // The first refusal is logged, not every one: a scanner must not fill the log.
  auto refused_logged = std::make_shared<bool>(false);
  auto hosts = std::make_shared<request_guard>(server, source.settings, "dashboard");
  auto guard = [local_chat_on, refused_logged, hosts](auto handler) {
    return [local_chat_on, refused_logged, hosts, handler = std::move(handler)](const net::request& r) {
      // A page on another site must not read the figures through a re-pointed name (DNS rebinding).
      if (auto refused = hosts->check_page(r)) return std::move(*refused);
      if (!dashboard_visible_to(r.remote_address, local_chat_on)) {
        if (!*refused_logged) {
          spdlog::warn(
              "dashboard: refused a visitor from {}: without the local chat it is shown on loopback only",
              r.remote_address);
          *refused_logged = true;
        }
        return net::response::text(403,
                                   "The dashboard is shown to visitors on this host only (127.0.0.1), "
                                   "because the local chat is off.\n");
      }
      return handler(r);
    };
  };
  for (const char* path : {"/dashboard", "/dashboard.js", "/dashboard.css", "/ui.js", "/theme.css"}) {
    server.add_route("GET", path, guard([path](const net::request&) {
                       const auto* a = web::find_asset(path);
                       return a != nullptr ? serve_page(*a) : net::response::text(404, "not found\n");
                     }));
  }
  auto endpoint = std::make_shared<digest_endpoint>(std::move(source));
  server.add_route("GET", "/dashboard/digest",
                   guard([endpoint](const net::request& r) { return (*endpoint)(r); }));
}

}  // namespace csibot::platform::local
