#include "e2e/client.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <cctype>
#include <future>
#include <stdexcept>
#include <thread>

namespace csibot::e2e {

namespace asio = boost::asio;
using platform::local::test::deadline;

client::client()
    : ws_(std::make_unique<net::ws_client>(io_)), http_(std::make_unique<net::http_client>(io_)) {
  work_.emplace(io_.get_executor());
  thread_ = std::thread([this] { io_.run(); });
}

client::~client() {
  // Sessions still open (a failed test) are abandoned with the io_context: stop() rather than
  // waiting for peers that may be gone.
  work_.reset();
  io_.stop();
  thread_.join();
}

std::shared_ptr<net::ws_session> client::open(
    const std::string& url, const net::ws_client_options& options,
    const std::function<void(const std::shared_ptr<net::ws_session>&)>& attach) {
  auto ws = std::make_shared<net::ws_client>(io_, options);
  other_ws_.push_back(ws);
  auto task = [](std::shared_ptr<net::ws_client> c, std::string target,
                 std::function<void(const std::shared_ptr<net::ws_session>&)> install)
      -> asio::awaitable<std::shared_ptr<net::ws_session>> {
    auto result = co_await c->connect(std::move(target));
    if (!result.ok()) throw std::runtime_error("ws connect failed: " + result.message);
    // Callbacks go in before run(), so that no frame can arrive unobserved.
    install(result.session);
    asio::co_spawn(co_await asio::this_coro::executor, result.session->run(), asio::detached);
    co_return result.session;
  };
  auto future = asio::co_spawn(io_, task(std::move(ws), url, attach), asio::use_future);
  if (future.wait_for(deadline) != std::future_status::ready)
    throw std::runtime_error("ws connect to " + url + " timed out");
  return future.get();
}

std::shared_ptr<chat_user> client::connect(std::uint16_t port) {
  std::shared_ptr<chat_user> user;
  open("ws://127.0.0.1:" + std::to_string(port) + "/local/ws", {},
       [&](const std::shared_ptr<net::ws_session>& s) { user = chat_user::attach(s); });
  return user;
}

std::shared_ptr<chat_user> client::join(std::uint16_t port, const std::string& name) {
  auto user = connect(port);
  user->send({{"type", "hello"}, {"name", name}});
  EXPECT_EQ(user->next_of("welcome").value("type", ""), "welcome") << name << " was not welcomed";
  return user;
}

net::http_result client::get(const std::string& url) {
  auto future = asio::co_spawn(io_, http_->request("GET", url), asio::use_future);
  if (future.wait_for(deadline) != std::future_status::ready) {
    net::http_result timed_out;
    timed_out.error = make_error_code(boost::system::errc::timed_out);
    timed_out.message = "GET " + url + ": no answer within the deadline";
    return timed_out;
  }
  return future.get();
}

bool is_bot_message_in(const json& frame, const std::string& channel) {
  return frame.value("type", "") == "message" && frame.value("channel", "") == channel &&
         frame.contains("author") && frame["author"].value("bot", false);
}

std::string body_text(const json& frame) {
  if (!frame.is_object() || !frame.contains("body")) return {};
  return frame["body"].value("text", "");
}

std::string shown(const json& frame) {
  if (!frame.is_object() || !frame.contains("body") || !frame["body"].is_object()) return {};
  const auto& b = frame["body"];
  std::string out = b.value("header", "") + "\n" + b.value("text", "") + "\n";
  for (const auto& f : b.value("fields", json::array()))
    out += f.value("label", "") + ": " + f.value("value", "") + "\n";
  return out + b.value("context", "");
}

json saw(chat_user& user, const std::function<bool(const json&)>& match, const std::string& what) {
  const auto end = std::chrono::steady_clock::now() + deadline;
  while (true) {
    const auto frames = user.frames();
    for (const auto& f : frames) {
      if (match(f)) return f;
    }
    if (std::chrono::steady_clock::now() > end) {
      std::string seen;
      for (const auto& f : frames)
        seen += f.dump().substr(0, 300) + "\n";
      ADD_FAILURE() << "never saw " << what << "; frames:\n" << seen;
      return nullptr;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds{10});
  }
}

void say(chat_user& user, const std::string& channel, const std::string& text) {
  user.send({{"type", "message"}, {"channel", channel}, {"text", text}});
}

json bot_says(chat_user& user, const std::string& channel, const std::string& part) {
  return user.next(
      [&](const json& f) {
        return is_bot_message_in(f, channel) && shown(f).find(part) != std::string::npos;
      },
      "a bot message in " + channel + " saying \"" + part + "\"");
}

json question_with_buttons(chat_user& user, const std::string& channel, const std::string& action_id) {
  return user.next(
      [&](const json& f) {
        if (!is_bot_message_in(f, channel)) return false;
        for (const auto& b : f["body"].value("buttons", json::array())) {
          if (b.value("action_id", "") == action_id) return true;
        }
        return false;
      },
      "a bot message in " + channel + " with " + action_id + " buttons");
}

void click(chat_user& user, const json& message, const std::string& action_id, const std::string& value) {
  if (!message.is_object()) {
    ADD_FAILURE() << "no message to click " << action_id << "=" << value << " in";
    return;
  }
  // A question's buttons end their values with its key ("vpn:2@rating.…"): the value sent is the
  // button's own.
  std::string sent;
  for (const auto& b : message["body"].value("buttons", json::array())) {
    const auto v = b.value("value", "");
    if (sent.empty() && b.value("action_id", "") == action_id && v.substr(0, v.find('@')) == value) sent = v;
  }
  if (sent.empty()) {
    ADD_FAILURE() << "no button " << action_id << "=" << value << " in " << message.dump();
    return;
  }
  user.send({{"type", "action"},
             {"channel", message["channel"]},
             {"message_id", message["id"]},
             {"action_id", action_id},
             {"value", sent}});
}

long feedback_number(const std::string& text) {
  const auto hash = text.find('#');
  if (hash == std::string::npos) return -1;
  std::size_t end = hash + 1;
  while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end])))
    ++end;
  if (end == hash + 1) return -1;
  return std::stol(text.substr(hash + 1, end - hash - 1));
}

}  // namespace csibot::e2e
