#include "bot/net/http_server.hpp"
#include "bot/platform/local/guard.hpp"
#include "bot/platform/local/local_platform.hpp"
#include "bot/platform/local/page.hpp"
#include "web/assets.hpp"

namespace csibot::platform::local {
void install_routes(net::http_server& server, local_platform& platform) {
  auto guard = std::make_shared<request_guard>(server, platform.settings(), "local chat");
  for (const char* path : {"/", "/index.html", "/app.css", "/app.js"}) {
    server.add_route("GET", path, request_guard::guarded(guard, [path](const net::request&) {
                       const auto* a = web::find_asset(path);
                       return a != nullptr ? serve_page(*a) : net::response::text(404, "not found\n");
                     }));
  }
  // Refused before the handshake (403): a refused page never holds a socket, so no frame of it is
  // ever read as a hello.
  server.add_ws_route(
      "/local/ws",
      [&platform](std::shared_ptr<net::ws_session> session, const net::request&) {
        platform.attach(std::move(session));
      },
      [guard](const net::request& upgrade) { return guard->check_socket(upgrade); });
}

}  // namespace csibot::platform::local
