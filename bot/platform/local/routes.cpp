#include "bot/net/http_server.hpp"
#include "bot/platform/local/local_platform.hpp"
#include "web/assets.hpp"

namespace csibot::platform::local {
namespace {

net::response serve(const web::asset& a) {
  net::response r;
  r.content_type = std::string(a.content_type);
  r.body = std::string(a.body);
  // The page and its scripts come from this server only: no inline script, no CDN, no framing, so
  // that text someone typed into the chat can never run as code even if escaping had a hole.
  r.headers.set("Content-Security-Policy",
                "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
                "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
  r.headers.set("X-Content-Type-Options", "nosniff");
  r.headers.set("Referrer-Policy", "no-referrer");
  // Small files, embedded into the binary: revalidate on every load so an upgrade shows at once.
  r.headers.set("Cache-Control", "no-cache");
  return r;
}

}  // namespace

void install_routes(net::http_server& server, local_platform& platform) {
  for (const char* path : {"/", "/index.html", "/app.css", "/app.js"}) {
    server.add_route("GET", path, [path](const net::request&) {
      const auto* a = web::find_asset(path);
      return a != nullptr ? serve(*a) : net::response::text(404, "not found\n");
    });
  }
  server.add_ws_route("/local/ws", [&platform](std::shared_ptr<net::ws_session> session,
                                               const net::request&) { platform.attach(std::move(session)); });
}

}  // namespace csibot::platform::local
