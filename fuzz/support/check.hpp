#pragma once
/// The fuzz targets' assertion: a broken property must stop libFuzzer with a crash it records, in
/// every build type (assert() vanishes under NDEBUG).
#include <cstdlib>

namespace csibot::fuzz {

inline void check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace csibot::fuzz
