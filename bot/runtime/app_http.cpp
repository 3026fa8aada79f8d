// What `csibot run` serves over HTTP besides the platforms' own routes: /healthz, /metrics, the
// dashboard, the ticket webhooks, and `/csi admin`'s view of the same health.
#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>
#include <nlohmann/json.hpp>

#include "bot/platform/local/dashboard.hpp"
#include "bot/runtime/app_impl.hpp"
#include "bot/runtime/platform_wiring.hpp"
#include "bot/runtime/ticket_hooks.hpp"
#include "bot/version.hpp"
#include "storage/repositories.hpp"

namespace csibot::runtime::detail {

void app::install_routes() {
  server_.add_route("GET", "/healthz", [this](const net::request&) { return healthz(); });
  server_.add_route("GET", "/metrics", [this](const net::request&) { return metrics_page(); });
  if (settings_.local.enabled) {
    local_ = std::make_unique<platform::local::local_platform>(db_, dispatcher_, settings_, system_now);
    platform::local::install_routes(server_, *local_);
    // Group commit: the frames of one turn of the io loop share a transaction (docs/local-chat.md).
    local_->batch_with([this](std::function<void()> fn) { boost::asio::post(io_, std::move(fn)); });
    // Messages across platforms (an owner on one answers feedback given on another, SPEC §6): the
    // web chat hands what it cannot show to the outbox, and the outbox shows the web chat's.
    local_->forward_others([this](const std::vector<core::outbound>& out) { forward(out); });
    if (outbox_)
      outbox_->add_sender("local", [this](const storage::outbox_entry& e) { return deliver_locally(e); });
  }
  platform::local::install_dashboard(
      server_, {.db = db_,
                .settings = settings_,
                .catalog = [this]() -> const std::vector<core::service>& { return dispatcher_.catalog(); },
                .now = system_now});
  // First, so that the routes a running platform installs next replace them: what is left answers
  // 404 with the setting that would enable it instead of a bare 404 nobody can act on.
  runtime::install_platform_fallbacks(server_, settings_, [] { return std::chrono::steady_clock::now(); });
  for (auto& p : remotes_)
    p->install_routes(server_);
  // Always installed: without [hooks] they answer 404 with the reason, so an ITSM tool's calls are
  // visibly refused rather than silently lost (docs/webhooks.md).
  runtime::install_ticket_hooks(
      server_, db_, settings_,
      {.now = system_now,
       .platform_running = [this](std::string_view p) { return platform_enabled(p); },
       .count = [this](std::string_view hook,
                       runtime::hook_outcome o) { metrics_.record_webhook(hook, o); }});
}

// `/csi admin` (docs/admin.md): the bot's health for its admins in the chat, and backups.
void app::install_operations() {
  operations_ = std::make_unique<runtime::operations>(
      io_, db_, settings_,
      runtime::operations_hooks{.platforms = [this] { return platforms_health(); },
                                .events = [this] { return metrics_.totals(); },
                                .stage = [this](const std::vector<core::outbound>& out) { stage(out); },
                                .publish = [this](const std::vector<core::outbound>& out) { publish(out); }},
      system_now, started_);
  dispatcher_.set_operations(operations_.get());
}

// The platforms as /healthz reports them.
std::vector<commands::platform_health> app::platforms_health() const {
  std::vector<commands::platform_health> out;
  if (local_)
    out.push_back(runtime::platform_health_of("local", true, {{"sessions", local_->session_count()}}));
  for (const auto& p : remotes_)
    out.push_back(runtime::platform_health_of(p->name(), p->connected(), p->health()));
  return out;
}

net::response app::healthz() {
  nlohmann::json j;
  bool db_ok = true;
  try {
    (void)db_.schema_version();
  } catch (const std::exception& e) {
    db_ok = false;
    spdlog::error("healthz: database check failed: {}", e.what());
  }
  j["status"] = db_ok ? "ok" : "degraded";
  j["version"] = version;
  j["uptime_seconds"] = uptime().count();
  j["database"] = db_ok ? "ok" : "error";
  j["platforms"] = nlohmann::json::object();
  if (local_) j["platforms"]["local"] = {{"connected", true}, {"sessions", local_->session_count()}};
  for (const auto& p : remotes_)
    j["platforms"][std::string{p->name()}] = p->health();
  return net::response::json(db_ok ? 200 : 503, j.dump());
}

net::response app::metrics_page() {
  gauges g;
  g.feedback_total = storage::feedback_repository{db_}.count();
  g.conversations_open = storage::conversation_repository{db_}.count_open(system_now());
  const auto http = server_.stats();
  g.http_requests_total = http.requests_total;
  g.connections_active = http.connections_active;
  g.ws_sessions_active = http.ws_sessions_active;
  if (local_) g.platform_connected["local"] = local_->session_count();
  for (const auto& p : remotes_)
    g.platform_connected[std::string{p->name()}] = p->connected() ? 1 : 0;
  g.uptime_seconds = uptime().count();
  auto r = net::response::text(200, metrics_.render(g) + outbox_metrics());
  r.content_type = "text/plain; version=0.0.4; charset=utf-8";
  return r;
}

// The outbox's depth: a growing backlog means a platform refuses or rate-limits csibot.
std::string app::outbox_metrics() const {
  if (!outbox_) return {};
  std::int64_t pending = 0;
  try {
    pending = outbox_->stats().pending;
  } catch (const std::exception& e) {
    spdlog::error("metrics: cannot read the outbox: {}", e.what());
    return {};
  }
  return "# HELP csibot_outbox_pending Messages waiting in the outbox.\n"
         "# TYPE csibot_outbox_pending gauge\n"
         "csibot_outbox_pending " +
         std::to_string(pending) + "\n";
}

std::chrono::duration<double> app::uptime() const {
  return std::chrono::steady_clock::now() - started_;
}
}  // namespace csibot::runtime::detail
