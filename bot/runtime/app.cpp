// `csibot run`: the start-up sequence, a clean stop, and run_bot's one line when start-up fails.
#include "bot/runtime/app.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <fstream>

#include "bot/runtime/app_impl.hpp"
#include "bot/runtime/platform_wiring.hpp"
#include "bot/version.hpp"
#include "storage/repositories.hpp"

namespace csibot::runtime {
namespace asio = boost::asio;
namespace detail {
namespace {

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

app::app(const config::settings& s, const run_options& o)
    : settings_(s),
      listen_(o.listen.value_or(s.bot.listen)),
      db_(s.bot.database),
      dispatcher_(synced(db_, s), s),
      server_(io_, server_options(listen_)),
      started_(std::chrono::steady_clock::now()) {
  dispatcher_.set_observer(&observer_);
}

// The socket thread may post to io_'s strands until it is joined: before any member goes.
app::~app() {
  if (sockets_) sockets_->stop();
}

int app::run(const run_options& o) {
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

// The catalog in the config is written into the database before the dispatcher reads it.
storage::database& app::synced(storage::database& db, const config::settings& s) {
  const auto removed = storage::service_repository{db}.sync_from_config(s.services, system_now());
  if (!removed.empty())
    spdlog::info(
        "catalog: {} service(s) no longer in the config file were removed (their feedback is kept): {}",
        removed.size(), fmt::join(removed, ", "));
  return db;
}

net::server_options app::server_options(const std::string& listen) {
  net::server_options opts;
  opts.listen = listen;
  // A handler that threw was answered 500; without this the operator would never learn why.
  opts.log_error = [](std::string_view message) { spdlog::error("http: {}", message); };
  return opts;
}

// "127.0.0.1:0" is shown with the port the system chose.
std::string app::listen_address(std::uint16_t port) const {
  return listen_.substr(0, listen_.rfind(':')) + ":" + std::to_string(port);
}

// A platform gave up at run time (Slack Socket Mode refused the app token): one line, exit 2.
void app::fail(std::string why) {
  spdlog::critical("{}", why);
  exit_code_ = 2;
  shutdown();
}

void app::shutdown() {
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

}  // namespace detail

int run_bot(const config::settings& settings, const run_options& options) {
  try {
    detail::app a{settings, options};
    return a.run(options);
  } catch (const std::exception& e) {
    spdlog::critical("csibot cannot start: {}", e.what());
    return 2;
  }
}

}  // namespace csibot::runtime
