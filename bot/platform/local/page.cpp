#include "bot/platform/local/page.hpp"

namespace csibot::platform::local {

net::response serve_page(const web::asset& a) {
  net::response r;
  r.content_type = std::string(a.content_type);
  r.body = std::string(a.body);
  // The pages and their scripts come from this server only: no inline script, no CDN, no framing, so
  // that text someone typed (a chat message, a quoted comment) can never run as code even if escaping
  // had a hole.
  r.headers.set("Content-Security-Policy",
                "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
                "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
  r.headers.set("X-Content-Type-Options", "nosniff");
  r.headers.set("Referrer-Policy", "no-referrer");
  // Small files, embedded into the binary: revalidate on every load so an upgrade shows at once.
  r.headers.set("Cache-Control", "no-cache");
  return r;
}

}  // namespace csibot::platform::local
