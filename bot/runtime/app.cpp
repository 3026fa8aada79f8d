#include "bot/runtime/app.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "bot/net/http_server.hpp"
#include "bot/net/tokens.hpp"
#include "bot/platform/local/dashboard.hpp"
#include "bot/platform/local/local_platform.hpp"
#include "bot/platform/remote_platform.hpp"
#include "bot/runtime/dispatch_queue.hpp"
#include "bot/runtime/metrics.hpp"
#include "bot/runtime/operations.hpp"
#include "bot/runtime/outbox.hpp"
#include "bot/runtime/platform_wiring.hpp"
#include "bot/runtime/proactive.hpp"
#include "bot/runtime/profile_cache.hpp"
#include "bot/runtime/retention_pass.hpp"
#include "bot/runtime/scheduler.hpp"
#include "bot/runtime/socket_thread.hpp"
#include "bot/runtime/ticket_hooks.hpp"
#include "bot/version.hpp"
#include "commands/dispatch.hpp"
#include "core/i18n.hpp"
#include "storage/database.hpp"
#include "storage/outbox_repository.hpp"
#include "storage/repositories.hpp"

namespace csibot::runtime {
namespace asio = boost::asio;
namespace {

core::timestamp system_now() {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

// Written to a temporary name and renamed, so that a reader never sees a half-written port.
void write_port_file(const std::filesystem::path& file, std::uint16_t port) {
  const auto tmp = std::filesystem::path{file.string() + ".tmp"};
  {
    std::ofstream out{tmp, std::ios::trunc};
    out << port << '\n';
    if (!out) throw std::runtime_error("cannot write port file " + tmp.string());
  }
  std::filesystem::rename(tmp, file);
}

}  // namespace

// Feeds the metrics: the time from an event's arrival at dispatch to its replies, and its outcome.
class metrics_observer final : public commands::dispatch_observer {
 public:
  explicit metrics_observer(runtime::metrics& m) : metrics_(m) {}
  void started(const core::inbound&) override { started_ = std::chrono::steady_clock::now(); }
  void finished(const core::inbound& in, commands::outcome result) override {
    metrics_.record(in.platform, result, std::chrono::steady_clock::now() - started_);
  }

 private:
  runtime::metrics& metrics_;
  std::chrono::steady_clock::time_point started_;
};

class app {
 public:
  app(const config::settings& s, const run_options& o)
      : settings_(s),
        listen_(o.listen.value_or(s.bot.listen)),
        db_(s.bot.database),
        dispatcher_(synced(db_, s), s),
        server_(io_, server_options(listen_)),
        started_(std::chrono::steady_clock::now()) {
    dispatcher_.set_observer(&observer_);
  }
  // The socket thread may post to io_'s strands until it is joined: before any member goes.
  ~app() {
    if (sockets_) sockets_->stop();
  }
  app(const app&) = delete;
  app& operator=(const app&) = delete;

  int run(const run_options& o) {
    start_remotes();
    install_routes();
    install_operations();
    server_.start();
    const auto port = server_.local_port();
    if (o.port_file) write_port_file(*o.port_file, port);
    spdlog::info("csibot {} listening on http://{} (database {})", version, listen_address(port),
                 settings_.bot.database.string());
    if (outbox_) outbox_->start();  // also sends what was left pending before a restart
    for (auto& p : remotes_) {
      p->set_public_url(runtime::public_url(settings_, listen_address(port)));
      p->connect([this](std::string why) { fail(std::move(why)); });
    }
    asio::co_spawn(io_, watch_signals(), asio::detached);
    asio::co_spawn(io_, housekeeping(), asio::detached);
    asio::co_spawn(io_, digests(), asio::detached);
    proactive_ = runtime::start_proactive(
        io_, db_, settings_, directories(), system_now,
        [this]() -> const std::vector<core::service>& { return dispatcher_.catalog(); },
        [this](const std::vector<core::outbound>& out) { stage(out); },
        [this](const std::vector<core::outbound>& out) { publish(out); });
    io_.run();
    if (sockets_) sockets_->stop();  // nothing on io_ is left to hear from it
    spdlog::info("csibot stopped");
    return exit_code_;
  }

