#include "platform/chat_harness.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <future>

#include "bot/platform/local/dashboard.hpp"
#include "config/loader.hpp"
#include "storage/repositories.hpp"

namespace csibot::platform::local::test {

namespace asio = boost::asio;

std::shared_ptr<chat_user> chat_user::attach(std::shared_ptr<net::ws_session> session) {
  auto user = std::make_shared<chat_user>();
  user->session_ = session;
  std::weak_ptr<chat_user> weak = user;
  session->on_message([weak](std::string_view text) {
    auto self = weak.lock();
    if (!self) return;
    std::lock_guard lock(self->mutex_);
    self->frames_.push_back(json::parse(text, nullptr, false));
    self->changed_.notify_all();
  });
  session->on_close([weak](const net::close_info& info) {
    auto self = weak.lock();
    if (!self) return;
    std::lock_guard lock(self->mutex_);
    self->closed_ = info;
    self->changed_.notify_all();
  });
  return user;
}

json chat_user::next(const std::function<bool(const json&)>& match, const std::string& what) {
  std::unique_lock lock(mutex_);
  std::optional<json> found;
  const bool ok = changed_.wait_for(lock, deadline, [&] {
    for (; cursor_ < frames_.size(); ++cursor_) {
      if (match(frames_[cursor_])) {
        found = frames_[cursor_++];
        return true;
      }
    }
    return false;
  });
  if (!ok) {
    std::string seen;
    for (const auto& f : frames_)
      seen += f.dump().substr(0, 300) + "\n";
    ADD_FAILURE() << "no " << what << " within the deadline; frames so far:\n" << seen;
    return nullptr;
  }
  return *found;
}

std::optional<net::close_info> chat_user::wait_closed() {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, deadline, [&] { return closed_.has_value(); });
  return closed_;
}

std::vector<json> chat_user::frames() {
  std::lock_guard lock(mutex_);
  return frames_;
}

chat_server::chat_server(const std::function<void(config::settings&)>& adjust)
    : settings_(config::demo_settings()) {
  settings_.bot.database = dir_ / "csibot.db";
  if (adjust) adjust(settings_);
  db_ = std::make_unique<storage::database>(settings_.bot.database);
  const auto now =
      core::timestamp{std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now())};
  storage::service_repository(*db_).sync_from_config(settings_.services, now);
  dispatcher_ = std::make_unique<commands::dispatcher>(*db_, settings_);
  platform_ = std::make_unique<local_platform>(*db_, *dispatcher_, settings_, [] {
    return core::timestamp{std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now())};
  });
  platform_->batch_with([this](std::function<void()> fn) { asio::post(io_, std::move(fn)); });
  net::server_options options;
  options.listen = "127.0.0.1:0";
  server_ = std::make_unique<net::http_server>(io_, options);
  install_routes(*server_, *platform_);
  install_dashboard(
      *server_, {.db = *db_,
                 .settings = settings_,
                 .catalog = [this]() -> const std::vector<core::service>& { return dispatcher_->catalog(); },
                 .now =
                     [] {
                       return core::timestamp{
                           std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now())};
                     }});
  server_->start();
  client_ = std::make_unique<net::ws_client>(io_);
  net::client_options one_shot;
  one_shot.keep_alive = false;  // each request its own connection: stop() waits for no idle one
  http_ = std::make_unique<net::http_client>(io_, one_shot);
  work_.emplace(io_.get_executor());
  thread_ = std::thread([this] { io_.run(); });
}

chat_server::~chat_server() {
  stop();
}

void chat_server::stop() {
  if (!thread_.joinable()) return;
  server_->stop();
  work_.reset();
  thread_.join();
}

std::shared_ptr<chat_user> chat_server::connect(net::header_map headers) {
  const std::string url = "ws://127.0.0.1:" + std::to_string(port()) + "/local/ws";
  // Callbacks go in on the io thread, before run(), so that no frame can arrive unobserved.
  auto task = [](net::ws_client& client, std::string target,
                 net::header_map extra) -> asio::awaitable<std::shared_ptr<chat_user>> {
    auto result = co_await client.connect(std::move(target), std::move(extra));
    if (!result.ok()) throw std::runtime_error("ws connect failed: " + result.message);
    auto user = chat_user::attach(result.session);
    asio::co_spawn(co_await asio::this_coro::executor, result.session->run(), asio::detached);
    co_return user;
  };
  auto future = asio::co_spawn(io_, task(*client_, url, std::move(headers)), asio::use_future);
  if (future.wait_for(deadline) != std::future_status::ready)
    throw std::runtime_error("ws connect timed out");
  return future.get();
}

net::ws_connect_result chat_server::try_connect(net::header_map headers) {
  const std::string url = "ws://127.0.0.1:" + std::to_string(port()) + "/local/ws";
  auto task = [](net::ws_client& client, std::string target,
                 net::header_map extra) -> asio::awaitable<net::ws_connect_result> {
    auto result = co_await client.connect(std::move(target), std::move(extra));
    if (result.ok()) result.session->close(net::close_code::normal, "done");
    co_return result;
  };
  auto future = asio::co_spawn(io_, task(*client_, url, std::move(headers)), asio::use_future);
  if (future.wait_for(deadline) != std::future_status::ready)
    throw std::runtime_error("ws connect timed out");
  return future.get();
}

net::http_result chat_server::get(const std::string& path, net::header_map headers) {
  const std::string url = "http://127.0.0.1:" + std::to_string(port()) + path;
  auto future = asio::co_spawn(io_, http_->request("GET", url, std::move(headers)), asio::use_future);
  if (future.wait_for(deadline) != std::future_status::ready) {
    ADD_FAILURE() << "no answer to GET " << path << " within the deadline";
    net::http_result timed_out;
    timed_out.message = "timed out";
    timed_out.error = asio::error::timed_out;
    return timed_out;
  }
  return future.get();
}

std::shared_ptr<chat_user> chat_server::join(const std::string& name) {
  auto user = connect();
  user->send({{"type", "hello"}, {"name", name}});
  EXPECT_EQ(user->next_of("welcome").value("type", ""), "welcome");
  return user;
}

void chat_server::on_io(const std::function<void()>& fn) {
  std::promise<void> done;
  asio::post(io_, [&] {
    try {
      fn();
      done.set_value();
    } catch (...) {
      done.set_exception(std::current_exception());
    }
  });
  auto f = done.get_future();
  if (f.wait_for(deadline) != std::future_status::ready) throw std::runtime_error("io thread did not answer");
  f.get();
}

}  // namespace csibot::platform::local::test
