#include "e2e/bot_http.hpp"

#include <boost/asio/io_context.hpp>
#include <thread>

#include "bot/net/http_client.hpp"
#include "support/io_wait.hpp"

namespace csibot::e2e {

std::string http_get(const running_bot& bot, const std::string& path) {
  boost::asio::io_context io;
  net::http_client client{io};
  const auto r = test::run_task(io, client.request("GET", bot.base_url() + path));
  return r && r->ok() && r->status == 200 ? r->body : std::string{};
}

std::string http_get_until(const running_bot& bot, const std::string& path, std::string_view needle,
                           std::chrono::milliseconds deadline) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  for (;;) {
    auto body = http_get(bot, path);
    if (body.find(needle) != std::string::npos || std::chrono::steady_clock::now() >= until) {
      return body;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds{20});
  }
}

}  // namespace csibot::e2e
