#include "bench/support/run_folder.hpp"

#include <unistd.h>

#include <fstream>
#include <string>

namespace csibot::bench {

std::filesystem::path fresh_run_folder(std::string_view tool, std::size_t in_flight) {
  const auto dir =
      std::filesystem::temp_directory_path() /
      ("csibot-" + std::string{tool} + "-" + std::to_string(getpid()) + "-" + std::to_string(in_flight));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

std::filesystem::path write_config(const std::filesystem::path& dir, std::string_view name,
                                   std::string_view platform) {
  const auto file = dir / name;
  std::ofstream out{file};
  out << "[bot]\ndatabase = \"load.db\"\nlisten = \"127.0.0.1:0\"\nlog_level = \"warn\"\n\n"
      << platform
      << "[[service]]\nid = \"vpn\"\nname = \"Remote access VPN\"\ncriticality = \"high\"\n"
         "scale = \"csat5\"\nanonymity = \"identified\"\n";
  return file;
}

}  // namespace csibot::bench
