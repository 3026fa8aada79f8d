#pragma once
/// The dashboard (SPEC §1 "CSI / service manager", §9): the page at /dashboard shows the catalog's
/// figures for a period chosen on the page, and reads them as JSON from /dashboard/digest. The figures
/// are the digest's (`/csi digest`, `csibot digest --format json`), so every view says the same thing
/// and hides what the digest hides (small anonymous groups). docs/dashboard.md describes it.
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/settings.hpp"
#include "core/service.hpp"
#include "core/time.hpp"

namespace csibot::net {
class http_server;
}
namespace csibot::storage {
class database;
}

namespace csibot::platform::local {

/// What the dashboard reads. Everything is used on the io thread, where the routes run.
struct dashboard_source {
  storage::database& db;
  const config::settings& settings;
  std::function<const std::vector<core::service>&()> catalog;
  std::function<core::timestamp()> now;
};

/// A digest computed for the same period and language within this long is served again, so that
/// several open dashboards (or a reload loop) cost one pass over the answers, not one each. A pass
/// over a large history takes the io thread for a while (docs/PERFORMANCE.md "Insight pass").
inline constexpr std::chrono::seconds dashboard_reuse{3};

/// Fresh digests (not served again) are computed at most this often, whatever their period: a
/// visitor asking for a new period in a loop (since:2026-01-01, since:2026-01-02, …) would otherwise
/// keep the event loop busy. A request inside the gap is answered 429 with Retry-After; the page
/// waits and asks again.
inline constexpr std::chrono::milliseconds dashboard_fresh_gap{250};

/// The rule behind dashboard_fresh_gap: admits a computation at `at` when the last one admitted was
/// at least `gap` earlier (or there was none).
class fresh_gate {
 public:
  explicit fresh_gate(std::chrono::steady_clock::duration gap) : gap_(gap) {}
  bool admit(std::chrono::steady_clock::time_point at);

 private:
  std::chrono::steady_clock::duration gap_;
  std::optional<std::chrono::steady_clock::time_point> last_;
};

/// Installs GET /dashboard (the page), /dashboard.js, /dashboard.css, the shared /ui.js and
/// /theme.css, and /dashboard/digest?period=P&lang=L (JSON). Installed with every platform mix: a
/// Slack-only bot has a dashboard too, for loopback visitors. As the chat's page, each answers 403 to a
/// request whose Host is not a name of the bot (guard.hpp). `server` must outlive its routes' calls.
void install_dashboard(net::http_server& server, dashboard_source source);

/// Whether a visitor from `remote_address` may see the dashboard. From a loopback address always
/// (an admin on the host, or through an SSH tunnel). From elsewhere only when the local chat is on:
/// its page already lets anyone who reaches it ask for the same digest with `/csi digest`; without
/// it the port may face the internet (Slack's HTTP mode) and feedback must not be readable there.
bool dashboard_visible_to(std::string_view remote_address, bool local_chat_on);

/// The language of the dashboard's words: the page's `lang` parameter when given, else the first
/// tag of the Accept-Language header, else `bot_language`; always one the catalog ships.
std::string dashboard_language(std::string_view lang_param, std::optional<std::string_view> accept_language,
                               std::string_view bot_language);

}  // namespace csibot::platform::local
