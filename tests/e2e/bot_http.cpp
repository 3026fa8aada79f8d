#include "e2e/bot_http.hpp"

#include <boost/asio/io_context.hpp>

#include "bot/net/http_client.hpp"
#include "support/io_wait.hpp"

namespace csibot::e2e {

std::string http_get(const running_bot& bot, const std::string& path) {
  boost::asio::io_context io;
  net::http_client client{io};
  const auto r = test::run_task(io, client.request("GET", bot.base_url() + path));
  return r && r->ok() && r->status == 200 ? r->body : std::string{};
}

}  // namespace csibot::e2e
