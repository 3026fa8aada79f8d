#pragma once
/// Log set-up: spdlog to stderr as text or as one JSON object per line (SPEC §10).
#include <string>

namespace csibot::runtime {

/// `level`: trace|debug|info|warn|error; `format`: text|json. Throws std::invalid_argument otherwise.
void setup_logging(const std::string& level, const std::string& format);

}  // namespace csibot::runtime
