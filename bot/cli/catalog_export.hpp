#pragma once
/// `csibot catalog export`: the catalog as the database holds it (config plus run-time changes),
/// as `[[service]]` TOML that can be pasted back into a config file: read back by config::load_string
/// it gives the same services, a `${` in a text included (written `$${`, so no variable replaces it).
#include <string>
#include <vector>

#include "core/service.hpp"

namespace csibot::cli {

std::string catalog_toml(const std::vector<core::service>& services);

}  // namespace csibot::cli
