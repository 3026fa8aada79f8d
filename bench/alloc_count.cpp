// An LD_PRELOAD library that counts a process's heap allocations (malloc, calloc, realloc; operator
// new goes through malloc) and writes the total to the file named by CSIBOT_ALLOC_COUNT_OUT when the
// process exits. A deterministic measure of per-command work that the shared 2-core machine's timing
// noise (30-50 % between runs) cannot hide; each count costs one relaxed atomic increment, so the
// process runs at full speed. Used through bench/alloc-count (docs/PERFORMANCE.md).
#include <atomic>
#include <cstddef>
#include <cstdio>
#include <cstdlib>

extern "C" {
// glibc's own entry points: the counting wrappers below forward to them.
void* __libc_malloc(std::size_t size);
void* __libc_calloc(std::size_t count, std::size_t size);
void* __libc_realloc(void* pointer, std::size_t size);
}

namespace {

std::atomic<unsigned long long> allocations{0};

void count() {
  allocations.fetch_add(1, std::memory_order_relaxed);
}

// Runs after main() returns or exit() is called: the process's allocations are all counted by then.
__attribute__((destructor)) void report() {
  const char* path = std::getenv("CSIBOT_ALLOC_COUNT_OUT");
  if (path == nullptr || *path == '\0') return;
  if (std::FILE* out = std::fopen(path, "w")) {
    std::fprintf(out, "%llu\n", allocations.load());
    std::fclose(out);
  }
}

}  // namespace

extern "C" {

void* malloc(std::size_t size) {
  count();
  return __libc_malloc(size);
}

void* calloc(std::size_t count_of, std::size_t size) {
  count();
  return __libc_calloc(count_of, size);
}

void* realloc(void* pointer, std::size_t size) {
  count();
  return __libc_realloc(pointer, size);
}

}  // extern "C"
