#pragma once
/// A fresh folder under the system temp dir for one test, removed with everything in it afterwards.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <string_view>

namespace csibot::storage::test {

class temp_dir {
 public:
  temp_dir() {
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() /
            ("csibot-storage-test-" + std::to_string(random()) + "-" + std::to_string(random()));
    std::filesystem::create_directories(path_);
  }
  ~temp_dir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(std::string_view name) const { return path_ / name; }

  /// Every byte of every file in the folder (the database, and its -wal/-shm when present).
  std::string all_bytes() const {
    std::string bytes;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(path_)) {
      if (!entry.is_regular_file()) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      bytes.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    return bytes;
  }

 private:
  std::filesystem::path path_;
};

}  // namespace csibot::storage::test