 private:
  // The catalog in the config is written into the database before the dispatcher reads it.
  static storage::database& synced(storage::database& db, const config::settings& s) {
    const auto removed = storage::service_repository{db}.sync_from_config(s.services, system_now());
    if (!removed.empty())
      spdlog::info(
          "catalog: {} service(s) no longer in the config file were removed (their feedback is kept): {}",
          removed.size(), fmt::join(removed, ", "));
    return db;
  }

  static net::server_options server_options(const std::string& listen) {
    net::server_options opts;
    opts.listen = listen;
    // A handler that threw was answered 500; without this the operator would never learn why.
    opts.log_error = [](std::string_view message) { spdlog::error("http: {}", message); };
    return opts;
  }

  // "127.0.0.1:0" is shown with the port the system chose.
  std::string listen_address(std::uint16_t port) const {
    return listen_.substr(0, listen_.rfind(':')) + ":" + std::to_string(port);
  }

  // The chat-server platforms that are configured (Slack, Mattermost), on one group-commit queue that
  // writes their replies and one outbox that sends them. Each signs in here, before the port opens: a
  // refused token is a start-up failure (the exception reaches run_bot: one line, exit 2), not
  // something to retry forever.
  void start_remotes() {
    // Every platform's people, the web chat's included, may be told something someone else caused.
    dispatcher_.set_language_lookup([this](const core::ref& person) { return known_language(person); });
    if (!settings_.slack && !settings_.mattermost) return;
    outbox_ = std::make_unique<runtime::outbox>(io_, db_, system_now);
    queue_ = std::make_unique<runtime::dispatch_queue>(
        io_, dispatcher_, db_, system_now,
        [this](std::vector<storage::outbox_entry> rows) { outbox_->accept(std::move(rows)); });
    if (settings_.slack) {
      // Socket Mode's acks get a thread of their own (socket_thread.hpp); HTTP mode answers on the
      // server's connections instead.
      if (settings_.slack->mode == "socket") sockets_.emplace();
      remotes_.push_back(runtime::start_slack(io_, settings_, *queue_, *outbox_, db_, system_now,
                                              sockets_ ? &sockets_->io() : nullptr));
    }
    if (settings_.mattermost) {
      remotes_.push_back(runtime::start_mattermost(io_, settings_, *queue_, *outbox_, db_, system_now));
    }
    for (const auto& p : remotes_)
      profiles_.emplace(std::string{p->name()},
                        std::make_shared<runtime::profile_cache>(p->directory(), system_now));
    queue_->set_preparer([this](core::inbound& in) { return with_locale(in); });
  }

  // For a message to someone other than the one whose event it is: their language if their profile
  // was read lately (they wrote to the bot within a day), "" otherwise. Never waits for a read.
  std::string known_language(const core::ref& person) const {
    if (person.platform == "local") {
      // The web chat's people give their browser's language when they connect.
      const auto locale = local_ ? local_->locale_of(person.id) : std::string{};
      return locale.empty() ? std::string{} : std::string{core::language_of(locale)};
    }
    const auto it = profiles_.find(person.platform);
    if (it == profiles_.end()) return {};
    const auto* known = it->second->known(person.id);
    if (known == nullptr || known->locale.empty()) return {};
    return std::string{core::language_of(known->locale)};
  }

  // Slack and Mattermost send commands, DMs and clicks without the person's locale (SPEC §10: answer
  // in their language): it comes from their profile, read once a day. Until it is known, the queue
  // holds the person's events (at most a couple of seconds); a profile that cannot be read leaves
  // the bot's language.
  bool with_locale(core::inbound& in) {
    if (!in.locale.empty()) return true;
    const auto it = profiles_.find(in.platform);
    if (it == profiles_.end()) return true;
    if (const auto* known = it->second->known(in.user)) {
      in.locale = known->locale;
      return true;
    }
    it->second->read_later(io_.get_executor(), in.user, [this, platform = in.platform, user = in.user] {
      queue_->release(platform, user);
    });
    return false;
  }

  platform::remote_platform* remote(std::string_view name) const {
    for (const auto& p : remotes_)
      if (p->name() == name) return p.get();
    return nullptr;
  }

  // Who people are, per running platform, for proactive prompts.
  runtime::directory_map directories() const {
    runtime::directory_map out;
    if (local_) out.emplace("local", local_->directory());
    for (const auto& [name, profiles] : profiles_)
      out.emplace(name, profiles);
    return out;
  }

