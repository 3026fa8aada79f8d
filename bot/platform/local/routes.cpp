#include "bot/net/http_server.hpp"
#include "bot/platform/local/local_platform.hpp"
#include "bot/platform/local/page.hpp"
#include "web/assets.hpp"

namespace csibot::platform::local {
void install_routes(net::http_server& server, local_platform& platform) {
  for (const char* path : {"/", "/index.html", "/app.css", "/app.js"}) {
    server.add_route("GET", path, [path](const net::request&) {
      const auto* a = web::find_asset(path);
      return a != nullptr ? serve_page(*a) : net::response::text(404, "not found\n");
    });
  }
  server.add_ws_route("/local/ws", [&platform](std::shared_ptr<net::ws_session> session,
                                               const net::request&) { platform.attach(std::move(session)); });
}

}  // namespace csibot::platform::local
