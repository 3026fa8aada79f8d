#include "storage/wal_batching_vfs.hpp"

#include <sqlite3.h>
#include <sys/mman.h>

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace csibot::storage {
namespace {

constexpr int wal_header_size = 32;    // the log's own header, at offset 0
constexpr int frame_header_size = 24;  // before each page; bytes 4-7: database size on commit
// The unix VFS writes at most 128 KiB - 1 per call (it masks the length with 0x1ffff: SQLite itself
// never writes more than a page), so the buffer holds at most what one pwrite may take. A larger
// one would save little (a group commit of 50 commands is ~330 KiB: 3 writes instead of 160) and
// stay resident: the bot's first commits (the schema) would fill it before it idles.
constexpr std::size_t capacity = 124 * 1024;

sqlite3_vfs* base_vfs = nullptr;  // the default VFS, which does the actual I/O

/// A "-wal" file: the default VFS's file object (placed after this one in the block SQLite
/// allocates, szOsFile) and the writes not passed on yet, which cover [start, start + used).
struct wal_file {
  sqlite3_file base;
  sqlite3_file* real;
  unsigned char* buffer;
  std::size_t used;
  sqlite3_int64 start;
  bool commit_frame_open;  // the last write was a commit frame's header: its page ends the commit
};

constexpr std::size_t real_offset = (sizeof(wal_file) + alignof(std::max_align_t) - 1) /
                                    alignof(std::max_align_t) * alignof(std::max_align_t);

wal_file* wal(sqlite3_file* file) {
  return reinterpret_cast<wal_file*>(file);
}

const sqlite3_io_methods& real_methods(const wal_file* f) {
  return *f->real->pMethods;
}

// Mapped rather than taken from malloc: a block just below glibc's mmap threshold sat in the heap,
// where trimming around it made csibot_bench_group_commit fault 17 times as many pages. Mapped, the
// buffer of an open log faults its pages in once, as far as commits fill it.
unsigned char* map_buffer() {
  void* block = mmap(nullptr, capacity, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  return block == MAP_FAILED ? nullptr : static_cast<unsigned char*>(block);
}

/// Passes the gathered writes on as one. They are dropped whether or not that worked: after a
/// failed write SQLite rolls the transaction back and writes its frames again.
int flush(wal_file* f) {
  if (f->used == 0) return SQLITE_OK;
  const int rc = real_methods(f).xWrite(f->real, f->buffer, static_cast<int>(f->used), f->start);
  f->used = 0;
  return rc;
}

std::uint32_t big_endian_32(const void* bytes) {
  const auto* b = static_cast<const unsigned char*>(bytes);
  return (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) | b[3];
}

int wal_write(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
  auto* f = wal(file);
  const auto size = static_cast<std::size_t>(amount);
  // Pages are 512 bytes or more, so a 24-byte write past the log header is a frame header; the
  // write after a commit frame's header is that frame's page, the last of the transaction.
  const bool header = amount == frame_header_size && offset >= wal_header_size;
  const bool ends_commit = !header && f->commit_frame_open;
  f->commit_frame_open = header && big_endian_32(static_cast<const unsigned char*>(data) + 4) != 0;
  // Only a write that continues the gathered ones joins them; anything else goes after them.
  const bool follows_on = offset == f->start + static_cast<sqlite3_int64>(f->used);
  if (f->used > 0 && (!follows_on || f->used + size > capacity)) {
    if (const int rc = flush(f); rc != SQLITE_OK) return rc;
  }
  if (f->buffer == nullptr) f->buffer = map_buffer();
  if (f->buffer == nullptr || size > capacity) {  // no memory, or more than a buffer: write it now
    if (const int rc = flush(f); rc != SQLITE_OK) return rc;
    return real_methods(f).xWrite(f->real, data, amount, offset);
  }
  if (f->used == 0) f->start = offset;
  std::memcpy(f->buffer + f->used, data, size);
  f->used += size;
  // The log must hold the commit frame before SQLite publishes the commit in the WAL index, which
  // it does next, without a sync of this file under synchronous = NORMAL.
  return ends_commit ? flush(f) : SQLITE_OK;
}

int wal_close(sqlite3_file* file) {
  auto* f = wal(file);
  const int flushed = flush(f);
  if (f->buffer != nullptr) munmap(f->buffer, capacity);
  f->buffer = nullptr;
  const int closed = real_methods(f).xClose(f->real);
  return flushed != SQLITE_OK ? flushed : closed;
}

// Everything that reads, sizes, syncs or truncates the file sees the gathered writes first.
int wal_read(sqlite3_file* file, void* data, int amount, sqlite3_int64 offset) {
  auto* f = wal(file);
  if (const int rc = flush(f); rc != SQLITE_OK) return rc;
  return real_methods(f).xRead(f->real, data, amount, offset);
}

int wal_truncate(sqlite3_file* file, sqlite3_int64 size) {
  auto* f = wal(file);
  if (const int rc = flush(f); rc != SQLITE_OK) return rc;
  return real_methods(f).xTruncate(f->real, size);
}

int wal_sync(sqlite3_file* file, int flags) {
  auto* f = wal(file);
  if (const int rc = flush(f); rc != SQLITE_OK) return rc;
  return real_methods(f).xSync(f->real, flags);
}

int wal_file_size(sqlite3_file* file, sqlite3_int64* size) {
  auto* f = wal(file);
  if (const int rc = flush(f); rc != SQLITE_OK) return rc;
  return real_methods(f).xFileSize(f->real, size);
}

int wal_file_control(sqlite3_file* file, int op, void* arg) {
  auto* f = wal(file);
  if (const int rc = flush(f); rc != SQLITE_OK) return rc;
  return real_methods(f).xFileControl(f->real, op, arg);
}

int wal_fetch(sqlite3_file* file, sqlite3_int64 offset, int amount, void** page) {
  auto* f = wal(file);
  *page = nullptr;
  if (const int rc = flush(f); rc != SQLITE_OK) return rc;
  if (real_methods(f).iVersion < 3) return SQLITE_OK;  // no mapping: SQLite reads instead
  return real_methods(f).xFetch(f->real, offset, amount, page);
}

int wal_unfetch(sqlite3_file* file, sqlite3_int64 offset, void* page) {
  auto* f = wal(file);
  if (real_methods(f).iVersion < 3) return SQLITE_OK;
  return real_methods(f).xUnfetch(f->real, offset, page);
}

// The rest is the default VFS's as it is.
int wal_lock(sqlite3_file* file, int level) {
  return real_methods(wal(file)).xLock(wal(file)->real, level);
}
int wal_unlock(sqlite3_file* file, int level) {
  return real_methods(wal(file)).xUnlock(wal(file)->real, level);
}
int wal_check_reserved_lock(sqlite3_file* file, int* out) {
  return real_methods(wal(file)).xCheckReservedLock(wal(file)->real, out);
}
int wal_sector_size(sqlite3_file* file) {
  return real_methods(wal(file)).xSectorSize(wal(file)->real);
}
int wal_device_characteristics(sqlite3_file* file) {
  return real_methods(wal(file)).xDeviceCharacteristics(wal(file)->real);
}
int wal_shm_map(sqlite3_file* file, int region, int size, int extend, void volatile** out) {
  const auto& m = real_methods(wal(file));
  return m.iVersion < 2 ? SQLITE_IOERR : m.xShmMap(wal(file)->real, region, size, extend, out);
}
int wal_shm_lock(sqlite3_file* file, int offset, int n, int flags) {
  const auto& m = real_methods(wal(file));
  return m.iVersion < 2 ? SQLITE_IOERR : m.xShmLock(wal(file)->real, offset, n, flags);
}
void wal_shm_barrier(sqlite3_file* file) {
  const auto& m = real_methods(wal(file));
  if (m.iVersion >= 2) m.xShmBarrier(wal(file)->real);
}
int wal_shm_unmap(sqlite3_file* file, int delete_flag) {
  const auto& m = real_methods(wal(file));
  return m.iVersion < 2 ? SQLITE_OK : m.xShmUnmap(wal(file)->real, delete_flag);
}

const sqlite3_io_methods wal_methods = {
    3,
    wal_close,
    wal_read,
    wal_write,
    wal_truncate,
    wal_sync,
    wal_file_size,
    wal_lock,
    wal_unlock,
    wal_check_reserved_lock,
    wal_file_control,
    wal_sector_size,
    wal_device_characteristics,
    wal_shm_map,
    wal_shm_lock,
    wal_shm_barrier,
    wal_shm_unmap,
    wal_fetch,
    wal_unfetch,
};

int open_file(sqlite3_vfs* /*vfs*/, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
  // Not a log: the default VFS's own object, in the block sized for ours (which is larger).
  if ((flags & SQLITE_OPEN_WAL) == 0) return base_vfs->xOpen(base_vfs, name, file, flags, out_flags);
  auto* f = wal(file);
  f->base.pMethods = nullptr;
  f->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(file) + real_offset);
  f->buffer = nullptr;
  f->used = 0;
  f->start = 0;
  f->commit_frame_open = false;
  const int rc = base_vfs->xOpen(base_vfs, name, f->real, flags, out_flags);
  if (rc != SQLITE_OK) {
    // A failed open may still have set the methods; SQLite then closes through ours.
    if (f->real->pMethods != nullptr) f->base.pMethods = &wal_methods;
    return rc;
  }
  f->base.pMethods = &wal_methods;
  return SQLITE_OK;
}

}  // namespace

const char* wal_batching_vfs() {
  static const char* const name = []() -> const char* {
    static sqlite3_vfs vfs{};
    base_vfs = sqlite3_vfs_find(nullptr);
    if (base_vfs == nullptr) return nullptr;
    vfs = *base_vfs;  // the default's functions, application data and limits
    vfs.pNext = nullptr;
    vfs.zName = "csibot-wal-batching";
    vfs.szOsFile = static_cast<int>(real_offset) + base_vfs->szOsFile;
    vfs.xOpen = open_file;
    if (sqlite3_vfs_register(&vfs, 0) != SQLITE_OK) return nullptr;
    return vfs.zName;
  }();
  return name;
}

}  // namespace csibot::storage
