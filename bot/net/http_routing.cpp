// Routing an HTTP request of a connection to its handler: the path's routes, HEAD served by GET, and
// the server's own 404, 405, 426 and 500.

#include <algorithm>
#include <boost/beast/http.hpp>

#include "bot/net/detail/http_connection.hpp"

namespace csibot::net::detail {

namespace asio = boost::asio;
namespace http = boost::beast::http;

std::pair<std::string, std::string> split_target(std::string_view target) {
  const auto mark = target.find('?');
  if (mark == std::string_view::npos) return {std::string{target}, {}};
  return {std::string{target.substr(0, mark)}, std::string{target.substr(mark + 1)}};
}

request to_request(http_request& req, const std::string& remote) {
  request out;
  out.method = std::string{req.method_string()};
  std::tie(out.target, out.query) = split_target(req.target());
  for (const auto& field : req)
    out.headers.add(std::string{field.name_string()}, std::string{field.value()});
  out.body = std::move(req.body());
  out.remote_address = remote;
  return out;
}

namespace {

// For a 405's Allow: HEAD goes wherever GET is, as answer() serves it there.
std::string allowed_methods(const std::vector<route>& routes) {
  const auto has = [&](std::string_view m) {
    return std::any_of(routes.begin(), routes.end(), [&](const route& r) { return r.method == m; });
  };
  std::string allow;
  for (const auto& r : routes) {
    allow += (allow.empty() ? "" : ", ") + r.method;
    if (r.method == "GET" && !has("HEAD")) allow += ", HEAD";
  }
  return allow;
}

}  // namespace

asio::awaitable<response> connection::answer(http_request& req) {
  const auto path = split_target(req.target()).first;
  const auto found = state_->routes.find(path);
  if (found == state_->routes.end()) {
    if (!state_->ws_routes.contains(path)) co_return error_response(404, "not found", wants_json(req, {}));
    auto res = error_response(426, "WebSocket upgrade required", wants_json(req, {}));
    res.headers.add("Upgrade", "websocket");
    co_return res;
  }
  const auto method = req.method_string();
  const auto& routes = found->second;
  const auto with_method = [&](std::string_view m) {
    return std::find_if(routes.begin(), routes.end(), [&](const route& r) { return r.method == m; });
  };
  auto match = with_method(method);
  // RFC 9110 §9.3.2: HEAD is GET without the body, so every GET route answers it; write() leaves
  // the body out and keeps its Content-Length.
  if (match == routes.end() && req.method() == http::verb::head) match = with_method("GET");
  if (match == routes.end()) {
    auto res = error_response(405, "method not allowed", wants_json(req, {}));
    res.headers.add("Allow", allowed_methods(routes));
    co_return res;
  }
  try {
    if (const auto* sync = std::get_if<http_server::sync_handler>(&match->handler)) {
      co_return (*sync)(to_request(req, remote_));
    }
    co_return co_await std::get<http_server::async_handler>(match->handler)(to_request(req, remote_));
  } catch (const std::exception& e) {
    log(std::string{"http handler for "} + std::string{method} + " " + path + " failed: " + e.what());
  }
  co_return error_response(500, "internal error", wants_json(req, {}));
}

}  // namespace csibot::net::detail