  // A platform gave up at run time (Slack Socket Mode refused the app token): one line, exit 2.
  void fail(std::string why) {
    spdlog::critical("{}", why);
    exit_code_ = 2;
    shutdown();
  }

  void shutdown() {
    if (stopping_) return;
    stopping_ = true;
    housekeeping_timer_.cancel();
    digest_timer_.cancel();
    if (proactive_) proactive_->stop();
    if (operations_) operations_->stop();  // a running backup still ends and is recorded
    signals_.cancel();
    server_.stop();
    for (auto& p : remotes_)
      p->stop();
    if (outbox_) outbox_->stop();
  }

  // `/csi admin` (docs/admin.md): the bot's health for its admins in the chat, and backups.
  void install_operations() {
    operations_ = std::make_unique<runtime::operations>(
        io_, db_, settings_,
        runtime::operations_hooks{
            .platforms = [this] { return platforms_health(); },
            .events = [this] { return metrics_.totals(); },
            .stage = [this](const std::vector<core::outbound>& out) { stage(out); },
            .publish = [this](const std::vector<core::outbound>& out) { publish(out); }},
        system_now, started_);
    dispatcher_.set_operations(operations_.get());
  }

  // The platforms as /healthz reports them.
  std::vector<commands::platform_health> platforms_health() const {
    std::vector<commands::platform_health> out;
    if (local_)
      out.push_back(runtime::platform_health_of("local", true, {{"sessions", local_->session_count()}}));
    for (const auto& p : remotes_)
      out.push_back(runtime::platform_health_of(p->name(), p->connected(), p->health()));
    return out;
  }

