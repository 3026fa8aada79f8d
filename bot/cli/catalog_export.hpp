#pragma once
/// `csibot catalog export`: the catalog as the database holds it (config plus run-time changes),
/// as `[[service]]` TOML that can be pasted back into a config file.
#include <string>
#include <vector>

#include "core/service.hpp"

namespace csibot::cli {

std::string catalog_toml(const std::vector<core::service>& services);

}  // namespace csibot::cli
