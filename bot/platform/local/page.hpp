#pragma once
/// Serving csibot's own web pages (the local chat and the dashboard) from the files embedded by web/.
#include "bot/net/http_types.hpp"
#include "web/assets.hpp"

namespace csibot::platform::local {

/// The embedded file as a response with the headers every page of ours carries: a strict
/// Content-Security-Policy (our own scripts only, no inline script, no framing), nosniff, no
/// referrer, and revalidation on every load.
net::response serve_page(const web::asset& a);

}  // namespace csibot::platform::local
