#pragma once
/// The test's side of the wire: one io_context on a background thread with csibot's own
/// net::ws_client and net::http_client, used to talk to a csibot child process (and to Chromium's
/// DevTools endpoint). Chat users are the chat_user of tests/platform/chat_harness.hpp.
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "bot/net/http_client.hpp"
#include "bot/net/ws_client.hpp"
#include "platform/chat_harness.hpp"

namespace csibot::e2e {

using json = nlohmann::json;
using platform::local::test::chat_user;

class client {
 public:
  client();
  ~client();
  client(const client&) = delete;
  client& operator=(const client&) = delete;

  boost::asio::io_context& io() { return io_; }

  /// Opens ws://127.0.0.1:port/local/ws (no hello yet); throws when it cannot.
  std::shared_ptr<chat_user> connect(std::uint16_t port);
  /// Connects and says hello as `name`; fails the test when no welcome arrives.
  std::shared_ptr<chat_user> join(std::uint16_t port, const std::string& name);
  /// Opens any ws:// URL with `options` and runs the session; the caller installs callbacks in
  /// `attach` (called on the io thread before the first frame can arrive).
  std::shared_ptr<net::ws_session> open(
      const std::string& url, const net::ws_client_options& options,
      const std::function<void(const std::shared_ptr<net::ws_session>&)>& attach);
  /// An HTTP GET; a network failure comes back in http_result::error.
  net::http_result get(const std::string& url);

 private:
  boost::asio::io_context io_;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_;
  std::unique_ptr<net::ws_client> ws_;
  /// Clients with other options (CDP); a ws_client ends its sessions when it goes, so they stay.
  std::vector<std::shared_ptr<net::ws_client>> other_ws_;
  std::unique_ptr<net::http_client> http_;
  std::thread thread_;
};

/// A chat frame predicate: a bot message in `channel`.
bool is_bot_message_in(const json& frame, const std::string& channel);
/// The text of a message frame's body ("" when none).
std::string body_text(const json& frame);
/// Everything a person reads in a message or update frame: header, text, fields and context.
std::string shown(const json& frame);

// The steps of a person in the chat, as the browser would do them. Each waits with chat_user's
// deadline and fails the test (returning null) when the expected frame does not come.

/// Any frame the user has received so far or receives before the deadline that matches, whatever
/// came before or after it (chat_user::next() only looks past the frames it already returned). Polls
/// the user's frames every 10 ms; fails the test and returns null after the deadline.
json saw(chat_user& user, const std::function<bool(const json&)>& match, const std::string& what);

/// Sends a `message` frame.
void say(chat_user& user, const std::string& channel, const std::string& text);
/// The next bot message in `channel` that shows `part` (see shown()).
json bot_says(chat_user& user, const std::string& channel, const std::string& part);
/// The next bot message in `channel` with a button of `action_id` (a rating or impact question).
json question_with_buttons(chat_user& user, const std::string& channel, const std::string& action_id);
/// Clicks the button of `message` with `action_id` and `value`; fails the test when there is none.
void click(chat_user& user, const json& message, const std::string& action_id, const std::string& value);
/// The feedback number in a text such as "… is *#12*. …"; -1 when there is none.
long feedback_number(const std::string& text);

}  // namespace csibot::e2e
