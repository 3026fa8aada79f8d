#include "web/assets.hpp"

#include <span>

namespace csibot::web {

const asset* find_asset(std::string_view path) noexcept {
  // The chat lives at "/" (SPEC §12); the file behind it is index.html.
  if (path == "/") path = "/index.html";
  for (const asset& a : std::span{detail::all_assets, detail::asset_count}) {
    if (a.path == path) return &a;
  }
  return nullptr;
}

}  // namespace csibot::web