  void install_routes() {
    server_.add_route("GET", "/healthz", [this](const net::request&) { return healthz(); });
    server_.add_route("GET", "/metrics", [this](const net::request&) { return metrics_page(); });
    if (settings_.local.enabled) {
      local_ = std::make_unique<platform::local::local_platform>(db_, dispatcher_, settings_, system_now);
      platform::local::install_routes(server_, *local_);
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

  // Where bot output goes once it is committed.
  void publish(const std::vector<core::outbound>& out) {
    if (local_) local_->deliver(out);
    if (outbox_) outbox_->notify();
  }

  // Called by the digest scheduler and the prompt loop inside the transaction that records a digest
  // slot or a sent prompt: chat-server messages go into the outbox there, so a slot is never recorded
  // without its message, nor posted twice.
  void stage(const std::vector<core::outbound>& out) {
    if (!outbox_) return;
    storage::outbox_repository box{db_};
    const auto now = system_now();
    for (const auto& o : out)
      if (remote(o.platform) != nullptr) box.enqueue(o, "", now);
  }

  // What a command typed in the web chat sends to people on Slack or Mattermost: written into the
  // outbox, which sends it as it sends every reply. A platform not running here cannot carry it.
  void forward(const std::vector<core::outbound>& out) {
    std::vector<core::outbound> sendable;
    for (const auto& o : out) {
      if (remote(o.platform) != nullptr) {
        sendable.push_back(o);
      } else {
        spdlog::warn("local: a message for a {} user was not sent: {} is not configured here", o.platform,
                     o.platform);
      }
    }
    if (sendable.empty()) return;
    try {
      storage::transaction tx{db_};
      stage(sendable);
      tx.commit();
    } catch (const std::exception& e) {
      spdlog::error("local: could not queue {} message(s) for other platforms: {}", sendable.size(),
                    e.what());
      return;
    }
    outbox_->notify();
  }

  // The outbox's sender for the web chat: rows for local people written by a Slack or Mattermost
  // event's batch. Showing them is storing them in the chat's history, so they never need a retry.
  asio::awaitable<runtime::send_result> deliver_locally(const storage::outbox_entry& e) {
    local_->deliver({e.message});
    co_return runtime::send_result::sent();
  }

  bool platform_enabled(std::string_view platform) const {
    return (platform == "local" && local_ != nullptr) || remote(platform) != nullptr;
  }

  net::response healthz() {
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

  net::response metrics_page() {
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
  std::string outbox_metrics() const {
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

  std::chrono::duration<double> uptime() const { return std::chrono::steady_clock::now() - started_; }

  asio::awaitable<void> watch_signals() {
    const auto [ec, signal] = co_await signals_.async_wait(net::nothrow);
    if (ec) co_return;  // cancelled by shutdown()
    spdlog::info("received {}, shutting down", signal == SIGINT ? "SIGINT" : "SIGTERM");
    shutdown();
  }

  // Closes conversations whose time ran out, forgets old event ids and applies data retention, once
  // a minute (the first time at start).
  asio::awaitable<void> housekeeping() {
    while (!stopping_) {
      try {
        const auto now = system_now();
        if (const auto n = dispatcher_.expire_conversations(now); n > 0) {
          spdlog::info("closed {} unanswered conversation(s); their feedback is kept as partial", n);
        }
        storage::event_repository{db_}.purge(now);
        co_await runtime::apply_retention(db_, settings_.bot.retention_days, now);
      } catch (const std::exception& e) {
        spdlog::error("housekeeping failed: {}", e.what());
      }
      housekeeping_timer_.expires_after(std::chrono::minutes{1});
      // Cancelled at shutdown; the loop then sees stopping_.
      co_await housekeeping_timer_.async_wait(net::nothrow);
    }
  }

  // Fires due digests; wakes at the next slot, and at least once a minute so that a subscription
  // made with /csi subscribe is picked up without a signal between the two.
  asio::awaitable<void> digests() {
    runtime::digest_scheduler scheduler{
        db_,
        settings_,
        {.catalog = [this]() -> const std::vector<core::service>& { return dispatcher_.catalog(); },
         .platform_enabled = [this](std::string_view p) { return platform_enabled(p); },
         .stage = [this](const std::vector<core::outbound>& out) { stage(out); },
         .publish = [this](const std::vector<core::outbound>& out) { publish(out); }}};
    try {
      scheduler.sync_config(system_now());
    } catch (const std::exception& e) {
      spdlog::error("digests: cannot store the config's subscriptions: {}", e.what());
    }
    while (!stopping_) {
      const auto now = system_now();
      const auto result = scheduler.tick(now);
      auto wait = std::chrono::milliseconds{std::chrono::minutes{1}};
      if (result.next) wait = std::clamp(*result.next - now, std::chrono::milliseconds{0}, wait);
      digest_timer_.expires_after(wait);
      co_await digest_timer_.async_wait(net::nothrow);  // cancelled at shutdown
    }
  }

  const config::settings& settings_;
  std::string listen_;
  // Before io_: stopped first (run() and ~app), destroyed last, since the sockets on it may be held by
  // coroutines that io_ destroys. Only with Slack's Socket Mode.
  std::optional<runtime::socket_thread> sockets_;
  asio::io_context io_;
  storage::database db_;
  commands::dispatcher dispatcher_;
  metrics metrics_;
  metrics_observer observer_{metrics_};
  net::http_server server_;
  std::unique_ptr<platform::local::local_platform> local_;
  // Declared in this order so that the adapter goes first, then the queue, then the outbox it feeds.
  std::unique_ptr<runtime::outbox> outbox_;
  std::unique_ptr<runtime::dispatch_queue> queue_;
  std::vector<std::unique_ptr<platform::remote_platform>> remotes_;  // Slack, Mattermost: as configured
  // Per chat-server platform, its people directory with profiles remembered (for prompts and replies).
  std::map<std::string, std::shared_ptr<runtime::profile_cache>, std::less<>> profiles_;
  std::unique_ptr<runtime::proactive> proactive_;  // pulses, /csi ask, ticket prompts, reminders
  asio::signal_set signals_{io_, SIGINT, SIGTERM};
  asio::steady_timer housekeeping_timer_{io_};
  asio::steady_timer digest_timer_{io_};
  std::chrono::steady_clock::time_point started_;
  bool stopping_ = false;
  int exit_code_ = 0;
  // Last, so destroyed first: waits for a running backup while everything its end uses still lives.
  std::unique_ptr<runtime::operations> operations_;
};

int run_bot(const config::settings& settings, const run_options& options) {
  try {
    app a{settings, options};
    return a.run(options);
  } catch (const std::exception& e) {
    spdlog::critical("csibot cannot start: {}", e.what());
    return 2;
  }
}

}  // namespace csibot::runtime
